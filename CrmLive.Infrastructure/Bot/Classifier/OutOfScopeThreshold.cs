namespace CrmLive.Infrastructure.Bot.Classifier;

/// <summary>
/// Picks the confidence below which the bot treats a message as out of scope (asks to rephrase, then hands off).
/// </summary>
/// <remarks>
/// Criterion: on a validation set holding both in-scope and "oos" examples, the threshold that maximises in-scope
/// accuracy among those whose OOS recall is at least <c>minOosRecall</c>. Raising the threshold only ever trades
/// in-scope answers for OOS catches, so this is the lowest threshold reaching the recall target. If no threshold
/// reaches it, the one with the best recall (then best in-scope accuracy) is returned.
/// </remarks>
public static class OutOfScopeThreshold
{
    /// <summary>Default recall target: a comfortable margin over 50 % for the shift from validation to live data.</summary>
    public const double DefaultMinOosRecall = 0.6;

    public static OutOfScopeEvaluation Pick(
        IntentModel model, IReadOnlyList<LabelledUtterance> validation, double minOosRecall = DefaultMinOosRecall) =>
        Pick(validation, IntentEvaluator.PredictAll(model, validation), minOosRecall);

    public static OutOfScopeEvaluation Pick(
        IReadOnlyList<LabelledUtterance> validation, IReadOnlyList<IntentPrediction> predictions, double minOosRecall = DefaultMinOosRecall)
    {
        if (!validation.Any(v => v.Intent == IntentEvaluator.OutOfScope))
            throw new ArgumentException("The validation set needs out-of-scope (\"oos\") examples.", nameof(validation));

        // A threshold just above an example's confidence flags that example; 0 flags none.
        var candidates = predictions.Select(p => MathF.BitIncrement(p.Confidence)).Append(0f).Distinct().Order();
        OutOfScopeEvaluation? best = null;
        foreach (var threshold in candidates)
        {
            var e = IntentEvaluator.EvaluateOutOfScope(validation, predictions, threshold);
            if (best is null || Better(e, best, minOosRecall))
                best = e;
        }
        return best!;
    }

    private static bool Better(OutOfScopeEvaluation a, OutOfScopeEvaluation b, double minOosRecall)
    {
        bool aOk = a.OosRecall >= minOosRecall, bOk = b.OosRecall >= minOosRecall;
        if (aOk != bOk)
            return aOk;
        if (aOk)
            return a.InScopeAccuracy > b.InScopeAccuracy;
        return a.OosRecall > b.OosRecall || (a.OosRecall == b.OosRecall && a.InScopeAccuracy > b.InScopeAccuracy);
    }
}
