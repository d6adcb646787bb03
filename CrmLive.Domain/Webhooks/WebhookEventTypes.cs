namespace CrmLive.Domain.Webhooks;

/// <summary>One kind of event a subscription can ask for, with the words the settings page shows.</summary>
public sealed record WebhookEventType(string Name, string Description);

/// <summary>The event types CrmLive sends to webhook subscribers; names are part of the public contract.</summary>
public static class WebhookEventTypes
{
    public const string ConversationStarted = "conversation.started";
    public const string MessageCreated = "conversation.message_created";
    public const string ConversationAssigned = "conversation.assigned";
    public const string ConversationResolved = "conversation.resolved";
    public const string CustomerCreated = "customer.created";
    public const string CustomerUpdated = "customer.updated";
    public const string CustomerMerged = "customer.merged";
    public const string CustomerErased = "customer.erased";

    /// <summary>Sent only by the "send test event" button, to one subscription, whatever it subscribes to.</summary>
    public const string Test = "webhook.test";

    public static readonly IReadOnlyList<WebhookEventType> All =
    [
        new(ConversationStarted, "A customer started a conversation (its first message)"),
        new(MessageCreated, "A message by the customer, an agent or the bot (never private notes)"),
        new(ConversationAssigned, "A conversation was assigned to an agent"),
        new(ConversationResolved, "A conversation was resolved"),
        new(CustomerCreated, "A customer was created"),
        new(CustomerUpdated, "A customer's profile, tags or custom fields changed"),
        new(CustomerMerged, "A duplicate customer was merged into another"),
        new(CustomerErased, "A customer's personal data was erased"),
    ];

    public static bool IsKnown(string name) => All.Any(t => t.Name == name);
}
