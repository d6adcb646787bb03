using CrmLive.Domain.Campaigns;
using CrmLive.Domain.Orders;
using CrmLive.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CrmLive.Infrastructure.Campaigns;

/// <summary>One group's funnel: drawn, reached, opened, replied, and converted (an order within the window).</summary>
public sealed record GroupResults(int Customers, int Reached, int Opened, int Replied, int Converted);

/// <summary>Where each channel's messages stand: the e-mail job's progress and why messages were not sent.</summary>
public sealed record ChannelResults(int Pending, int Waiting, int Sent, int Skipped, int Bounced, int Failed,
    IReadOnlyList<(string Reason, int Count)> Reasons)
{
    public int Total => Pending + Waiting + Sent + Skipped + Bounced + Failed;
    public int Done => Sent + Skipped + Bounced + Failed;
}

public sealed record CampaignResults(GroupResults Treatment, GroupResults Control, ChannelResults Email, ChannelResults Widget,
    UpliftEstimate Uplift, DateTimeOffset ConversionFrom, DateTimeOffset ConversionUntil);

/// <summary>
/// A campaign's results, counted from its recipients with indexed queries. Conversion is measured the same way in
/// both groups, from the launch (when everyone was drawn) for the campaign's conversion window: an order that
/// counts as revenue within it converts the customer, whether or not a message reached them (intention to treat),
/// so the control group is a fair comparison.
/// </summary>
public sealed class CampaignResultsQuery(IDbContextFactory<CrmDbContext> dbFactory, TimeProvider clock)
{
    public async Task<CampaignResults?> GetAsync(Guid campaignId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var campaign = await db.Campaigns.AsNoTracking().SingleOrDefaultAsync(c => c.Id == campaignId, ct);
        if (campaign?.LaunchedAt is not { } from) return null;
        var until = from.AddDays(campaign.ConversionDays);
        var recipients = db.CampaignRecipients.AsNoTracking().Where(r => r.CampaignId == campaignId);

        var funnel = await recipients.GroupBy(r => r.Group).Select(g => new
        {
            Group = g.Key,
            Customers = g.Count(),
            Reached = g.Count(r => r.ReachedAt != null),
            Opened = g.Count(r => r.OpenedAt != null),
            Replied = g.Count(r => r.RepliedAt != null),
        }).ToListAsync(ct);
        var converted = await recipients
            .Where(r => db.Orders.Any(o => o.CustomerId == r.CustomerId && o.PlacedAt >= from && o.PlacedAt < until
                && o.Status != OrderStatus.Cancelled && o.Status != OrderStatus.Refunded))
            .GroupBy(r => r.Group).Select(g => new { Group = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Group, g => g.Count, ct);

        GroupResults Of(CampaignGroup group) => funnel.FirstOrDefault(f => f.Group == group) is { } f
            ? new GroupResults(f.Customers, f.Reached, f.Opened, f.Replied, converted.GetValueOrDefault(group))
            : new GroupResults(0, 0, 0, 0, 0);
        var treatment = Of(CampaignGroup.Treatment);
        var control = Of(CampaignGroup.Control);
        var now = clock.GetUtcNow();
        var email = Summarize(await recipients.Where(r => r.EmailState != DeliveryState.None)
            .GroupBy(r => new { r.EmailState, r.EmailNote, Waiting = r.EmailNextAttemptAt != null && r.EmailNextAttemptAt > now })
            .Select(g => new StateCount { State = g.Key.EmailState, Note = g.Key.EmailNote, Waiting = g.Key.Waiting, Count = g.Count() })
            .ToListAsync(ct));
        var widget = Summarize(await recipients.Where(r => r.WidgetState != DeliveryState.None)
            .GroupBy(r => new { r.WidgetState, r.WidgetNote })
            .Select(g => new StateCount { State = g.Key.WidgetState, Note = g.Key.WidgetNote, Count = g.Count() })
            .ToListAsync(ct));
        return new CampaignResults(treatment, control, email, widget,
            Uplift.Estimate(treatment.Converted, treatment.Customers, control.Converted, control.Customers), from, until);
    }

    private sealed class StateCount
    {
        public DeliveryState State { get; init; }
        public string? Note { get; init; }
        public bool Waiting { get; init; }
        public int Count { get; init; }
    }

    private static ChannelResults Summarize(List<StateCount> counts)
    {
        int Count(DeliveryState state) => counts.Where(c => c.State == state).Sum(c => c.Count);
        var waiting = counts.Where(c => c.State == DeliveryState.Pending && c.Waiting).Sum(c => c.Count);
        var reasons = counts.Where(c => c.State != DeliveryState.Sent && c.Note is not null)
            .GroupBy(c => c.Note!).Select(g => (g.Key, g.Sum(c => c.Count))).OrderByDescending(r => r.Item2).ToList();
        return new ChannelResults(Count(DeliveryState.Pending) - waiting, waiting, Count(DeliveryState.Sent),
            Count(DeliveryState.Skipped), Count(DeliveryState.Bounced), Count(DeliveryState.Failed), reasons);
    }
}
