namespace CrmLive.Domain.Analytics;

public enum LoyaltyTier { Bronze, Silver, Gold, Platinum }

/// <summary>
/// The loyalty score, 0–100, and its tier. README.md ("Loyalty score") states the same formula:
/// <code>
/// score = 20·r + 20·f + 20·m + 15·tenure + 15·satisfaction + 10·engagement
/// </code>
/// where r, f, m are the RFM quintiles mapped 1..5 → 0..1 (0 without orders), tenure is the customer's age over two
/// years (capped at 1), satisfaction is the average CSAT mapped 1..5 → 0..1 (0.5 when they never rated, so silence is
/// neither rewarded nor punished), and engagement is conversations in the last 90 days over 3 (capped at 1).
/// Tiers: Platinum from 80, Gold from 60, Silver from 40, Bronze below.
/// </summary>
public static class LoyaltyFormula
{
    public const int RecencyWeight = 20, FrequencyWeight = 20, MonetaryWeight = 20;
    public const int TenureWeight = 15, SatisfactionWeight = 15, EngagementWeight = 10;
    public const int PlatinumFrom = 80, GoldFrom = 60, SilverFrom = 40;

    public static int Score(RfmScore? rfm, CustomerFeatures features, DateTimeOffset asOf)
    {
        var n = rfm is null
            ? NormalizedFeatures.Of(new RfmScore(1, 1, 1), features, asOf)
            : NormalizedFeatures.Of(rfm, features, asOf);
        var buying = rfm is null
            ? 0
            : RecencyWeight * n.Recency + FrequencyWeight * n.Frequency + MonetaryWeight * n.Monetary;
        var score = buying + TenureWeight * n.Tenure + SatisfactionWeight * n.Satisfaction + EngagementWeight * n.Engagement;
        return (int)Math.Clamp(Math.Round(score, MidpointRounding.AwayFromZero), 0, 100);
    }

    public static LoyaltyTier Tier(int score) => score switch
    {
        >= PlatinumFrom => LoyaltyTier.Platinum,
        >= GoldFrom => LoyaltyTier.Gold,
        >= SilverFrom => LoyaltyTier.Silver,
        _ => LoyaltyTier.Bronze,
    };
}
