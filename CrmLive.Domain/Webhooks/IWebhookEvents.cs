using CrmLive.Domain.Live;

namespace CrmLive.Domain.Webhooks;

/// <summary>
/// Hands an event to every active subscription that wants its type. Conversation and customer events arrive from
/// the live bus on their own; features with events of their own (merge, erase) call this once, on the instance
/// where the change happened.
/// </summary>
public interface IWebhookEvents
{
    /// <param name="eventType">One of <see cref="WebhookEventTypes"/>.</param>
    /// <param name="data">The resource as it is now; serialized as the payload's <c>data</c> (camelCase JSON).</param>
    /// <returns>How many deliveries were queued.</returns>
    Task<int> RaiseAsync(string eventType, object data, DateTimeOffset occurredAt, CancellationToken ct = default);
}

/// <summary>Subscriptions were created, changed or removed: every instance forgets the ones it remembers.</summary>
public sealed record WebhookSubscriptionsChanged : LiveEvent;

/// <summary>An attempt of a delivery was logged (on whichever instance ran it): open delivery logs refresh.</summary>
public sealed record WebhookDeliveryAttempted(Guid SubscriptionId, Guid DeliveryId) : LiveEvent;
