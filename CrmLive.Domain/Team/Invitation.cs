using System.Security.Cryptography;
using System.Text;
using CrmLive.Domain.Common;

namespace CrmLive.Domain.Team;

public enum InvitationState { Pending, Accepted, Revoked, Expired }

/// <summary>
/// An Admin's invitation for someone to join the team in a role. The link carries a random token; only its hash is
/// kept, and it opens once, before <see cref="ExpiresAt"/>.
/// </summary>
public sealed class Invitation : Entity
{
    public const int MaxEmailLength = 256;
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromDays(7);

    private Invitation() { }

    public Invitation(string email, string displayName, string role, string tokenHash, string invitedByName,
        DateTimeOffset now, TimeSpan lifetime)
    {
        Email = StaffEmail.Normalize(email);
        DisplayName = Guard.NotBlank(displayName, "Name", 100);
        Role = Guard.NotBlank(role, "Role", 20);
        TokenHash = Guard.NotBlank(tokenHash, "Token hash", 64);
        InvitedByName = Guard.NotBlank(invitedByName, "Invited by", 200);
        if (lifetime <= TimeSpan.Zero) throw new DomainException("An invitation must be valid for some time.");
        CreatedAt = now;
        ExpiresAt = now + lifetime;
    }

    public string Email { get; private set; } = "";
    public string DisplayName { get; private set; } = "";
    public string Role { get; private set; } = "";

    /// <summary>Lower-case hex SHA-256 of the token in the link (see <see cref="HashToken"/>).</summary>
    public string TokenHash { get; private set; } = "";

    public string InvitedByName { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public DateTimeOffset? AcceptedAt { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }

    public InvitationState StateAt(DateTimeOffset now) =>
        AcceptedAt is not null ? InvitationState.Accepted
        : RevokedAt is not null ? InvitationState.Revoked
        : now >= ExpiresAt ? InvitationState.Expired
        : InvitationState.Pending;

    /// <summary>Uses the invitation up: a second click on the same link finds it spent.</summary>
    public void Accept(DateTimeOffset now)
    {
        EnsurePending(now);
        AcceptedAt = now;
    }

    public void Revoke(DateTimeOffset now)
    {
        EnsurePending(now);
        RevokedAt = now;
    }

    private void EnsurePending(DateTimeOffset now)
    {
        switch (StateAt(now))
        {
            case InvitationState.Accepted: throw new DomainException("This invitation has already been used.");
            case InvitationState.Revoked: throw new DomainException("This invitation was withdrawn.");
            case InvitationState.Expired: throw new DomainException("This invitation has expired; ask an Admin to send a new one.");
        }
    }

    /// <summary>A token for the link: 256 random bits, URL-safe.</summary>
    public static string NewToken() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string HashToken(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}

/// <summary>Staff e-mail addresses as sign-in compares them: trimmed, lower-case, one @ with text on both sides.</summary>
public static class StaffEmail
{
    public static string Normalize(string? email)
    {
        var value = Guard.NotBlank(email, "E-mail", Invitation.MaxEmailLength).ToLowerInvariant();
        var at = value.IndexOf('@');
        if (at <= 0 || at != value.LastIndexOf('@') || at == value.Length - 1 || value.Any(char.IsWhiteSpace)
            || !value[(at + 1)..].Contains('.'))
            throw new DomainException($"'{value}' is not an e-mail address.");
        return value;
    }
}
