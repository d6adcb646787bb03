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

    /// <summary>The host page vouched for this browser's user with a valid signed identity.</summary>
    public bool IsVerified { get; private set; }

    public void MarkVerified() => IsVerified = true;

    /// <summary>What the visitor typed into the pre-chat form. Unverified: it never links them to a customer.</summary>
    public string? Name { get; private set; }

    /// <inheritdoc cref="Name"/>
    public string? Email { get; private set; }

    public void Introduce(string? name, string? email)
    {
        var cleanName = string.IsNullOrWhiteSpace(name) ? null : Guard.NotBlank(name, "Name", 100);
        var cleanEmail = string.IsNullOrWhiteSpace(email) ? null : email.Trim().ToLowerInvariant();
        if (cleanEmail is not null && (cleanEmail.Length > 254 || !System.Text.RegularExpressions.Regex.IsMatch(cleanEmail,
                @"^[^@\s]+@[^@\s]+\.[^@\s]+$", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromMilliseconds(50))))
            throw new DomainException("That doesn't look like an e-mail address.");
        if (cleanName is null && cleanEmail is null) throw new DomainException("Tell us your name or e-mail address.");
        Name = cleanName;
        Email = cleanEmail;
    }
}
