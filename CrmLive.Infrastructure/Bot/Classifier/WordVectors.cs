using System.Text;

namespace CrmLive.Infrastructure.Bot.Classifier;

/// <summary>
/// Pretrained English word vectors (GloVe 6B, 100 dimensions, the 100,000 most frequent words), so the classifier
/// knows that "parcel" is close to "package" even when no training example says so. The file is built from the
/// npm registry at build time (Bot/WordVectors); see convert.mjs there for its layout.
/// </summary>
public sealed class WordVectors
{
    public const string FileName = "glove-6b-100d.bin";
    private static readonly byte[] Magic = "CRMWV1"u8.ToArray();

    private readonly Dictionary<string, int> _index;
    private readonly float[] _values;

    private WordVectors(string name, Dictionary<string, int> index, float[] values, int dimensions)
    {
        Name = name;
        _index = index;
        _values = values;
        Dimensions = dimensions;
    }

    /// <summary>Where the build puts the file: beside the application's assemblies.</summary>
    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, "WordVectors", FileName);

    /// <summary>Identifies the vectors a model was trained with, so it is never read with different ones.</summary>
    public string Name { get; }

    public int Dimensions { get; }
    public int Count => _index.Count;

    /// <summary>Length of <see cref="Embed"/>'s result: mean, maximum and minimum of the words' vectors.</summary>
    public int FeatureLength => 3 * Dimensions;

    public bool Contains(string word) => _index.ContainsKey(word);

    public static WordVectors Load(string path)
    {
        using var reader = new BinaryReader(File.OpenRead(path), Encoding.UTF8);
        if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic))
            throw new InvalidDataException($"'{path}' is not a CrmLive word-vector file.");
        var count = reader.ReadInt32();
        var dimensions = reader.ReadInt32();
        var scale = reader.ReadSingle();
        if (count <= 0 || dimensions is <= 0 or > 4096 || !(scale > 0))
            throw new InvalidDataException($"'{path}' has a damaged header ({count} words, {dimensions} dimensions).");
        var index = new Dictionary<string, int>(count, StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
            index.TryAdd(Encoding.UTF8.GetString(reader.ReadBytes(reader.ReadByte())), i);
        var quantised = new short[count * dimensions];
        if (reader.Read(System.Runtime.InteropServices.MemoryMarshal.AsBytes(quantised.AsSpan())) != quantised.Length * sizeof(short))
            throw new InvalidDataException($"'{path}' is truncated.");
        var values = new float[quantised.Length];
        for (var i = 0; i < values.Length; i++)
            values[i] = quantised[i] / scale;
        return new WordVectors($"{Path.GetFileNameWithoutExtension(path)}:{count}x{dimensions}", index, values, dimensions);
    }

    /// <summary>
    /// The mean, maximum and minimum of the known words' vectors, each scaled to length <paramref name="weight"/>
    /// (the mean says what the text is about, the extremes keep a single telling word from being averaged away);
    /// zeros when no word is known. The text is expected normalised (<see cref="IntentTextNormalizer"/>).
    /// </summary>
    public float[] Embed(string normalizedText, float weight)
    {
        var d = Dimensions;
        var features = new float[3 * d];
        var sum = features.AsSpan(0, d);
        var max = features.AsSpan(d, d);
        var min = features.AsSpan(2 * d, d);
        var known = 0;
        var lookup = _index.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var range in normalizedText.AsSpan().Split(' '))
        {
            if (!lookup.TryGetValue(normalizedText.AsSpan()[range], out var at))
                continue;
            var vector = _values.AsSpan(at * d, d);
            for (var i = 0; i < d; i++)
            {
                sum[i] += vector[i];
                max[i] = known == 0 ? vector[i] : Math.Max(max[i], vector[i]);
                min[i] = known == 0 ? vector[i] : Math.Min(min[i], vector[i]);
            }
            known++;
        }
        if (known > 0)
        {
            ScaleTo(sum, weight);
            ScaleTo(max, weight);
            ScaleTo(min, weight);
        }
        return features;
    }

    private static void ScaleTo(Span<float> vector, float length)
    {
        var squares = 0f;
        foreach (var v in vector)
            squares += v * v;
        if (squares == 0)
            return;
        var factor = length / MathF.Sqrt(squares);
        for (var i = 0; i < vector.Length; i++)
            vector[i] *= factor;
    }
}
