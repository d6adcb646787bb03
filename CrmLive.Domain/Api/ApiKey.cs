using CrmLive.Domain.Common;

namespace CrmLive.Domain.Api;

/// <summary>What a key may do: read only, or read and write.</summary>
public enum ApiKeyScope { Read, ReadWrite }

/// <summary>
/// A key an integration (shop, ERP) calls the REST API with. Only a hash of the secret is kept; the short
/// <see cref="Prefix"/> finds the row and lets people tell their keys apart.
/// </summary>
public sealed class ApiKey : Entity
{
    public const int MaxNameLength = 100;

    private ApiKey() { }

    public ApiKey(string name, ApiKeyScope scope, string prefix, string secretHash, string? createdById,
        string createdByName, DateTimeOffset createdAt)
    {
        Name = Guard.NotBlank(name, "Name", MaxNameLength);
        Scope = scope;
        Prefix = Guard.NotBlank(prefix, "Prefix", 32);
        SecretHash = Guard.NotBlank(secretHash, "Secret hash", 64);
        CreatedById = createdById;
        CreatedByName = Guard.NotBlank(createdByName, "Created by", 200);
        CreatedAt = createdAt;
    }

    public string Name { get; private set; } = "";
    public ApiKeyScope Scope { get; private set; }
    public string Prefix { get; private set; } = "";

    /// <summary>Lower-case hex SHA-256 of the whole key.</summary>
    public string SecretHash { get; private set; } = "";

    public string? CreatedById { get; private set; }
    public string CreatedByName { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? LastUsedAt { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }
    public string? RevokedByName { get; private set; }

    public bool IsRevoked => RevokedAt is not null;

    public bool CanWrite => Scope == ApiKeyScope.ReadWrite;

    public void Revoke(string byName, DateTimeOffset now)
    {
        if (IsRevoked) throw new DomainException("This key is already revoked.");
        RevokedAt = now;
        RevokedByName = byName;
    }
}
