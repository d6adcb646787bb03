using CrmLive.Domain.Common;

namespace CrmLive.Domain.Webhooks;

public enum WebhookDeliveryStatus { Pending, Succeeded, Failed, Cancelled }

/// <summary>
/// One event on its way to one subscription: the exact body every attempt sends (so retries are identical), and
/// where the attempts have got to. At most one per (subscription, event).
/// </summary>
public sealed class WebhookDelivery : Entity
{
    private WebhookDelivery() { }

    public WebhookDelivery(Guid subscriptionId, Guid eventId, string eventType, string payload, DateTimeOffset now)
    {
        SubscriptionId = subscriptionId;
        EventId = eventId;
        EventType = eventType;
        Payload = payload;
        CreatedAt = now;
        Status = WebhookDeliveryStatus.Pending;
    }

    public Guid SubscriptionId { get; private set; }
    public Guid EventId { get; private set; }
    public string EventType { get; private set; } = "";
    public string Payload { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public WebhookDeliveryStatus Status { get; private set; }
    public int Attempts { get; private set; }
    public DateTimeOffset? NextAttemptAt { get; private set; }

    public bool IsTest => EventType == WebhookEventTypes.Test;

    /// <summary>Records an attempt; a failed one is retried at <paramref name="retryAt"/>, or the delivery fails when null.</summary>
    public WebhookAttempt Attempted(bool succeeded, int? statusCode, int durationMs, string? error, DateTimeOffset at,
        DateTimeOffset? retryAt)
    {
        if (Status != WebhookDeliveryStatus.Pending) throw new DomainException("This delivery is already finished.");
        Attempts++;
        Status = succeeded ? WebhookDeliveryStatus.Succeeded
            : retryAt is null ? WebhookDeliveryStatus.Failed
            : WebhookDeliveryStatus.Pending;
        NextAttemptAt = Status == WebhookDeliveryStatus.Pending ? retryAt : null;
        return new WebhookAttempt(this, Attempts, at, statusCode, durationMs, error, NextAttemptAt);
    }

    /// <summary>The subscription was paused or disabled before this delivery went out.</summary>
    public void Cancel()
    {
        if (Status == WebhookDeliveryStatus.Pending) Status = WebhookDeliveryStatus.Cancelled;
        NextAttemptAt = null;
    }
}

/// <summary>One HTTP request of a delivery, as the delivery log shows it.</summary>
public sealed class WebhookAttempt : Entity
{
    public const int MaxErrorLength = 500;

    private WebhookAttempt() { }

    internal WebhookAttempt(WebhookDelivery delivery, int number, DateTimeOffset at, int? statusCode, int durationMs,
        string? error, DateTimeOffset? nextRetryAt)
    {
        DeliveryId = delivery.Id;
        SubscriptionId = delivery.SubscriptionId;
        EventType = delivery.EventType;
        Number = number;
        At = at;
        StatusCode = statusCode;
        DurationMs = durationMs;
        Error = error is { Length: > MaxErrorLength } ? error[..MaxErrorLength] : error;
        NextRetryAt = nextRetryAt;
    }

    public Guid DeliveryId { get; private set; }
    public Guid SubscriptionId { get; private set; }
    public string EventType { get; private set; } = "";
    public int Number { get; private set; }
    public DateTimeOffset At { get; private set; }
    public int? StatusCode { get; private set; }
    public int DurationMs { get; private set; }
    public string? Error { get; private set; }
    public DateTimeOffset? NextRetryAt { get; private set; }
}

/// <summary>When the next attempt of a failed delivery goes out: the base delay, doubled each time, capped.</summary>
public static class WebhookBackoff
{
    public static TimeSpan DelayAfter(int attempt, TimeSpan baseDelay, TimeSpan maxDelay)
    {
        var factor = Math.Pow(2, Math.Clamp(attempt - 1, 0, 30));
        var ticks = Math.Min(baseDelay.Ticks * factor, maxDelay.Ticks);
        return TimeSpan.FromTicks((long)ticks);
    }
}
