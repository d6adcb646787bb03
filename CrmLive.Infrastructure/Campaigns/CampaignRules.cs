using CrmLive.Domain.Campaigns;
using CrmLive.Domain.Customers;
using CrmLive.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CrmLive.Infrastructure.Campaigns;

/// <summary>Whether a message may reach a customer now: consent and address, quiet hours, the frequency cap.</summary>
internal static class CampaignRules
{
    public const string NoAddress = "No e-mail address";
    public const string NoEmailConsent = "No consent to marketing e-mail";
    public const string NoChatConsent = "No consent to proactive chat messages";

    public static string? EmailRefusal(Customer customer) =>
        customer.IsErased || string.IsNullOrEmpty(customer.Email) ? NoAddress
        : !customer.MarketingEmailConsent ? NoEmailConsent
        : null;

    public static string? WidgetRefusal(Customer customer) =>
        customer.IsErased || !customer.ProactiveChatConsent ? NoChatConsent : null;

    /// <summary>Null when the message may go now; otherwise until when it waits, and why.</summary>
    public static (DateTimeOffset Until, string Reason)? WaitUntil(Campaign campaign, Customer customer,
        IEnumerable<DateTimeOffset> earlierMessages, DateTimeOffset now)
    {
        var quiet = new QuietHours(campaign.QuietFrom, campaign.QuietTo);
        var zone = Zone(customer.TimeZone ?? campaign.TimeZone);
        if (!quiet.IsNone && quiet.Contains(now, zone)) return (quiet.NextAllowed(now, zone), "Quiet hours");
        var cap = Cap(campaign);
        if (!cap.IsNone && !cap.Allows(earlierMessages, now)) return (cap.NextAllowed(earlierMessages, now), "Frequency cap");
        return null;
    }

    public static FrequencyCap Cap(Campaign campaign) =>
        campaign.CapMessages > 0 ? new FrequencyCap(campaign.CapMessages, TimeSpan.FromDays(campaign.CapDays)) : FrequencyCap.None;

    /// <summary>When other campaigns reached these customers within the cap's window (all the cap needs to know).</summary>
    public static async Task<ILookup<Guid, DateTimeOffset>> EarlierMessagesAsync(CrmDbContext db, Campaign campaign,
        IReadOnlyCollection<Guid> customerIds, DateTimeOffset now, CancellationToken ct)
    {
        if (campaign.CapMessages <= 0) return Array.Empty<(Guid, DateTimeOffset)>().ToLookup(x => x.Item1, x => x.Item2);
        var since = now.AddDays(-campaign.CapDays);
        var earlier = await db.CampaignRecipients.AsNoTracking()
            .Where(r => customerIds.Contains(r.CustomerId) && r.CampaignId != campaign.Id && r.ReachedAt != null && r.ReachedAt > since)
            .Select(r => new { r.CustomerId, r.ReachedAt }).ToListAsync(ct);
        return earlier.ToLookup(r => r.CustomerId, r => r.ReachedAt!.Value);
    }

    private static TimeZoneInfo Zone(string id) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;
}
