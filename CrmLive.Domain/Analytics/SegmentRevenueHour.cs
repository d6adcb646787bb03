namespace CrmLive.Domain.Analytics;

/// <summary>
/// One closed UTC hour's revenue from one segment's customers (orders not cancelled or refunded, by the segment the
/// customer is in when the hour is counted). Kept so a dashboard's range reads a few rows per hour instead of every
/// order; each analytics run recounts the recent hours under the segments it has just assigned.
/// </summary>
public sealed class SegmentRevenueHour
{
    /// <summary>Customers created since the last analytics run have no segment yet.</summary>
    public const string NotScored = "Not scored yet";

    private SegmentRevenueHour() { }

    public SegmentRevenueHour(DateTimeOffset hour, string segment, int orders, decimal revenue)
    {
        if (hour.UtcTicks % TimeSpan.TicksPerHour != 0) throw new ArgumentException("An hour starts on the hour.", nameof(hour));
        Hour = hour.ToUniversalTime();
        Segment = segment;
        Orders = orders;
        Revenue = revenue;
    }

    public DateTimeOffset Hour { get; private set; }
    public string Segment { get; private set; } = "";
    public int Orders { get; private set; }
    public decimal Revenue { get; private set; }
}
