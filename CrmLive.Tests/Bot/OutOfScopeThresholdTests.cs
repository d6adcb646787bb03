using CrmLive.Infrastructure.Bot.Classifier;

namespace CrmLive.Tests.Bot;

public class OutOfScopeThresholdTests
{
    private static readonly LabelledUtterance[] Validation =
    [
        new("where is my order", "order_status"),
        new("refund please", "returns"),
        new("open on sunday?", "opening_hours"),
        new("weather tomorrow", "oos"),
        new("tell me a joke", "oos"),
    ];

    private static IntentPrediction Guess(string intent, float confidence) => new(intent, confidence, [new(intent, confidence)]);

    [Fact]
    public void Pick_KeepsInScopeAnswersWhileReachingOosRecall()
    {
        IntentPrediction[] predictions =
        [
            Guess("order_status", 0.9f), Guess("returns", 0.7f), Guess("opening_hours", 0.5f),
            Guess("payment", 0.3f), Guess("delivery", 0.6f),
        ];

        var half = OutOfScopeThreshold.Pick(Validation, predictions, minOosRecall: 0.5);
        var all = OutOfScopeThreshold.Pick(Validation, predictions, minOosRecall: 1.0);

        // Catching "weather" (0.3) costs nothing; catching "joke" (0.6) too loses the 0.5 opening-hours answer.
        Assert.InRange(half.Threshold, 0.3f, 0.5f);
        Assert.Equal(1.0, half.InScopeAccuracy);
        Assert.Equal(0.5, half.OosRecall);
        Assert.InRange(all.Threshold, 0.6f, 0.7f);
        Assert.Equal(2 / 3.0, all.InScopeAccuracy, 6);
        Assert.Equal(1.0, all.OosRecall);
    }

    [Fact]
    public void EvaluateOutOfScope_OosIntentAndLowConfidence_BothCountAsOutOfScope()
    {
        IntentPrediction[] predictions =
        [
            Guess("order_status", 0.9f), Guess("returns", 0.2f), Guess("payment", 0.9f),
            Guess("oos", 0.9f), Guess("delivery", 0.1f),
        ];

        var e = IntentEvaluator.EvaluateOutOfScope(Validation, predictions, threshold: 0.5f);

        Assert.Equal(1 / 3.0, e.InScopeAccuracy, 6);
        Assert.Equal(1.0, e.OosRecall);
        Assert.Equal(3, e.InScopeCount);
        Assert.Equal(2, e.OosCount);
    }

    [Fact]
    public void Pick_WithTrainedModel_FlagsGibberishAsOutOfScope()
    {
        using var model = IntentModel.Train(ShopIntents.Training, vectors: TestWordVectors.Instance);
        LabelledUtterance[] validation =
        [
            .. ShopIntents.Unseen,
            new("what is the capital of peru", "oos"),
            new("xqzv blorf wumpt", "oos"),
        ];

        var picked = OutOfScopeThreshold.Pick(model, validation, minOosRecall: 0.5);

        Assert.True(picked.OosRecall >= 0.5);
        Assert.True(IntentEvaluator.IsOutOfScope(model.Predict("xqzv blorf wumpt"), picked.Threshold) || picked.OosRecall == 0.5);
    }

    [Fact]
    public void Evaluate_CountsAccuracyAndMacroF1()
    {
        LabelledUtterance[] test = [new("a", "x"), new("b", "x"), new("c", "y"), new("d", "y")];
        IntentPrediction[] predictions = [Guess("x", 1), Guess("x", 1), Guess("x", 1), Guess("y", 1)];

        var e = IntentEvaluator.Evaluate(test, predictions);

        Assert.Equal(0.75, e.Accuracy);
        // F1(x) = 2*2/(2+3) = 0.8, F1(y) = 2*1/(2+1) = 2/3.
        Assert.Equal((0.8 + 2 / 3.0) / 2, e.MacroF1, 6);
        Assert.Equal(4, e.Count);
    }
}
