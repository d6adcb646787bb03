using CrmLive.Domain.Analytics;
using CrmLive.Domain.Audit;
using CrmLive.Domain.Common;
using CrmLive.Domain.Live;
using CrmLive.Infrastructure.Audit;
using CrmLive.Infrastructure.Persistence;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrmLive.Infrastructure.Analytics;

/// <summary>What the analytics page shows: the last finished run's findings, a run in progress, recent runs.</summary>
public sealed record AnalyticsOverview(
    AnalyticsRun? Latest,
    AnalyticsRun? Current,
    AnalyticsSummary Summary,
    IReadOnlyList<MetricMove> Moves,
    IReadOnlyList<AnalyticsRun> Recent);

public sealed class AnalyticsQueries(
    IDbContextFactory<CrmDbContext> dbFactory,
    IBackgroundJobClient jobs,
    IOptions<AnalyticsOptions> options,
    AuditLog audit,
    TimeProvider clock)
{
    private const int RecentRuns = 8;

    public async Task<AnalyticsOverview> OverviewAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var recent = await db.AnalyticsRuns.AsNoTracking().OrderByDescending(r => r.StartedAt).Take(RecentRuns).ToListAsync(ct);
        var latest = recent.FirstOrDefault(r => r.Status == AnalyticsRunStatus.Succeeded)
            ?? await db.AnalyticsRuns.AsNoTracking().Where(r => r.Status == AnalyticsRunStatus.Succeeded)
                .OrderByDescending(r => r.StartedAt).FirstOrDefaultAsync(ct);
        var current = recent.FirstOrDefault(r => r.Status == AnalyticsRunStatus.Running && IsLive(r));
        return new AnalyticsOverview(latest, current, AnalyticsJson.Summary(latest?.Summary), AnalyticsJson.Moves(latest?.Movement),
            recent);
    }

    /// <summary>Queues a recompute now (Managers); refused while one is running.</summary>
    public async Task RequestRecomputeAsync(AuditActor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var running = await db.AnalyticsRuns.AsNoTracking().Where(r => r.Status == AnalyticsRunStatus.Running).ToListAsync(ct);
        if (running.Any(IsLive)) throw new DomainException("A recompute is already running; its progress shows here.");
        jobs.Enqueue<AnalyticsRecomputeJob>(j => j.RunAsync(CancellationToken.None));
        await audit.WriteAsync(actor, AuditActions.AnalyticsRecomputeRequested, "analytics", null, ct);
    }

    private bool IsLive(AnalyticsRun run) => clock.GetUtcNow() - run.StartedAt <= options.Value.ResumeWithin;
}
