using CrmLive.Domain.Common;

namespace CrmLive.Domain.Bot;

/// <summary>The bot's tunable settings, one row per installation, edited by managers.</summary>
public sealed class BotSettings
{
    public const int SingletonId = 1;
    public const float DefaultThreshold = 0.45f;

    public int Id { get; private set; } = SingletonId;

    /// <summary>Below this confidence the classifier's guess is not trusted: the bot asks to rephrase.</summary>
    public float Threshold { get; private set; } = DefaultThreshold;

    public void SetThreshold(float threshold)
    {
        if (threshold is < 0.05f or > 0.95f) throw new DomainException("The threshold must be between 0.05 and 0.95.");
        Threshold = threshold;
    }
}
