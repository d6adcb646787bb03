using CrmLive.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CrmLive.Infrastructure.Webhooks;

/// <summary>An active subscription and the event types it wants.</summary>
public sealed record ActiveWebhook(Guid Id, IReadOnlySet<string> EventTypes);

/// <summary>
/// The active subscriptions, remembered so that the many live events nobody subscribed to cost no query. Forgotten
/// whenever subscriptions change (on every instance, through the live bus), and after a minute in any case.
/// </summary>
public sealed class WebhookSubscriptionCache(IDbContextFactory<CrmDbContext> dbFactory, TimeProvider clock)
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);
    private volatile Entry? _entry;
    private long _version;

    public async Task<IReadOnlyList<ActiveWebhook>> ActiveAsync(CancellationToken ct = default)
    {
        var entry = _entry;
        if (entry is not null && clock.GetUtcNow() - entry.LoadedAt < MaxAge) return entry.Webhooks;
        var version = Interlocked.Read(ref _version);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.WebhookSubscriptions.AsNoTracking().Where(s => s.IsActive)
            .Select(s => new { s.Id, s.EventTypes }).ToListAsync(ct);
        var webhooks = rows.Select(r => new ActiveWebhook(r.Id, r.EventTypes.ToHashSet())).ToList();
        // A change that arrived while this was loading wins: keep nothing rather than the old list.
        if (Interlocked.Read(ref _version) == version) _entry = new Entry(webhooks, clock.GetUtcNow());
        return webhooks;
    }

    public void Forget()
    {
        Interlocked.Increment(ref _version);
        _entry = null;
    }

    private sealed record Entry(IReadOnlyList<ActiveWebhook> Webhooks, DateTimeOffset LoadedAt);
}
