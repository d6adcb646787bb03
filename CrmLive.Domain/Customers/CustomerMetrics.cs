namespace CrmLive.Domain.Customers;

/// <summary>What the analytics jobs compute for a customer; every part stays null until a job has run.</summary>
public sealed record CustomerMetrics(
    string? Segment,
    int? LoyaltyScore,
    string? LoyaltyTier,
    decimal? LifetimeValue,
    double? ChurnRisk,
    double? AverageCsat,
    DateTimeOffset? ComputedAt)
{
    public static readonly CustomerMetrics NotComputed = new(null, null, null, null, null, null, null);
}
