namespace CrmLive.Domain.Analytics;

/// <summary>What the analytics jobs know about one customer at a point in time, gathered from their history.</summary>
/// <param name="CreatedAt">When the customer record was created (tenure counts from here).</param>
/// <param name="Orders">Orders that count: not cancelled or refunded.</param>
/// <param name="Revenue">The sum of those orders.</param>
/// <param name="AverageCsat">The mean of the customer's CSAT ratings (1–5); null when they never rated.</param>
/// <param name="RecentConversations">Conversations started within <see cref="AnalyticsWindows.Engagement"/>.</param>
public sealed record CustomerFeatures(
    Guid CustomerId,
    DateTimeOffset CreatedAt,
    DateTimeOffset? FirstOrderAt,
    DateTimeOffset? LastOrderAt,
    int Orders,
    decimal Revenue,
    double? AverageCsat,
    int RecentConversations)
{
    public bool HasOrders => Orders > 0 && LastOrderAt is not null;

    public double TenureDays(DateTimeOffset asOf) => Math.Max(0, (asOf - CreatedAt).TotalDays);

    public RfmInput ToRfmInput() => new(CustomerId, LastOrderAt, Orders, Revenue);
}

/// <summary>The time spans the formulas use, in one place so README and code agree.</summary>
public static class AnalyticsWindows
{
    /// <summary>Conversations started this recently count as engagement.</summary>
    public static readonly TimeSpan Engagement = TimeSpan.FromDays(90);

    /// <summary>Tenure at which the tenure part of the loyalty score is full.</summary>
    public static readonly TimeSpan FullTenure = TimeSpan.FromDays(730);

    /// <summary>Conversations within <see cref="Engagement"/> at which engagement is full.</summary>
    public const int FullEngagement = 3;
}

/// <summary>
/// The 0..1 scales every analytics model reads, so k-means sees comparable dimensions: RFM quintiles, tenure,
/// satisfaction (unrated counts as neutral) and engagement.
/// </summary>
public readonly record struct NormalizedFeatures(
    float Recency, float Frequency, float Monetary, float Tenure, float Satisfaction, float Engagement)
{
    public const int Dimensions = 6;

    public static NormalizedFeatures Of(RfmScore rfm, CustomerFeatures features, DateTimeOffset asOf) => new(
        Unit(rfm.Recency), Unit(rfm.Frequency), Unit(rfm.Monetary),
        (float)Math.Min(1, features.TenureDays(asOf) / AnalyticsWindows.FullTenure.TotalDays),
        SatisfactionOf(features.AverageCsat),
        Math.Min(1f, features.RecentConversations / (float)AnalyticsWindows.FullEngagement));

    public static float SatisfactionOf(double? averageCsat) => averageCsat is { } c ? (float)Math.Clamp((c - 1) / 4, 0, 1) : 0.5f;

    public float[] ToArray() => [Recency, Frequency, Monetary, Tenure, Satisfaction, Engagement];

    private static float Unit(int quintile) => (quintile - 1) / 4f;
}
