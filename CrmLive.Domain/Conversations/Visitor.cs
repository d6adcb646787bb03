using CrmLive.Domain.Common;

namespace CrmLive.Domain.Conversations;

/// <summary>
/// A browser that opened the widget. It proves who it is with a random token kept in local storage;
/// only the token's hash is stored.
/// </summary>
public sealed class Visitor : Entity
{
    private Visitor() { }

    public Visitor(Guid inboxId, string tokenHash, DateTimeOffset createdAt)
    {
        InboxId = inboxId;
        TokenHash = tokenHash;
        CreatedAt = createdAt;
        LastSeenAt = createdAt;
    }

    public Guid InboxId { get; private set; }
    public string TokenHash { get; private set; } = "";
    public Guid? CustomerId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset LastSeenAt { get; private set; }

    public void Seen(DateTimeOffset when) => LastSeenAt = when;

    public void AttachTo(Guid customerId) => CustomerId = customerId;
}
