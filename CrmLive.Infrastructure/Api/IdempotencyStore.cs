using CrmLive.Domain.Api;
using CrmLive.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmLive.Infrastructure.Api;

/// <summary>How a POST with an <c>Idempotency-Key</c> proceeds.</summary>
public abstract record IdempotencyStart
{
    /// <summary>First time: handle the request, then <see cref="IdempotencyStore.CompleteAsync"/> or abandon it.</summary>
    public sealed record Started(Guid RecordId) : IdempotencyStart;

    /// <summary>Done before: answer with what was answered then.</summary>
    public sealed record Replay(int StatusCode, string? ContentType, string? Location, string? Body) : IdempotencyStart;

    /// <summary>The key was used with a different request.</summary>
    public sealed record Mismatch : IdempotencyStart;

    /// <summary>The first request is still running after the wait.</summary>
    public sealed record StillRunning : IdempotencyStart;
}

/// <summary>
/// Stored answers to POSTs made with an <c>Idempotency-Key</c>. The unique index on (caller, key) decides which of two
/// concurrent identical requests runs; the other waits for its answer.
/// </summary>
public sealed class IdempotencyStore(IDbContextFactory<CrmDbContext> dbFactory, IOptions<ApiOptions> options,
    TimeProvider clock, ILogger<IdempotencyStore> logger)
{
    /// <summary>An unfinished record this old belongs to a request that died (a crash); the next retry takes over.</summary>
    private static readonly TimeSpan Abandoned = TimeSpan.FromMinutes(2);

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    public async Task<IdempotencyStart> BeginAsync(string callerId, string key, string requestHash, CancellationToken ct = default)
    {
        var waitUntil = clock.GetUtcNow().AddSeconds(options.Value.IdempotencyWaitSeconds);
        while (true)
        {
            var now = clock.GetUtcNow();
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var existing = await db.IdempotencyRecords.AsNoTracking()
                .SingleOrDefaultAsync(r => r.CallerId == callerId && r.Key == key, ct);
            if (existing is not null)
            {
                if (existing.ExpiresAt <= now || (!existing.IsComplete && existing.CreatedAt <= now - Abandoned))
                {
                    await db.IdempotencyRecords.Where(r => r.Id == existing.Id).ExecuteDeleteAsync(ct);
                    continue;
                }
                if (existing.RequestHash != requestHash) return new IdempotencyStart.Mismatch();
                if (existing.IsComplete)
                    return new IdempotencyStart.Replay(existing.StatusCode!.Value, existing.ContentType, existing.Location,
                        existing.ResponseBody);
                if (now >= waitUntil) return new IdempotencyStart.StillRunning();
                await Task.Delay(Poll, clock, ct);
                continue;
            }

            var record = new IdempotencyRecord(callerId, key, requestHash, now, now.AddHours(options.Value.IdempotencyHours));
            db.IdempotencyRecords.Add(record);
            try
            {
                await db.SaveChangesAsync(ct);
                return new IdempotencyStart.Started(record.Id);
            }
            catch (DbUpdateException ex)
            {
                // Another request with the same key got in first: look again and follow it.
                logger.LogDebug(ex, "Idempotency key {Key} taken concurrently", key);
            }
        }
    }

    public async Task CompleteAsync(Guid recordId, int statusCode, string? contentType, string? location, string? body,
        CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var record = await db.IdempotencyRecords.SingleOrDefaultAsync(r => r.Id == recordId, ct);
        if (record is null) return;
        record.Complete(statusCode, contentType, location, body);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The request failed on our side: forget it so a retry runs again.</summary>
    public async Task AbandonAsync(Guid recordId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        await db.IdempotencyRecords.Where(r => r.Id == recordId).ExecuteDeleteAsync();
    }

    public async Task<int> DeleteExpiredAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.IdempotencyRecords.Where(r => r.ExpiresAt <= now).ExecuteDeleteAsync(ct);
    }
}

/// <summary>Hourly: drops stored idempotent answers past their retention.</summary>
public sealed class IdempotencyCleanupJob(IdempotencyStore store, ILogger<IdempotencyCleanupJob> logger)
{
    public const string JobId = "idempotency-cleanup";

    public async Task RunAsync(CancellationToken ct)
    {
        var deleted = await store.DeleteExpiredAsync(ct);
        if (deleted > 0) logger.LogInformation("Deleted {Count} expired idempotency records", deleted);
    }
}
