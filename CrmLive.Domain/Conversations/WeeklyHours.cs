using System.Globalization;
using System.Text.RegularExpressions;
using CrmLive.Domain.Common;

namespace CrmLive.Domain.Conversations;

/// <summary>
/// When a team answers chats, written the way people say it: one line per rule, e.g. <c>Mon-Fri 09:00-17:30</c>,
/// <c>Sat 10:00-14:00</c>. Days not named are closed; an empty schedule means always open. Times are local to the
/// inbox's time zone, so daylight-saving changes need no edits.
/// </summary>
public sealed partial class WeeklyHours
{
    private static readonly string[] DayNames = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
    private readonly List<(DayOfWeek Day, TimeOnly From, TimeOnly To)> _ranges;

    private WeeklyHours(List<(DayOfWeek, TimeOnly, TimeOnly)> ranges, string text)
    {
        _ranges = ranges;
        Text = text;
    }

    public string Text { get; }
    public bool AlwaysOpen => _ranges.Count == 0;

    public static WeeklyHours Parse(string? text)
    {
        var ranges = new List<(DayOfWeek, TimeOnly, TimeOnly)>();
        var lines = (text ?? "").Split(['\n', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var line in lines)
        {
            var match = LinePattern().Match(line.ToLowerInvariant());
            if (!match.Success)
                throw new DomainException($"'{line}' is not like 'Mon-Fri 09:00-17:00'.");
            var first = Day(match.Groups["from"].Value, line);
            var last = match.Groups["to"].Success ? Day(match.Groups["to"].Value, line) : first;
            var open = Time(match.Groups["open"].Value, line);
            var close = Time(match.Groups["close"].Value, line);
            if (close <= open && close != TimeOnly.MinValue)
                throw new DomainException($"In '{line}' the closing time must be after the opening time.");
            for (var d = first; ; d = (d + 1) % 7)
            {
                ranges.Add(((DayOfWeek)d, open, close));
                if (d == last) break;
            }
        }
        return new WeeklyHours(ranges, string.Join('\n', lines));
    }

    /// <summary>Whether the team is in at <paramref name="instant"/>, read on the wall clock of <paramref name="zone"/>.</summary>
    public bool IsOpenAt(DateTimeOffset instant, TimeZoneInfo zone)
    {
        if (AlwaysOpen) return true;
        var local = TimeZoneInfo.ConvertTime(instant, zone);
        var time = TimeOnly.FromDateTime(local.DateTime);
        return _ranges.Any(r => r.Day == local.DayOfWeek
            && time >= r.From && (r.To == TimeOnly.MinValue || time < r.To)); // 24:00 is written 00:00
    }

    private static int Day(string name, string line)
    {
        var index = Array.IndexOf(DayNames, name[..3]);
        return index >= 0 ? index : throw new DomainException($"'{name}' in '{line}' is not a day.");
    }

    private static TimeOnly Time(string value, string line)
    {
        if (value is "24:00" or "24") return TimeOnly.MinValue;
        return TimeOnly.TryParseExact(value, ["H:mm", "HH:mm", "%H"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)
            ? t
            : throw new DomainException($"'{value}' in '{line}' is not a time like 09:00.");
    }

    [GeneratedRegex(@"^(?<from>[a-z]{3})[a-z]*\s*(-\s*(?<to>[a-z]{3})[a-z]*)?\s+(?<open>\d{1,2}(:\d{2})?)\s*-\s*(?<close>\d{1,2}(:\d{2})?)$",
        RegexOptions.None, matchTimeoutMilliseconds: 100)]
    private static partial Regex LinePattern();
}
