using CrmLive.Domain.Audit;
using CrmLive.Domain.Common;
using CrmLive.Domain.Live;
using CrmLive.Domain.Webhooks;
using CrmLive.Infrastructure.Audit;
using CrmLive.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CrmLive.Infrastructure.Webhooks;

/// <summary>What an Admin fills in for a subscription.</summary>
public sealed record WebhookInput(string? Url, string? Description, IReadOnlyCollection<string> EventTypes);

public sealed record WebhookView(Guid Id, string Url, string? Description, IReadOnlyList<string> EventTypes,
    bool IsActive, string Secret, int ConsecutiveFailures, DateTimeOffset? DisabledAt, DateTimeOffset CreatedAt);

/// <summary>One line of a subscription's delivery log.</summary>
public sealed record WebhookLogLine(Guid DeliveryId, DateTimeOffset At, string EventType, int Attempt, int? StatusCode,
    int DurationMs, string? Error, DateTimeOffset? NextRetryAt);

/// <summary>The Admins' side of webhooks: subscriptions, their secrets and delivery logs. Every change is audited.</summary>
public sealed class WebhookSubscriptions(
    IDbContextFactory<CrmDbContext> dbFactory,
    WebhookPublisher publisher,
    AuditLog audit,
    ILiveEventBus bus,
    IOptions<WebhookOptions> options,
    IHostEnvironment environment,
    TimeProvider clock)
{
    /// <summary>Plain http and private addresses are refused unless in Development or allowed by settings.</summary>
    public WebhookUrlPolicy UrlPolicy => options.Value.PolicyIn(environment);

    public static string Target(WebhookSubscription s) => $"Webhook {s.Url} ({s.Id.ToString()[..8]})";

    public async Task<IReadOnlyList<WebhookView>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.WebhookSubscriptions.AsNoTracking().ToListAsync(ct);
        return rows.OrderBy(s => s.CreatedAt).Select(View).ToList();
    }

    public async Task<Guid> CreateAsync(WebhookInput input, AuditActor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var subscription = new WebhookSubscription(input.Url ?? "", input.Description, input.EventTypes, UrlPolicy,
            clock.GetUtcNow());
        db.WebhookSubscriptions.Add(subscription);
        audit.Add(db, actor, AuditActions.WebhookCreated, Target(subscription), Describe(subscription));
        await db.SaveChangesAsync(ct);
        await ChangedAsync(ct);
        return subscription.Id;
    }

    public Task UpdateAsync(Guid id, WebhookInput input, AuditActor actor, CancellationToken ct = default) =>
        ChangeAsync(id, actor, s =>
        {
            s.Change(input.Url ?? "", input.Description, input.EventTypes, UrlPolicy, clock.GetUtcNow());
            return Describe(s);
        }, ct);

    /// <summary>Turns a subscription on (again, after it was disabled) or pauses it.</summary>
    public Task SetActiveAsync(Guid id, bool active, AuditActor actor, CancellationToken ct = default) =>
        ChangeAsync(id, actor, s =>
        {
            var wasDisabled = s.DisabledAt is not null;
            s.SetActive(active, clock.GetUtcNow());
            return active ? wasDisabled ? "Turned on again after being disabled" : "Turned on" : "Paused";
        }, ct);

    /// <returns>The new secret.</returns>
    public async Task<string> RotateSecretAsync(Guid id, AuditActor actor, CancellationToken ct = default)
    {
        var secret = "";
        await ChangeAsync(id, actor, s =>
        {
            s.RotateSecret(clock.GetUtcNow());
            secret = s.Secret;
            return "Signing secret rotated";
        }, ct);
        return secret;
    }

    public async Task DeleteAsync(Guid id, AuditActor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var subscription = await FindAsync(db, id, ct);
        db.WebhookSubscriptions.Remove(subscription);
        audit.Add(db, actor, AuditActions.WebhookDeleted, Target(subscription));
        await db.SaveChangesAsync(ct);
        await ChangedAsync(ct);
    }

    /// <summary>Queues a <c>webhook.test</c> event for this subscription only; its attempt shows in the log.</summary>
    public async Task<Guid> SendTestAsync(Guid id, CancellationToken ct = default)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            await FindAsync(db, id, ct);
        return await publisher.QueueTestAsync(id, ct);
    }

    /// <summary>The newest attempts first.</summary>
    public async Task<IReadOnlyList<WebhookLogLine>> LogAsync(Guid id, int take = 50, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.WebhookAttempts.AsNoTracking().Where(a => a.SubscriptionId == id)
            .OrderByDescending(a => a.At).ThenByDescending(a => a.Number).Take(Math.Clamp(take, 1, 500))
            .Select(a => new WebhookLogLine(a.DeliveryId, a.At, a.EventType, a.Number, a.StatusCode, a.DurationMs,
                a.Error, a.NextRetryAt))
            .ToListAsync(ct);
    }

    private async Task ChangeAsync(Guid id, AuditActor actor, Func<WebhookSubscription, string> change,
        CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var subscription = await FindAsync(db, id, ct);
        var detail = change(subscription);
        audit.Add(db, actor, AuditActions.WebhookChanged, Target(subscription), detail);
        await db.SaveChangesAsync(ct);
        await ChangedAsync(ct);
    }

    private static async Task<WebhookSubscription> FindAsync(CrmDbContext db, Guid id, CancellationToken ct) =>
        await db.WebhookSubscriptions.SingleOrDefaultAsync(s => s.Id == id, ct)
        ?? throw new DomainException("That webhook no longer exists.");

    private Task ChangedAsync(CancellationToken ct) => bus.PublishAsync(new WebhookSubscriptionsChanged(), ct);

    private static string Describe(WebhookSubscription s) =>
        $"{s.Url}; events: {string.Join(", ", s.EventTypes)}{(s.Description is null ? "" : "; " + s.Description)}";

    private static WebhookView View(WebhookSubscription s) => new(s.Id, s.Url, s.Description, s.EventTypes, s.IsActive,
        s.Secret, s.ConsecutiveFailures, s.DisabledAt, s.CreatedAt);
}
