using System.Text.Json;
using System.Text.Json.Serialization;
using CrmLive.Domain.Webhooks;
using CrmLive.Infrastructure.Persistence;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CrmLive.Infrastructure.Webhooks;

/// <summary>The body every delivery sends.</summary>
public sealed record WebhookPayload(Guid Id, string Type, DateTimeOffset OccurredAt, object Data);

/// <summary>
/// Turns an event into one stored delivery per interested subscription and queues a Hangfire job for each. The body
/// is fixed here, so every retry sends (and signs) the same bytes.
/// </summary>
public sealed class WebhookPublisher(
    IDbContextFactory<CrmDbContext> dbFactory,
    WebhookSubscriptionCache subscriptions,
    IBackgroundJobClient jobs,
    TimeProvider clock,
    ILogger<WebhookPublisher> logger) : IWebhookEvents
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public async Task<bool> WantedAsync(string eventType, CancellationToken ct = default) =>
        (await subscriptions.ActiveAsync(ct)).Any(s => s.EventTypes.Contains(eventType));

    public async Task<int> RaiseAsync(string eventType, object data, DateTimeOffset occurredAt,
        CancellationToken ct = default)
    {
        if (!WebhookEventTypes.IsKnown(eventType)) throw new ArgumentException($"Unknown webhook event type '{eventType}'.", nameof(eventType));
        var targets = (await subscriptions.ActiveAsync(ct)).Where(s => s.EventTypes.Contains(eventType))
            .Select(s => s.Id).ToList();
        if (targets.Count == 0) return 0;
        try
        {
            return await QueueAsync(targets, eventType, data, occurredAt, ct);
        }
        catch (DbUpdateException ex)
        {
            // A subscription deleted a moment ago: forget the list and try once more with the current one.
            logger.LogInformation(ex, "Webhook subscriptions changed while queuing {EventType}; retrying", eventType);
            subscriptions.Forget();
            targets = (await subscriptions.ActiveAsync(ct)).Where(s => s.EventTypes.Contains(eventType))
                .Select(s => s.Id).ToList();
            return targets.Count == 0 ? 0 : await QueueAsync(targets, eventType, data, occurredAt, ct);
        }
    }

    /// <summary>A test event for one subscription, sent once whatever it subscribes to.</summary>
    public async Task<Guid> QueueTestAsync(Guid subscriptionId, CancellationToken ct = default)
    {
        var data = new { message = "A test event from CrmLive. Verify the signature, then answer with any 2xx status.", subscriptionId };
        var deliveries = await StoreAsync([subscriptionId], WebhookEventTypes.Test, data, clock.GetUtcNow(), ct);
        Enqueue(deliveries);
        return deliveries[0];
    }

    private async Task<int> QueueAsync(List<Guid> targets, string eventType, object data, DateTimeOffset occurredAt,
        CancellationToken ct)
    {
        var deliveries = await StoreAsync(targets, eventType, data, occurredAt, ct);
        Enqueue(deliveries);
        logger.LogDebug("Queued {EventType} for {Count} webhook subscriptions", eventType, deliveries.Count);
        return deliveries.Count;
    }

    private async Task<List<Guid>> StoreAsync(IReadOnlyList<Guid> targets, string eventType, object data,
        DateTimeOffset occurredAt, CancellationToken ct)
    {
        var eventId = Guid.NewGuid();
        var body = JsonSerializer.Serialize(new WebhookPayload(eventId, eventType, occurredAt, data), Json);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var deliveries = targets.Select(id => new WebhookDelivery(id, eventId, eventType, body, now)).ToList();
        db.WebhookDeliveries.AddRange(deliveries);
        await db.SaveChangesAsync(ct);
        return deliveries.Select(d => d.Id).ToList();
    }

    private void Enqueue(IEnumerable<Guid> deliveries)
    {
        foreach (var id in deliveries)
            jobs.Enqueue<WebhookDeliveryJob>(j => j.RunAsync(id, CancellationToken.None));
    }
}
