using System.Collections.Concurrent;
using CrmLive.Infrastructure.Bot.Classifier;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmLive.Infrastructure.Bot;

/// <summary>
/// This installation's word vectors, loaded on first use and shared by training and prediction. About 50 MB in
/// memory, so hosts in one process (tests, the two-instance bench) share one copy per file: it never changes.
/// </summary>
public sealed class WordVectorsSource(IOptions<BotOptions> options, ILogger<WordVectorsSource> logger)
{
    private static readonly ConcurrentDictionary<string, Lazy<WordVectors?>> Loaded = new();

    /// <summary>The vectors, or null when the file is missing or unreadable (logged).</summary>
    public WordVectors? Vectors
    {
        get
        {
            var path = Path.GetFullPath(string.IsNullOrWhiteSpace(options.Value.WordVectorsPath)
                ? WordVectors.DefaultPath
                : options.Value.WordVectorsPath);
            return Loaded.GetOrAdd(path, p => new Lazy<WordVectors?>(() => Load(p, logger))).Value;
        }
    }

    private static WordVectors? Load(string path, ILogger logger)
    {
        if (!File.Exists(path))
        {
            logger.LogWarning("No word vectors at {Path}: the bot understands only the words its examples use", path);
            return null;
        }
        try
        {
            var vectors = WordVectors.Load(path);
            logger.LogInformation("Word vectors loaded: {Words} words × {Dimensions} dimensions from {Path}",
                vectors.Count, vectors.Dimensions, path);
            return vectors;
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            logger.LogError(ex, "Word vectors at {Path} could not be read: the bot understands only the words its examples use", path);
            return null;
        }
    }
}
