using CrmLive.Domain.Webhooks;
using CrmLive.Infrastructure.Persistence;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmLive.Infrastructure.Webhooks;

/// <summary>
/// Every few minutes: pending deliveries whose job was lost — stored just before a crash and never queued, or waiting
/// for a retry that an in-memory job store forgot on restart (the embedded SQLite set-up) — are queued again.
/// Deliveries are at least once: a receiver tells repeats apart by the X-CrmLive-Delivery header.
/// </summary>
public sealed class WebhookSweeperJob(
    IDbContextFactory<CrmDbContext> dbFactory,
    IBackgroundJobClient jobs,
    IOptions<WebhookOptions> options,
    TimeProvider clock,
    ILogger<WebhookSweeperJob> logger)
{
    public const string JobId = "webhook-sweeper";
    private const int MaxPerSweep = 500;

    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    [AutomaticRetry(Attempts = 0)] // the next sweep is the retry
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var cutoff = clock.GetUtcNow() - options.Value.SweepAfter;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var stranded = await db.WebhookDeliveries.AsNoTracking()
            .Where(d => d.Status == WebhookDeliveryStatus.Pending
                && ((d.Attempts == 0 && d.CreatedAt < cutoff) || (d.NextAttemptAt != null && d.NextAttemptAt < cutoff)))
            .OrderBy(d => d.CreatedAt)
            .Select(d => d.Id)
            .Take(MaxPerSweep)
            .ToListAsync(ct);
        foreach (var id in stranded)
            jobs.Enqueue<WebhookDeliveryJob>(j => j.RunAsync(id, CancellationToken.None));
        if (stranded.Count > 0)
            logger.LogWarning("Queued {Count} webhook deliveries again whose job was lost (pending for over {After})",
                stranded.Count, options.Value.SweepAfter);
        return stranded.Count;
    }
}
