namespace CrmLive.Domain.Campaigns;

[Flags]
public enum CampaignChannels { None = 0, Widget = 1, Email = 2 }

/// <summary>
/// Everything a manager decides about a campaign before it starts. Quiet hours are local to each customer's time
/// zone, or the campaign's when the customer has none; the frequency cap counts messages across all campaigns.
/// </summary>
public sealed record CampaignPlan(
    string Name,
    CampaignAudience Audience,
    CampaignChannels Channels,
    string? EmailSubject,
    string Body,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    TimeOnly QuietFrom,
    TimeOnly QuietTo,
    string TimeZone,
    int CapMessages,
    int CapDays,
    int ControlPercent,
    int ConversionDays);
