using CrmLive.Infrastructure.Bot.Classifier;

namespace CrmLive.Tests.Bot;

public class IntentModelTests
{
    // As the product trains it: n-grams plus the build's word vectors.
    private static readonly Lazy<IntentModel> Shop = new(() => IntentModel.Train(ShopIntents.Training, vectors: TestWordVectors.Instance));

    [Fact]
    public void Train_ShopExamples_KnowsEveryIntent()
    {
        Assert.Equal(
            ["delivery", "opening_hours", "order_status", "payment", "returns"],
            Shop.Value.Intents.Order());
    }

    [Fact]
    public void Predict_UnseenParaphrases_FindsTheirIntent()
    {
        foreach (var example in ShopIntents.Unseen)
            Assert.True(Shop.Value.Predict(example.Text).Intent == example.Intent, $"'{example.Text}' should be {example.Intent}");
    }

    [Fact]
    public void Predict_AnyText_GivesBestThreeInOrder()
    {
        var prediction = Shop.Value.Predict("where is my parcel");

        Assert.Equal(3, prediction.Top.Count);
        Assert.Equal(prediction.Intent, prediction.Top[0].Intent);
        Assert.Equal(prediction.Confidence, prediction.Top[0].Confidence);
        Assert.True(prediction.Top[0].Confidence >= prediction.Top[1].Confidence);
        Assert.True(prediction.Top[1].Confidence >= prediction.Top[2].Confidence);
        Assert.InRange(prediction.Confidence, 0f, 1f);
    }

    [Fact]
    public void Predict_Gibberish_IsLessConfidentThanARealQuestion()
    {
        var gibberish = Shop.Value.Predict("xqzv blorf wumpt kk");
        var real = Shop.Value.Predict("are you open on saturday");

        Assert.True(gibberish.Confidence < real.Confidence, $"{gibberish.Confidence} vs {real.Confidence}");
    }

    [Fact]
    public void Predict_ManyThreadsAtOnce_SameAnswersAsOneThread()
    {
        var texts = ShopIntents.Unseen.Select(u => u.Text).ToArray();
        var expected = texts.Select(t => Shop.Value.Predict(t)).ToArray();

        Parallel.For(0, 200, i =>
            Assert.Equal(expected[i % texts.Length].Intent, Shop.Value.Predict(texts[i % texts.Length]).Intent));
    }

    [Fact]
    public void SaveThenLoad_GivesIdenticalPredictions()
    {
        using var stream = new MemoryStream();
        Shop.Value.Save(stream);
        stream.Position = 0;
        using var loaded = IntentModel.Load(stream, TestWordVectors.Instance);

        Assert.Equal(Shop.Value.Intents, loaded.Intents);
        Assert.Equal(TestWordVectors.Instance.Name, loaded.WordVectorsName);
        foreach (var example in ShopIntents.Unseen.Append(new("order #42 shipped?", "order_status")))
        {
            var before = Shop.Value.Predict(example.Text);
            var after = loaded.Predict(example.Text);
            Assert.Equal(before.Intent, after.Intent);
            Assert.Equal(before.Confidence, after.Confidence);
        }
    }

    [Fact]
    public void Load_ModelTrainedWithVectors_WithoutThem_AsksForARetrain()
    {
        using var stream = new MemoryStream();
        Shop.Value.Save(stream);
        stream.Position = 0;

        var error = Assert.Throws<InvalidDataException>(() => IntentModel.Load(stream, vectors: null));
        Assert.Contains("glove-6b-100d:100000x100", error.Message);
        Assert.Contains("Retrain the bot", error.Message);
    }

    [Fact]
    public void Load_ModelTrainedWithoutVectors_ReadsAsBefore()
    {
        using var plain = IntentModel.Train(ShopIntents.Training);
        using var stream = new MemoryStream();
        plain.Save(stream);
        stream.Position = 0;

        using var loaded = IntentModel.Load(stream, TestWordVectors.Instance);

        Assert.Null(loaded.WordVectorsName);
        foreach (var example in ShopIntents.Unseen)
            Assert.Equal(plain.Predict(example.Text), loaded.Predict(example.Text), PredictionComparer.Instance);
    }

    [Fact]
    public void Train_WithWordVectors_UnderstandsWordsNoExampleUses()
    {
        LabelledUtterance[] examples =
        [
            new("i love my dog", "pets"), new("my cat sleeps all day", "pets"), new("the puppy barks at night", "pets"),
            new("feeding the goldfish", "pets"),
            new("my car will not start", "vehicles"), new("the truck needs new tyres", "vehicles"),
            new("the bus was late again", "vehicles"), new("parking the van", "vehicles"),
        ];
        // Not one of these words, nor most of their letters, is in an example: only their meaning connects them.
        LabelledUtterance[] unseen =
        [
            new("kitten", "pets"), new("hamster", "pets"), new("parrot", "pets"),
            new("motorcycle", "vehicles"), new("lorry", "vehicles"), new("automobile", "vehicles"),
        ];

        using var withVectors = IntentModel.Train(examples, vectors: TestWordVectors.Instance);
        using var ngramsOnly = IntentModel.Train(examples);

        Assert.All(unseen, u => Assert.Equal(u.Intent, withVectors.Predict(u.Text).Intent));
        Assert.True(IntentEvaluator.Evaluate(ngramsOnly, unseen).Accuracy < 1,
            "n-grams alone should miss some of these, or this test shows nothing about the vectors");
    }

    [Fact]
    public void Train_SameExamplesAndSeed_SamePredictions()
    {
        using var first = IntentModel.Train(ShopIntents.Training, new IntentTrainingOptions(Seed: 3), TestWordVectors.Instance);
        using var second = IntentModel.Train(ShopIntents.Training, new IntentTrainingOptions(Seed: 3), TestWordVectors.Instance);

        foreach (var example in ShopIntents.Unseen)
            Assert.Equal(first.Predict(example.Text), second.Predict(example.Text), PredictionComparer.Instance);
    }

    [Fact]
    public void Train_ReportsProgressToCompletion()
    {
        var reported = new List<double>();
        using var _ = IntentModel.Train(ShopIntents.Training, progress: new SynchronousProgress(reported.Add));

        Assert.Equal(0, reported[0]);
        Assert.Equal(1, reported[^1]);
    }

    [Fact]
    public void Train_OneIntentOnly_Throws()
    {
        Assert.Throws<ArgumentException>(() =>
            IntentModel.Train([new("hi", "greeting"), new("hello", "greeting")]));
    }

    private sealed class SynchronousProgress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }

    private sealed class PredictionComparer : IEqualityComparer<IntentPrediction>
    {
        public static readonly PredictionComparer Instance = new();

        public bool Equals(IntentPrediction? x, IntentPrediction? y) =>
            x is not null && y is not null && x.Intent == y.Intent && x.Top.SequenceEqual(y.Top);

        public int GetHashCode(IntentPrediction obj) => obj.Intent.GetHashCode();
    }
}
