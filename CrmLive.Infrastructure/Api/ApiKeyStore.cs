using System.Security.Cryptography;
using System.Text;
using CrmLive.Domain.Api;
using CrmLive.Domain.Audit;
using CrmLive.Domain.Common;
using CrmLive.Infrastructure.Audit;
using CrmLive.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CrmLive.Infrastructure.Api;

public sealed record ApiKeyInfo(Guid Id, string Name, ApiKeyScope Scope, string Prefix, string CreatedByName,
    DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt, string? RevokedByName);

/// <summary>A key just made: <paramref name="Secret"/> is shown once and never stored.</summary>
public sealed record CreatedApiKey(ApiKeyInfo Key, string Secret);

/// <summary>The integration behind a request, as a valid key names it.</summary>
public sealed record ApiCaller(Guid KeyId, string Name, ApiKeyScope Scope, string? CreatedById);

public enum ApiKeyCheck { Valid, Unknown, Revoked }

/// <summary>
/// Creates, lists, revokes and checks API keys. A key reads <c>crm_&lt;prefix&gt;_&lt;secret&gt;</c>: the prefix
/// finds the row, and SHA-256 of the whole key (the secret has ~238 random bits, so a fast hash is enough) must match.
/// </summary>
public sealed class ApiKeyStore(IDbContextFactory<CrmDbContext> dbFactory, AuditLog audit, TimeProvider clock)
{
    public const string KeyStart = "crm_";
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private const int PrefixLength = 10;
    private const int SecretLength = 40;

    /// <summary>"Last used" is written at most this often per key, so busy keys don't write on every call.</summary>
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    public async Task<CreatedApiKey> CreateAsync(string name, ApiKeyScope scope, AuditActor by, CancellationToken ct = default)
    {
        var prefix = KeyStart + RandomNumberGenerator.GetString(Alphabet[..36].ToLowerInvariant(), PrefixLength);
        var secret = $"{prefix}_{RandomNumberGenerator.GetString(Alphabet, SecretLength)}";
        var key = new ApiKey(name, scope, prefix, Hash(secret), by.UserId, by.Name, clock.GetUtcNow());
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.ApiKeys.Add(key);
        audit.Add(db, by, AuditActions.ApiKeyCreated, $"API key {key.Name} ({key.Prefix})",
            key.CanWrite ? "Scope: read and write" : "Scope: read");
        await db.SaveChangesAsync(ct);
        return new CreatedApiKey(Info(key), secret);
    }

    public async Task RevokeAsync(Guid id, AuditActor by, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == id, ct)
            ?? throw new DomainException("That API key no longer exists.");
        key.Revoke(by.Name, clock.GetUtcNow());
        audit.Add(db, by, AuditActions.ApiKeyRevoked, $"API key {key.Name} ({key.Prefix})");
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Active keys first, newest first.</summary>
    public async Task<IReadOnlyList<ApiKeyInfo>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var keys = await db.ApiKeys.AsNoTracking().ToListAsync(ct);
        return keys.OrderBy(k => k.IsRevoked).ThenByDescending(k => k.CreatedAt).Select(Info).ToList();
    }

    /// <summary>Checks a presented key and notes that it was used.</summary>
    public async Task<(ApiKeyCheck Check, ApiCaller? Caller)> AuthenticateAsync(string presented, CancellationToken ct = default)
    {
        var prefix = PrefixOf(presented);
        if (prefix is null) return (ApiKeyCheck.Unknown, null);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var key = await db.ApiKeys.AsNoTracking().SingleOrDefaultAsync(k => k.Prefix == prefix, ct);
        if (key is null || !CryptographicOperations.FixedTimeEquals(
                Encoding.ASCII.GetBytes(key.SecretHash), Encoding.ASCII.GetBytes(Hash(presented))))
            return (ApiKeyCheck.Unknown, null);
        if (key.IsRevoked) return (ApiKeyCheck.Revoked, null);

        var now = clock.GetUtcNow();
        if (key.LastUsedAt is null || key.LastUsedAt < now - LastUsedResolution)
        {
            var stale = now - LastUsedResolution;
            await db.ApiKeys.Where(k => k.Id == key.Id && (k.LastUsedAt == null || k.LastUsedAt < stale))
                .ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), ct);
        }
        return (ApiKeyCheck.Valid, new ApiCaller(key.Id, key.Name, key.Scope, key.CreatedById));
    }

    private static string? PrefixOf(string presented)
    {
        if (!presented.StartsWith(KeyStart, StringComparison.Ordinal) || presented.Length > 100) return null;
        var end = presented.IndexOf('_', KeyStart.Length);
        return end == KeyStart.Length + PrefixLength ? presented[..end] : null;
    }

    private static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static ApiKeyInfo Info(ApiKey k) =>
        new(k.Id, k.Name, k.Scope, k.Prefix, k.CreatedByName, k.CreatedAt, k.LastUsedAt, k.RevokedAt, k.RevokedByName);
}
