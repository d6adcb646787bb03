using CrmLive.Domain.Common;

namespace CrmLive.Domain.Campaigns;

/// <summary>
/// At most <see cref="MaxMessages"/> campaign messages to one customer within any <see cref="Window"/> (across all
/// campaigns). MaxMessages 0 = no cap. Messages in (now − Window, now] count, and so do messages after now, so a
/// clock running slightly behind another server's cannot let an extra message through.
/// </summary>
public sealed record FrequencyCap(int MaxMessages, TimeSpan Window)
{
    private static readonly TimeSpan LongestWindow = TimeSpan.FromDays(365);

    public static readonly FrequencyCap None = new(0, TimeSpan.Zero);

    // Get-only (no `with`), so a cap can only be made through the validating constructor.
    public int MaxMessages { get; } = Validated(MaxMessages, Window);

    public TimeSpan Window { get; } = Window;

    public bool IsNone => MaxMessages <= 0;

    public bool Allows(IEnumerable<DateTimeOffset> previousMessages, DateTimeOffset now) =>
        IsNone || Counting(previousMessages, now).Count < MaxMessages;

    /// <summary><paramref name="now"/> when allowed; otherwise when the oldest message that still counts leaves the window.</summary>
    public DateTimeOffset NextAllowed(IEnumerable<DateTimeOffset> previousMessages, DateTimeOffset now)
    {
        if (IsNone)
            return now;
        var counting = Counting(previousMessages, now);
        if (counting.Count < MaxMessages)
            return now;
        // Room for one more once all but MaxMessages − 1 of them have left the window.
        return counting[counting.Count - MaxMessages] + Window;
    }

    public override string ToString() => IsNone ? "no cap"
        : $"at most {MaxMessages} {(MaxMessages == 1 ? "message" : "messages")} in {Describe(Window)}";

    private List<DateTimeOffset> Counting(IEnumerable<DateTimeOffset> previousMessages, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(previousMessages);
        var windowStart = now - Window;
        return previousMessages.Where(sent => sent > windowStart).Order().ToList();
    }

    private static int Validated(int maxMessages, TimeSpan window)
    {
        if (maxMessages is < 0 or > 100)
            throw new DomainException("The frequency cap must be between 0 and 100 messages.");
        if (window < TimeSpan.Zero || window > LongestWindow)
            throw new DomainException("The frequency cap's period must be between 0 and 365 days.");
        if (maxMessages > 0 && window == TimeSpan.Zero)
            throw new DomainException("A frequency cap needs a period longer than zero.");
        return maxMessages;
    }

    private static string Describe(TimeSpan window) => window switch
    {
        { Ticks: var t } when t % TimeSpan.TicksPerDay == 0 => Count((int)window.TotalDays, "day"),
        { Ticks: var t } when t % TimeSpan.TicksPerHour == 0 => Count((int)window.TotalHours, "hour"),
        { Ticks: var t } when t % TimeSpan.TicksPerMinute == 0 => Count((int)window.TotalMinutes, "minute"),
        _ => Count((int)Math.Ceiling(window.TotalSeconds), "second"),
    };

    private static string Count(int amount, string unit) => amount == 1 ? $"1 {unit}" : $"{amount} {unit}s";
}
