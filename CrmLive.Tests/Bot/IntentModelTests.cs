using CrmLive.Infrastructure.Bot.Classifier;

namespace CrmLive.Tests.Bot;

public class IntentModelTests
{
    private static readonly Lazy<IntentModel> Shop = new(() => IntentModel.Train(ShopIntents.Training));

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
        using var loaded = IntentModel.Load(stream);

        Assert.Equal(Shop.Value.Intents, loaded.Intents);
        foreach (var example in ShopIntents.Unseen.Append(new("order #42 shipped?", "order_status")))
        {
            var before = Shop.Value.Predict(example.Text);
            var after = loaded.Predict(example.Text);
            Assert.Equal(before.Intent, after.Intent);
            Assert.Equal(before.Confidence, after.Confidence);
        }
    }

    [Fact]
    public void Train_SameExamplesAndSeed_SamePredictions()
    {
        using var first = IntentModel.Train(ShopIntents.Training, new IntentTrainingOptions(Seed: 3));
        using var second = IntentModel.Train(ShopIntents.Training, new IntentTrainingOptions(Seed: 3));

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
