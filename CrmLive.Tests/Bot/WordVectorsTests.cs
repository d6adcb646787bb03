using CrmLive.Infrastructure.Bot.Classifier;

namespace CrmLive.Tests.Bot;

public class WordVectorsTests
{
    private static WordVectors Vectors => TestWordVectors.Instance;

    [Fact]
    public void Load_TheBuildsFile_HasTheMostFrequentWords()
    {
        Assert.Equal(100_000, Vectors.Count);
        Assert.Equal(100, Vectors.Dimensions);
        Assert.Equal(300, Vectors.FeatureLength);
        Assert.Equal("glove-6b-100d:100000x100", Vectors.Name);
        foreach (var word in new[] { "the", "parcel", "refund", "delivery", "password", "cancel" })
            Assert.True(Vectors.Contains(word), word);
        Assert.False(Vectors.Contains("The"), "only the normaliser's lower-case words are kept");
    }

    [Theory]
    [InlineData("parcel", "package", "weather")]
    [InlineData("refund", "reimbursement", "holiday")]
    [InlineData("kitten", "cat", "truck")]
    public void Embed_RelatedWords_AreCloserThanUnrelated(string word, string related, string unrelated)
    {
        var w = Mean(word);
        Assert.True(Cosine(w, Mean(related)) > Cosine(w, Mean(unrelated)) + 0.2,
            $"{word}~{related} {Cosine(w, Mean(related)):0.00}, {word}~{unrelated} {Cosine(w, Mean(unrelated)):0.00}");
    }

    [Fact]
    public void Embed_KnownWords_ScalesEachBlockToTheWeight()
    {
        var features = Vectors.Embed("where is my parcel xqzvblorf", 0.5f);

        Assert.Equal(300, features.Length);
        for (var block = 0; block < 3; block++)
            Assert.Equal(0.5, Length(features.AsSpan(block * 100, 100)), 3);
    }

    [Fact]
    public void Embed_OneWord_MeanMaxAndMinAreThatWord()
    {
        var features = Vectors.Embed("parcel", 1f);

        Assert.Equal(features[..100], features[100..200]);
        Assert.Equal(features[..100], features[200..]);
    }

    [Fact]
    public void Embed_NoKnownWord_IsAllZeros()
    {
        Assert.All(Vectors.Embed("xqzvblorf wumptkk", 1f), v => Assert.Equal(0f, v));
        Assert.All(Vectors.Embed("", 1f), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void Load_WrittenFile_ReadsItsWordsAndValues()
    {
        using var file = new TempFile();
        TestWordVectors.Write(file.Path, [("parcel", [0.5f, -2f, 1.25f]), ("refund", [-0.1f, 0.3f, 4f])]);

        var vectors = WordVectors.Load(file.Path);

        Assert.Equal(2, vectors.Count);
        Assert.Equal(3, vectors.Dimensions);
        Assert.Equal($"{Path.GetFileNameWithoutExtension(file.Path)}:2x3", vectors.Name);
        var one = vectors.Embed("parcel", 1f)[..3];
        var length = Math.Sqrt(0.25 + 4 + 1.5625);
        Assert.Equal([0.5 / length, -2 / length, 1.25 / length], one.Select(v => (double)v), new Near(1e-3));
    }

    [Fact]
    public void Load_NotAVectorFile_SaysSo()
    {
        using var file = new TempFile();
        File.WriteAllText(file.Path, "the 0.1 0.2 0.3");

        var error = Assert.Throws<InvalidDataException>(() => WordVectors.Load(file.Path));
        Assert.Contains("not a CrmLive word-vector file", error.Message);
    }

    [Fact]
    public void Load_TruncatedFile_SaysSo()
    {
        using var file = new TempFile();
        var head = new byte[2_000_000];
        using (var source = File.OpenRead(WordVectors.DefaultPath))
            source.ReadExactly(head);
        File.WriteAllBytes(file.Path, head);

        var error = Assert.Throws<InvalidDataException>(() => WordVectors.Load(file.Path));
        Assert.Contains("truncated", error.Message);
    }

    private sealed class TempFile : IDisposable
    {
        public string Path { get; } = System.IO.Path.GetTempFileName();
        public void Dispose() => File.Delete(Path);
    }

    private sealed class Near(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;
        public int GetHashCode(double obj) => 0;
    }

    private static float[] Mean(string word) => Vectors.Embed(word, 1f)[..100];

    private static double Length(ReadOnlySpan<float> v)
    {
        var sum = 0.0;
        foreach (var x in v)
            sum += x * x;
        return Math.Sqrt(sum);
    }

    private static double Cosine(float[] a, float[] b) =>
        a.Zip(b, (x, y) => (double)x * y).Sum() / (Length(a) * Length(b));
}
