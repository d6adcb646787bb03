using System.Text;
using CrmLive.Infrastructure.Bot.Classifier;

namespace CrmLive.Tests.Bot;

/// <summary>The word vectors the build puts beside the tests, read once for the whole run; and small made-up ones.</summary>
internal static class TestWordVectors
{
    private static readonly Lazy<WordVectors> Loaded = new(() => WordVectors.Load(WordVectors.DefaultPath));

    public static WordVectors Instance => Loaded.Value;

    /// <summary>Small made-up vectors, read through a file as the real ones are; <paramref name="name"/> names the file.</summary>
    public static WordVectors Made(string name, IReadOnlyList<(string Word, float[] Vector)> words)
    {
        var path = Path.Combine(Path.GetTempPath(), $"{name}-{Guid.NewGuid():N}.bin");
        try
        {
            Write(path, words);
            return WordVectors.Load(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Writes a vector file in the layout convert.mjs (Bot/WordVectors) produces.</summary>
    public static void Write(string path, IReadOnlyList<(string Word, float[] Vector)> words)
    {
        var dimensions = words[0].Vector.Length;
        var scale = 32767f / words.SelectMany(w => w.Vector).Max(Math.Abs);
        using var writer = new BinaryWriter(File.Create(path));
        writer.Write("CRMWV1"u8);
        writer.Write(words.Count);
        writer.Write(dimensions);
        writer.Write(scale);
        foreach (var (word, _) in words)
        {
            var bytes = Encoding.UTF8.GetBytes(word);
            writer.Write((byte)bytes.Length);
            writer.Write(bytes);
        }
        foreach (var (_, vector) in words)
            foreach (var v in vector)
                writer.Write((short)Math.Round(v * scale));
    }
}
