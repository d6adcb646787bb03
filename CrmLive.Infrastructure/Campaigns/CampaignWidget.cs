using CrmLive.Domain.Campaigns;
using CrmLive.Domain.Customers;
using CrmLive.Domain.Live;
using CrmLive.Infrastructure.Chat;
using CrmLive.Infrastructure.Live;
using CrmLive.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmLive.Infrastructure.Campaigns;

/// <summary>
/// The widget channel: a running campaign's message is shown to a signed-in (verified) customer of its audience when
/// their widget is open, now or the next time they come by, unless consent, quiet hours or the cap say no. It stays
/// offered until they close or answer it.
/// </summary>
public sealed class CampaignWidget(IDbContextFactory<CrmDbContext> dbFactory, CampaignContent content, ConversationService chat,
    IOptions<CampaignsOptions> options, IPresenceTracker presence, ILiveEventBus bus, TimeProvider clock,
    ILogger<CampaignWidget> logger)
{
    private static readonly TimeSpan RecentVisitors = TimeSpan.FromDays(1);

    /// <summary>The message this customer's widget should show now, if any; the first showing reaches them.</summary>
    public async Task<ProactiveMessage?> OfferAsync(Guid customerId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var candidates = await (
            from r in db.CampaignRecipients
            join c in db.Campaigns on r.CampaignId equals c.Id
            where r.CustomerId == customerId && r.Group == CampaignGroup.Treatment && c.Status == CampaignStatus.Running
                && (r.WidgetState == DeliveryState.Pending
                    || (r.WidgetState == DeliveryState.Sent && r.DismissedAt == null && r.RepliedAt == null))
            select new { Recipient = r, Campaign = c }).ToListAsync(ct);
        candidates = [.. candidates.Where(x => x.Campaign.IsSending(now)).OrderBy(x => x.Campaign.StartsAt)];
        if (candidates.Count == 0) return null;

        var pick = candidates.FirstOrDefault(x => x.Recipient.WidgetState == DeliveryState.Sent);
        if (pick is null)
        {
            var customer = await db.Customers.SingleAsync(c => c.Id == customerId, ct);
            foreach (var candidate in candidates)
            {
                if (CampaignRules.WidgetRefusal(customer) is { } refusal)
                {
                    candidate.Recipient.SkipWidget(refusal);
                    continue;
                }
                var earlier = await CampaignRules.EarlierMessagesAsync(db, candidate.Campaign, [customerId], now, ct);
                if (CampaignRules.WaitUntil(candidate.Campaign, customer, earlier[customerId], now) is { } wait)
                {
                    candidate.Recipient.WidgetWaits(wait.Reason);
                    continue;
                }
                candidate.Recipient.WidgetShown(now);
                db.Timeline.Add(new TimelineEntry(customerId, now, TimelineKind.Campaign, "Campaign message shown in the chat widget",
                    candidate.Campaign.Name, candidate.Campaign.Id));
                pick = candidate;
                break;
            }
            await db.SaveChangesAsync(ct);
            if (pick is not null)
            {
                logger.LogInformation("Campaign {Campaign}: widget message shown to customer {Customer}", pick.Campaign.Id, customerId);
                await bus.PublishAsync(new CampaignChanged(pick.Campaign.Id, "widget"), ct);
            }
        }
        if (pick is null) return null;
        var values = await CampaignContent.MergeValuesAsync(db, [customerId], ct);
        return new ProactiveMessage(pick.Campaign.Id, content.Html(pick.Campaign.Body, values[customerId]), options.Value.WidgetSender,
            pick.Recipient.ReachedAt ?? now);
    }

    /// <summary>Right after a campaign starts: its customers whose widget is open now see it without reloading.</summary>
    public async Task<int> OfferToOnlineVisitorsAsync(Guid campaignId, CancellationToken ct = default)
    {
        var since = clock.GetUtcNow() - RecentVisitors;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var waiting = db.CampaignRecipients.Where(r => r.CampaignId == campaignId && r.WidgetState == DeliveryState.Pending)
            .Select(r => r.CustomerId);
        var visitors = await db.Visitors.AsNoTracking()
            .Where(v => v.IsVerified && v.CustomerId != null && waiting.Contains(v.CustomerId.Value) && v.LastSeenAt > since)
            .Select(v => new { v.Id, CustomerId = v.CustomerId!.Value }).ToListAsync(ct);
        var offered = 0;
        foreach (var visitor in visitors)
        {
            if (!await presence.IsOnlineAsync(VisitorPresence.Key(visitor.Id))) continue;
            if (await OfferAsync(visitor.CustomerId, ct) is not { } message) continue;
            await bus.PublishAsync(new ProactiveMessageOffered(visitor.Id, message), ct);
            offered++;
        }
        logger.LogInformation("Campaign {Campaign}: offered to {Count} visitors online at its start", campaignId, offered);
        return offered;
    }

    public Task OpenedAsync(Guid customerId, Guid campaignId, CancellationToken ct = default) =>
        UpdateAsync(customerId, campaignId, "opened", (r, now) => r.Opened(now), ct);

    public Task DismissedAsync(Guid customerId, Guid campaignId, CancellationToken ct = default) =>
        UpdateAsync(customerId, campaignId, "dismissed", (r, now) => r.Dismissed(now), ct);

    /// <summary>The customer answered the message: the chat it started counts as a reply, and the agent sees what was said.</summary>
    public async Task RepliedAsync(Guid customerId, Guid campaignId, Guid conversationId, CancellationToken ct = default)
    {
        var first = await UpdateAsync(customerId, campaignId, "replied", (r, now) => r.Replied(conversationId, now), ct);
        if (first is not { } campaign) return;
        var values = await LoadValuesAsync(customerId, ct);
        await chat.AddNoteAsync(conversationId, "campaign", "Campaigns",
            $"Started from the campaign “{campaign.Name}”. The customer was shown:\n\n{MergeFields.Apply(campaign.Body, values)}", ct);
    }

    private async Task<MergeValues> LoadValuesAsync(Guid customerId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return (await CampaignContent.MergeValuesAsync(db, [customerId], ct))[customerId];
    }

    /// <returns>The campaign, when the update changed something.</returns>
    private async Task<Campaign?> UpdateAsync(Guid customerId, Guid campaignId, string what,
        Action<CampaignRecipient, DateTimeOffset> change, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var recipient = await db.CampaignRecipients.SingleOrDefaultAsync(r => r.CampaignId == campaignId && r.CustomerId == customerId, ct);
        if (recipient is null || recipient.Group == CampaignGroup.Control) return null;
        change(recipient, clock.GetUtcNow());
        if (!db.ChangeTracker.HasChanges()) return null;
        await db.SaveChangesAsync(ct);
        await bus.PublishAsync(new CampaignChanged(campaignId, what), ct);
        return await db.Campaigns.AsNoTracking().SingleAsync(c => c.Id == campaignId, ct);
    }
}
