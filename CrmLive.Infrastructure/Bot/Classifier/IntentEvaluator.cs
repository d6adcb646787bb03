namespace CrmLive.Infrastructure.Bot.Classifier;

/// <summary>Closed-set scores: every test example belongs to an intent the model knows.</summary>
/// <param name="MacroF1">Unweighted mean of per-intent F1 over the intents present in the test set.</param>
public sealed record IntentEvaluation(double Accuracy, double MacroF1, int Count, int Intents);

/// <summary>
/// Open-set scores at a confidence threshold: a prediction below it, or of the "oos" intent, means out of scope.
/// </summary>
/// <param name="InScopeAccuracy">Share of in-scope examples given their right intent at or above the threshold.</param>
/// <param name="OosRecall">Share of out-of-scope examples recognised as such.</param>
public sealed record OutOfScopeEvaluation(float Threshold, double InScopeAccuracy, double OosRecall, int InScopeCount, int OosCount);

public static class IntentEvaluator
{
    /// <summary>The label of out-of-scope examples (CLINC150's convention).</summary>
    public const string OutOfScope = "oos";

    public static IntentEvaluation Evaluate(IntentModel model, IReadOnlyList<LabelledUtterance> test) =>
        Evaluate(test, PredictAll(model, test));

    public static IntentEvaluation Evaluate(IReadOnlyList<LabelledUtterance> test, IReadOnlyList<IntentPrediction> predictions)
    {
        CheckSameLength(test, predictions);
        var intents = test.Select(t => t.Intent).Distinct().ToList();
        var correct = 0;
        var truePositives = new Dictionary<string, int>();
        var predicted = new Dictionary<string, int>();
        var actual = new Dictionary<string, int>();
        for (var i = 0; i < test.Count; i++)
        {
            var (want, got) = (test[i].Intent, predictions[i].Intent);
            actual[want] = actual.GetValueOrDefault(want) + 1;
            predicted[got] = predicted.GetValueOrDefault(got) + 1;
            if (want == got)
            {
                correct++;
                truePositives[want] = truePositives.GetValueOrDefault(want) + 1;
            }
        }
        var macroF1 = intents.Count == 0 ? 0 : intents.Average(intent =>
        {
            double tp = truePositives.GetValueOrDefault(intent);
            var denominator = actual.GetValueOrDefault(intent) + predicted.GetValueOrDefault(intent);
            return denominator == 0 ? 0 : 2 * tp / denominator;
        });
        return new IntentEvaluation(test.Count == 0 ? 0 : (double)correct / test.Count, macroF1, test.Count, intents.Count);
    }

    public static OutOfScopeEvaluation EvaluateOutOfScope(IntentModel model, IReadOnlyList<LabelledUtterance> test, float threshold) =>
        EvaluateOutOfScope(test, PredictAll(model, test), threshold);

    public static OutOfScopeEvaluation EvaluateOutOfScope(
        IReadOnlyList<LabelledUtterance> test, IReadOnlyList<IntentPrediction> predictions, float threshold)
    {
        CheckSameLength(test, predictions);
        int inScope = 0, inScopeRight = 0, oos = 0, oosRight = 0;
        for (var i = 0; i < test.Count; i++)
        {
            var saysOos = IsOutOfScope(predictions[i], threshold);
            if (test[i].Intent == OutOfScope)
            {
                oos++;
                oosRight += saysOos ? 1 : 0;
            }
            else
            {
                inScope++;
                inScopeRight += !saysOos && predictions[i].Intent == test[i].Intent ? 1 : 0;
            }
        }
        return new OutOfScopeEvaluation(
            threshold,
            inScope == 0 ? 0 : (double)inScopeRight / inScope,
            oos == 0 ? 0 : (double)oosRight / oos,
            inScope,
            oos);
    }

    public static bool IsOutOfScope(IntentPrediction prediction, float threshold) =>
        prediction.Intent == OutOfScope || prediction.Confidence < threshold;

    public static IReadOnlyList<IntentPrediction> PredictAll(IntentModel model, IReadOnlyList<LabelledUtterance> test) =>
        test.Select(t => model.Predict(t.Text)).ToList();

    private static void CheckSameLength(IReadOnlyList<LabelledUtterance> test, IReadOnlyList<IntentPrediction> predictions)
    {
        if (test.Count != predictions.Count)
            throw new ArgumentException("One prediction per test example is needed.", nameof(predictions));
    }
}
