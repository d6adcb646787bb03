using CrmLive.Domain.Customers;
using CrmLive.Domain.Live;
using CrmLive.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CrmLive.Infrastructure.Campaigns;

/// <summary>What a customer does with a campaign e-mail through its links: open it (the pixel) and unsubscribe.</summary>
public sealed class CampaignEmailResponses(IDbContextFactory<CrmDbContext> dbFactory, ILiveEventBus bus, TimeProvider clock,
    ILogger<CampaignEmailResponses> logger)
{
    /// <returns>Whether the link was genuine; a wrong key is treated as an unknown link.</returns>
    public async Task<bool> UnsubscribeAsync(Guid recipientId, string key, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var recipient = await db.CampaignRecipients.SingleOrDefaultAsync(r => r.Id == recipientId, ct);
        if (recipient is null || !recipient.KeyMatches(key))
        {
            logger.LogWarning("Unsubscribe refused: unknown link for recipient {Recipient}", recipientId);
            return false;
        }
        var customer = await db.Customers.SingleAsync(c => c.Id == recipient.CustomerId, ct);
        var now = clock.GetUtcNow();
        var wasSubscribed = customer.MarketingEmailConsent;
        recipient.Unsubscribed(now);
        customer.SetConsent(false, customer.ProactiveChatConsent, now);
        if (wasSubscribed)
            db.Timeline.Add(new TimelineEntry(customer.Id, now, TimelineKind.Campaign, "Unsubscribed from marketing e-mail",
                "Through the link in a campaign e-mail", recipient.CampaignId));
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Customer {Customer} unsubscribed from marketing e-mail (campaign {Campaign})",
            customer.Id, recipient.CampaignId);
        await bus.PublishAsync(new CampaignChanged(recipient.CampaignId, "unsubscribed"), ct);
        await bus.PublishAsync(new CustomerChanged(customer.Id, "consent"), ct);
        return true;
    }

    public async Task EmailOpenedAsync(Guid recipientId, string key, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var recipient = await db.CampaignRecipients.SingleOrDefaultAsync(r => r.Id == recipientId, ct);
        if (recipient is null || !recipient.KeyMatches(key) || recipient.OpenedAt is not null) return;
        recipient.Opened(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        await bus.PublishAsync(new CampaignChanged(recipient.CampaignId, "opened"), ct);
    }
}
