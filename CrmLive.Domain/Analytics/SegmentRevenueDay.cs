namespace CrmLive.Domain.Analytics;

/// <summary>
/// One closed UTC day's revenue from one segment's customers (orders not cancelled or refunded, by the segment the
/// customer is in when the day is counted). Kept so a dashboard's range reads a few rows per day instead of every order;
/// each analytics run recounts the recent days under the segments it has just assigned.
/// </summary>
public sealed class SegmentRevenueDay
{
    /// <summary>Customers created since the last analytics run have no segment yet.</summary>
    public const string NotScored = "Not scored yet";

    private SegmentRevenueDay() { }

    public SegmentRevenueDay(DateTimeOffset day, string segment, int orders, decimal revenue)
    {
        if (day.UtcTicks % TimeSpan.TicksPerDay != 0) throw new ArgumentException("A day starts at UTC midnight.", nameof(day));
        Day = day.ToUniversalTime();
        Segment = segment;
        Orders = orders;
        Revenue = revenue;
    }

    public DateTimeOffset Day { get; private set; }
    public string Segment { get; private set; } = "";
    public int Orders { get; private set; }
    public decimal Revenue { get; private set; }
}
