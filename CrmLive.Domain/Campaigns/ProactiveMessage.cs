namespace CrmLive.Domain.Campaigns;

/// <summary>What the widget shows a visitor from a campaign: sanitized HTML, already merged for this customer.</summary>
public sealed record ProactiveMessage(Guid CampaignId, string Html, string From, DateTimeOffset SentAt);
