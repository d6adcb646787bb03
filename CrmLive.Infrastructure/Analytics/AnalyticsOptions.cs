using System.ComponentModel.DataAnnotations;

namespace CrmLive.Infrastructure.Analytics;

/// <summary>Settings of the <c>Analytics</c> section.</summary>
public sealed class AnalyticsOptions
{
    public const string Section = "Analytics";

    /// <summary>How many segments k-means looks for (each gets a name from what its centre means).</summary>
    [Range(2, 8)]
    public int Segments { get; set; } = 6;

    /// <summary>
    /// A customer stays in last run's segment unless another segment's centre is nearer by more than this share of the
    /// distance (0 = always the nearest), so borderline customers do not flip every night.
    /// </summary>
    [Range(0.0, 1.0)]
    public double SegmentStickiness { get; set; } = 0.15;

    /// <summary>A customer with no order within this many days counts as churned (the churn model's label).</summary>
    [Range(14, 730)]
    public int ChurnWindowDays { get; set; } = 90;

    /// <summary>Customers saved per transaction; each saved chunk is a checkpoint a killed run resumes from.</summary>
    [Range(10, 100_000)]
    public int ChunkSize { get; set; } = 20_000;

    /// <summary>At most this many customers train k-means and the churn model; all of them are then scored.</summary>
    [Range(1_000, 2_000_000)]
    public int TrainingSample { get; set; } = 200_000;

    /// <summary>Seed of every random choice (sampling, k-means start, train/test split), so runs repeat exactly.</summary>
    public int Seed { get; set; } = 20261123;

    /// <summary>A run left unfinished longer ago than this is given up instead of resumed.</summary>
    public TimeSpan ResumeWithin { get; set; } = TimeSpan.FromHours(12);
}
