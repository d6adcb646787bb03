using CrmLive.Domain.Campaigns;

namespace CrmLive.Web.Components.Campaigns;

/// <summary>The editor's state: dates and times as the manager picks them, in the campaign's time zone.</summary>
public sealed class CampaignForm
{
    public string Name { get; set; } = "";
    public AudienceKind AudienceKind { get; set; } = AudienceKind.Segment;
    public string? AudienceValue { get; set; }
    public string? AudienceExcept { get; set; }
    public bool Widget { get; set; } = true;
    public bool Email { get; set; }
    public string? Subject { get; set; }
    public string Body { get; set; } = "Hi {{first_name|there}}! ";
    public DateTime? StartDate { get; set; } = DateTime.Today;
    public TimeSpan? StartTime { get; set; } = new(9, 0, 0);
    public bool StartOnLaunch { get; set; } = true;
    public DateTime? EndDate { get; set; } = DateTime.Today.AddDays(14);
    public bool QuietHours { get; set; } = true;
    public TimeSpan? QuietFrom { get; set; } = new(21, 0, 0);
    public TimeSpan? QuietTo { get; set; } = new(8, 0, 0);
    public string TimeZone { get; set; } = "UTC";
    public int CapMessages { get; set; } = 2;
    public int CapDays { get; set; } = 7;
    public int ControlPercent { get; set; } = 10;
    public int ConversionDays { get; set; } = 14;

    public CampaignChannels Channels =>
        (Widget ? CampaignChannels.Widget : CampaignChannels.None) | (Email ? CampaignChannels.Email : CampaignChannels.None);

    public CampaignAudience Audience => new(AudienceKind, AudienceValue ?? "", AudienceKind == AudienceKind.BoughtNotBought ? AudienceExcept : null);

    public CampaignPlan ToPlan(DateTimeOffset now)
    {
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out var z) ? z : TimeZoneInfo.Utc;
        var starts = StartOnLaunch ? now : Local(StartDate ?? DateTime.Today, StartTime ?? TimeSpan.Zero, zone);
        // The end date is inclusive: the campaign runs to the end of that day.
        var ends = Local((EndDate ?? DateTime.Today).AddDays(1), TimeSpan.Zero, zone);
        var (from, to) = QuietHours ? (TimeOnly.FromTimeSpan(QuietFrom ?? TimeSpan.Zero), TimeOnly.FromTimeSpan(QuietTo ?? TimeSpan.Zero)) : (default, default);
        return new CampaignPlan(Name, Audience, Channels, Email ? Subject : null, Body, starts, ends, from, to, TimeZone,
            CapMessages, CapDays, ControlPercent, ConversionDays);
    }

    public static CampaignForm From(CampaignPlan plan, DateTimeOffset launchedOrNow)
    {
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(plan.TimeZone, out var z) ? z : TimeZoneInfo.Utc;
        var start = TimeZoneInfo.ConvertTime(plan.StartsAt, zone);
        var end = TimeZoneInfo.ConvertTime(plan.EndsAt, zone);
        return new CampaignForm
        {
            Name = plan.Name,
            AudienceKind = plan.Audience.Kind,
            AudienceValue = plan.Audience.Value,
            AudienceExcept = plan.Audience.Except,
            Widget = plan.Channels.HasFlag(CampaignChannels.Widget),
            Email = plan.Channels.HasFlag(CampaignChannels.Email),
            Subject = plan.EmailSubject,
            Body = plan.Body,
            StartOnLaunch = plan.StartsAt <= launchedOrNow,
            StartDate = start.Date,
            StartTime = start.TimeOfDay,
            EndDate = end.TimeOfDay == TimeSpan.Zero ? end.Date.AddDays(-1) : end.Date,
            QuietHours = plan.QuietFrom != plan.QuietTo,
            QuietFrom = plan.QuietFrom.ToTimeSpan(),
            QuietTo = plan.QuietTo.ToTimeSpan(),
            TimeZone = plan.TimeZone,
            CapMessages = plan.CapMessages,
            CapDays = plan.CapMessages > 0 ? plan.CapDays : 7,
            ControlPercent = plan.ControlPercent,
            ConversionDays = plan.ConversionDays,
        };
    }

    private static DateTimeOffset Local(DateTime date, TimeSpan time, TimeZoneInfo zone)
    {
        var local = DateTime.SpecifyKind(date.Date + time, DateTimeKind.Unspecified);
        // A time skipped by a clock change is taken as the first moment after it.
        while (zone.IsInvalidTime(local)) local = local.AddMinutes(15);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}
