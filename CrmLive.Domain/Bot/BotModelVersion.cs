using CrmLive.Domain.Common;

namespace CrmLive.Domain.Bot;

/// <summary>
/// One trained intent model with its held-out scores. Every version is kept; at most one is active, and a new one
/// becomes active only when it scores at least as well as the active one (<see cref="PromotionGate"/>).
/// </summary>
public sealed class BotModelVersion : Entity
{
    private BotModelVersion() { }

    public BotModelVersion(int version, DateTimeOffset trainedAt, int examples, int intents, double accuracy, double macroF1,
        double trainSeconds, byte[] model)
    {
        Version = version;
        TrainedAt = trainedAt;
        Examples = examples;
        Intents = intents;
        Accuracy = accuracy;
        MacroF1 = macroF1;
        TrainSeconds = trainSeconds;
        Model = model;
    }

    public int Version { get; private set; }
    public DateTimeOffset TrainedAt { get; private set; }
    public int Examples { get; private set; }
    public int Intents { get; private set; }
    /// <summary>Accuracy on the held-out split it was evaluated on.</summary>
    public double Accuracy { get; private set; }
    public double MacroF1 { get; private set; }
    public double TrainSeconds { get; private set; }
    public bool IsActive { get; private set; }
    public string? Decision { get; private set; }
    public byte[] Model { get; private set; } = [];

    public void Promote(string why)
    {
        IsActive = true;
        Decision = why;
    }

    public void Retire() => IsActive = false;

    public void Reject(string why) => Decision = why;
}

/// <summary>
/// Whether a newly trained model may replace the active one: it must score at least as well on the same held-out
/// examples. Ties promote (fresher examples), a worse score never does.
/// </summary>
public static class PromotionGate
{
    public static (bool Promote, string Why) Decide(double candidateAccuracy, double? activeAccuracyOnSameSplit)
    {
        static string Pct(double v) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{v * 100:0.0}%");
        if (double.IsNaN(candidateAccuracy)) throw new DomainException("The candidate was not evaluated.");
        if (activeAccuracyOnSameSplit is not { } active)
            return (true, $"First model: {Pct(candidateAccuracy)} on the held-out examples.");
        return candidateAccuracy >= active
            ? (true, $"Promoted: {Pct(candidateAccuracy)} ≥ {Pct(active)} for the model it replaces.")
            : (false, $"Kept the active model: {Pct(candidateAccuracy)} < {Pct(active)}.");
    }
}
