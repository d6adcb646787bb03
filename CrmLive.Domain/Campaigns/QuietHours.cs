namespace CrmLive.Domain.Campaigns;

/// <summary>
/// A daily window in which nobody is messaged, in the customer's (or campaign's) time zone. May cross midnight
/// (22:00–08:00). The window is [Start, End): Start is quiet, End is not. Start == End means no quiet hours.
/// </summary>
public sealed record QuietHours(TimeOnly Start, TimeOnly End)
{
    public static readonly QuietHours None = new(default, default);

    public bool IsNone => Start == End;

    public bool Contains(DateTimeOffset instant, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return !IsNone && IsQuiet(TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime));
    }

    /// <summary>
    /// <paramref name="instant"/> itself when not quiet; otherwise the first instant at which the window ends, in the
    /// zone's local time. When that local time does not exist (clocks jumped forward), the first valid instant after it.
    /// </summary>
    public DateTimeOffset NextAllowed(DateTimeOffset instant, TimeZoneInfo zone)
    {
        if (!Contains(instant, zone))
            return instant;

        var local = TimeZoneInfo.ConvertTime(instant, zone).DateTime;
        // Crossing midnight, a quiet time after Start ends tomorrow; otherwise the window ends today.
        var endDate = Start > End && TimeOnly.FromDateTime(local) >= Start ? local.Date.AddDays(1) : local.Date;
        var endLocal = DateOnly.FromDateTime(endDate).ToDateTime(End);
        return FirstInstantAtOrAfter(endLocal, instant, zone);
    }

    public override string ToString() => IsNone ? "none" : $"{Start:HH\\:mm}\u2013{End:HH\\:mm}";

    private bool IsQuiet(TimeOnly time) => Start < End
        ? time >= Start && time < End
        : time >= Start || time < End;

    /// <summary>The first instant after <paramref name="after"/> whose wall-clock time in the zone is <paramref name="local"/> or later.</summary>
    private static DateTimeOffset FirstInstantAtOrAfter(DateTime local, DateTimeOffset after, TimeZoneInfo zone)
    {
        if (zone.IsAmbiguousTime(local))
        {
            // The time occurs twice when clocks go back: the first occurrence still ahead of us.
            var occurrences = zone.GetAmbiguousTimeOffsets(local).Select(offset => new DateTimeOffset(local, offset))
                .OrderBy(o => o.UtcDateTime).ToList();
            return occurrences.FirstOrDefault(o => o > after, occurrences[^1]);
        }
        if (!zone.IsInvalidTime(local))
            return new DateTimeOffset(local, zone.GetUtcOffset(local));

        // In a spring-forward gap: find the transition, the first instant whose wall clock has passed the gap.
        var offsetBefore = zone.GetUtcOffset(local.AddDays(-1));
        var offsetAfter = zone.GetUtcOffset(local.AddDays(1));
        var low = (local - offsetAfter).Ticks; // before the transition
        var high = (local - offsetBefore).Ticks; // at or after it
        while (low < high)
        {
            var middle = low + (high - low) / 2;
            if (WallClock(middle, zone) >= local) high = middle;
            else low = middle + 1;
        }
        return TimeZoneInfo.ConvertTime(new DateTimeOffset(high, TimeSpan.Zero), zone);
    }

    private static DateTime WallClock(long utcTicks, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(new DateTimeOffset(utcTicks, TimeSpan.Zero), zone).DateTime;
}
