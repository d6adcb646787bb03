using CrmLive.Domain.Common;

namespace CrmLive.Domain.Webhooks;

/// <summary>
/// An address that receives signed events of the chosen types. Turned off by an Admin (paused) or by CrmLive
/// after too many failed deliveries in a row (disabled); turning it back on starts the failure count afresh.
/// </summary>
public sealed class WebhookSubscription : Entity
{
    public const int MaxDescriptionLength = 200;

    private WebhookSubscription() { }

    public WebhookSubscription(string url, string? description, IEnumerable<string> eventTypes, WebhookUrlPolicy policy,
        DateTimeOffset now)
    {
        Change(url, description, eventTypes, policy, now);
        Secret = WebhookSignature.NewSecret();
        IsActive = true;
        CreatedAt = now;
    }

    public string Url { get; private set; } = "";
    public string? Description { get; private set; }
    public List<string> EventTypes { get; private set; } = [];
    public bool IsActive { get; private set; }

    /// <summary>The signing secret; shown to Admins so the receiver can verify deliveries.</summary>
    public string Secret { get; private set; } = "";

    /// <summary>Deliveries that failed (every attempt) since the last one that got through.</summary>
    public int ConsecutiveFailures { get; private set; }

    /// <summary>When CrmLive turned the subscription off after repeated failures; null when an Admin did, or never.</summary>
    public DateTimeOffset? DisabledAt { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public bool Wants(string eventType) => IsActive && EventTypes.Contains(eventType);

    public void Change(string url, string? description, IEnumerable<string> eventTypes, WebhookUrlPolicy policy,
        DateTimeOffset now)
    {
        var types = eventTypes.Select(t => t.Trim()).Where(t => t.Length > 0).Distinct().Order().ToList();
        if (types.Count == 0) throw new DomainException("Choose at least one event type.");
        if (types.FirstOrDefault(t => !WebhookEventTypes.IsKnown(t)) is { } unknown)
            throw new DomainException($"Unknown event type '{unknown}'.");
        Url = WebhookUrl.Validate(url, policy);
        description = description?.Trim();
        if (description is { Length: > MaxDescriptionLength })
            throw new DomainException($"The description must be at most {MaxDescriptionLength} characters.");
        Description = string.IsNullOrEmpty(description) ? null : description;
        EventTypes = types;
        UpdatedAt = now;
    }

    /// <summary>On (again) or paused by an Admin. Turning it on forgets earlier failures.</summary>
    public void SetActive(bool active, DateTimeOffset now)
    {
        IsActive = active;
        if (active)
        {
            ConsecutiveFailures = 0;
            DisabledAt = null;
        }
        UpdatedAt = now;
    }

    public void RotateSecret(DateTimeOffset now)
    {
        Secret = WebhookSignature.NewSecret();
        UpdatedAt = now;
    }
}
