namespace CrmLive.Domain.Analytics;

/// <summary>One segment of a run: its centre on the 0..1 scales, and what its customers add up to.</summary>
public sealed record SegmentSummary(string Name, float[] Centre, int Customers, decimal Revenue, double AverageLoyalty,
    double? AverageChurnRisk);

/// <summary>What a run found, kept with it for the dashboards: segments, customers per tier, and how many buy.</summary>
public sealed record AnalyticsSummary(IReadOnlyList<SegmentSummary> Segments, IReadOnlyDictionary<string, int> Tiers, int Buyers)
{
    public static readonly AnalyticsSummary Empty = new([], new Dictionary<string, int>(), 0);

    public int Customers => Segments.Sum(s => s.Customers);
}
