namespace CrmLive.Domain.Conversations;

/// <summary>The snooze choices agents see, read on their own wall clock ("tomorrow 9:00" is their morning).</summary>
public static class SnoozePresets
{
    public static IReadOnlyList<(string Label, DateTimeOffset Until)> For(DateTimeOffset now, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var tomorrow = local.Date.AddDays(1);
        var daysToMonday = ((int)DayOfWeek.Monday - (int)local.DayOfWeek + 7) % 7;
        var monday = local.Date.AddDays(daysToMonday == 0 ? 7 : daysToMonday);
        return
        [
            ("In 1 hour", now.AddHours(1)),
            ("In 4 hours", now.AddHours(4)),
            ("Tomorrow, 9:00", AtNine(tomorrow, zone)),
            ("Next Monday, 9:00", AtNine(monday, zone)),
        ];
    }

    public static DateTimeOffset TomorrowMorning(DateTimeOffset now, TimeZoneInfo zone) => For(now, zone)[2].Until;

    private static DateTimeOffset AtNine(DateTime day, TimeZoneInfo zone)
    {
        var nine = DateTime.SpecifyKind(day.AddHours(9), DateTimeKind.Unspecified);
        return new DateTimeOffset(nine, zone.GetUtcOffset(nine));
    }
}
