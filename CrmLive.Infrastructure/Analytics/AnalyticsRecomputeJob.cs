using System.Diagnostics;
using CrmLive.Domain.Analytics;
using CrmLive.Domain.Customers;
using CrmLive.Domain.Live;
using CrmLive.Infrastructure.Dashboards;
using CrmLive.Infrastructure.Operations;
using CrmLive.Infrastructure.Persistence;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmLive.Infrastructure.Analytics;

/// <summary>
/// Recomputes RFM, segments, loyalty score and tier, lifetime value and churn risk for every customer, as of one
/// moment. The models are built in memory from grouped queries; the results are saved in chunks, each chunk one
/// transaction together with the run's checkpoint, so a run killed at any point resumes after its last saved chunk
/// and ends exactly as an uninterrupted run would. Segment and tier changes go on the customers' timelines and, chunk
/// by chunk, to the live dashboards.
/// </summary>
public sealed class AnalyticsRecomputeJob(
    IDbContextFactory<CrmDbContext> dbFactory,
    ILiveEventBus bus,
    SegmentRevenue segmentRevenue,
    TimeProvider clock,
    IOptions<AnalyticsOptions> options,
    CrmLiveMetrics metrics,
    ILogger<AnalyticsRecomputeJob> logger)
{
    public const string JobId = "analytics-recompute";

    private static readonly string[] Columns =
    [
        nameof(Customer.RfmRecency), nameof(Customer.RfmFrequency), nameof(Customer.RfmMonetary), nameof(Customer.RfmComputedAt),
        "Metrics.Segment", "Metrics.LoyaltyScore", "Metrics.LoyaltyTier", "Metrics.LifetimeValue", "Metrics.ChurnRisk",
        "Metrics.AverageCsat", "Metrics.ComputedAt",
    ];

    /// <summary>Stages that take a while, for the progress a manager watches.</summary>
    public static class Stages
    {
        public const string Reading = "Reading history";
        public const string Segmenting = "Finding segments";
        public const string Churn = "Training the churn model";
        public const string Saving = "Saving";
    }

    [DisableConcurrentExecution(timeoutInSeconds: 10)] // one run at a time across servers; a second trigger waits briefly, then fails
    [AutomaticRetry(Attempts = 1)]
    public async Task<Guid> RunAsync(CancellationToken ct) => (await RunAsync(null, ct)).Id;

    /// <summary>Runs (or resumes) a recompute; <paramref name="asOf"/> fixes the moment for a new run (tests).</summary>
    public async Task<AnalyticsRun> RunAsync(DateTimeOffset? asOf, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var run = await StartOrResumeAsync(asOf, ct);
        try
        {
            await ComputeAndSaveAsync(run, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            logger.LogWarning("Analytics run {RunId} interrupted at {Processed}/{Total}; the next run resumes it", run.Id,
                run.Processed, run.Total);
            throw;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Analytics run {RunId} failed", run.Id);
            await UpdateRunAsync(run.Id, r => r.Failed(ex.Message, clock.GetUtcNow()), CancellationToken.None);
            throw;
        }
        metrics.JobFinished(JobId, Stopwatch.GetElapsedTime(started));
        await bus.PublishAsync(new AnalyticsRecomputed(JobId, run.Total, run.Id), ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.AnalyticsRuns.AsNoTracking().SingleAsync(r => r.Id == run.Id, ct);
    }

    private async Task<AnalyticsRun> StartOrResumeAsync(DateTimeOffset? asOf, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var unfinished = await db.AnalyticsRuns.Where(r => r.Status == AnalyticsRunStatus.Running)
            .OrderByDescending(r => r.StartedAt).ToListAsync(ct);
        var resumable = asOf is null ? unfinished.FirstOrDefault(r => now - r.StartedAt <= options.Value.ResumeWithin) : null;
        foreach (var stale in unfinished.Where(r => r != resumable))
            stale.Failed("Interrupted and not resumed in time; a newer run replaced it.", now);
        if (resumable is not null)
        {
            resumable.Resumed();
            logger.LogInformation("Resuming analytics run {RunId} after {Processed}/{Total} customers", resumable.Id,
                resumable.Processed, resumable.Total);
        }
        var run = resumable ?? new AnalyticsRun(asOf ?? now, now);
        if (resumable is null) db.AnalyticsRuns.Add(run);
        await db.SaveChangesAsync(ct);
        return run;
    }

    private async Task ComputeAndSaveAsync(AnalyticsRun run, CancellationToken ct)
    {
        var settings = options.Value;
        var asOf = run.AsOf;
        var then = asOf - TimeSpan.FromDays(settings.ChurnWindowDays);

        await StageAsync(run, Stages.Reading, ct);
        List<CustomerFeatures> now, past;
        Dictionary<Guid, string> previousSegments;
        List<float[]> previousCentres;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
            (now, past, previousSegments) = await AnalyticsHistory.FeaturesAsync(db, asOf, then, ct);
            var lastRun = await db.AnalyticsRuns.AsNoTracking()
                .Where(r => r.Status == AnalyticsRunStatus.Succeeded && r.StartedAt < run.StartedAt)
                .OrderByDescending(r => r.StartedAt).Select(r => r.Summary).FirstOrDefaultAsync(ct);
            previousCentres = AnalyticsJson.Summary(lastRun).Segments.Where(s => s.Centre.Length == NormalizedFeatures.Dimensions)
                .Select(s => s.Centre).ToList();
        }
        var rfm = RfmScoring.Score(now.Select(f => f.ToRfmInput()), asOf);

        await StageAsync(run, Stages.Segmenting, ct);
        var buyers = now.Where(f => rfm[f.CustomerId] is not null).ToList();
        var points = buyers.Select(f => NormalizedFeatures.Of(rfm[f.CustomerId]!, f, asOf).ToArray()).ToList();
        var segments = SegmentModel.Train(points, settings.Segments, settings.TrainingSample, settings.Seed, previousCentres);

        await StageAsync(run, Stages.Churn, ct);
        var lastOrderNow = now.ToDictionary(f => f.CustomerId, f => f.LastOrderAt);
        var history = past.Where(f => f.HasOrders)
            .Select(f => (f, !(lastOrderNow.GetValueOrDefault(f.CustomerId) > then)))
            .ToList();
        var churn = ChurnModel.Train(history, then, settings.TrainingSample, settings.Seed);
        var risks = churn?.Predict(buyers, asOf);

        var results = new Dictionary<Guid, Computed>(now.Count);
        for (var i = 0; i < buyers.Count; i++)
        {
            var f = buyers[i];
            var risk = risks is null ? (double?)null : Math.Round(risks[i], 4);
            var segment = segments?.NameOf(points[i], previousSegments.GetValueOrDefault(f.CustomerId), settings.SegmentStickiness);
            results[f.CustomerId] = Compute(f, rfm[f.CustomerId], segment, risk, asOf);
        }
        foreach (var f in now.Where(f => rfm[f.CustomerId] is null))
            results[f.CustomerId] = Compute(f, null, SegmentNaming.Prospects, null, asOf);

        var described = AnalyticsJson.Write(Summarize(segments, now, results));
        await UpdateRunAsync(run.Id, r => r.Modelled(now.Count, described, churn?.Auc, churn?.TrainedOn ?? 0), ct);
        await PublishProgressAsync(run.Id, Stages.Saving, run.Processed, now.Count, [], ct);
        logger.LogInformation("Analytics run {RunId}: {Customers} customers, {Buyers} with orders, {Segments} segments, churn AUC {Auc}",
            run.Id, now.Count, buyers.Count, segments?.Names.Count ?? 0, churn?.Auc);

        var movement = Movement.Parse(run.Movement);
        // Resume after the checkpoint's customer; if it is gone (erased meanwhile), from the start: saving the same
        // results again changes nothing and records no move twice.
        var resumeAt = run.Checkpoint is { } done ? now.FindIndex(f => f.CustomerId == done) + 1 : 0;
        var processed = resumeAt == 0 ? 0 : run.Processed;
        foreach (var chunk in now.Skip(resumeAt).Chunk(settings.ChunkSize))
        {
            ct.ThrowIfCancellationRequested();
            processed += chunk.Length;
            var moves = await SaveChunkAsync(run, chunk.Select(f => (f.CustomerId, results[f.CustomerId])).ToList(), movement,
                processed, ct);
            await PublishProgressAsync(run.Id, Stages.Saving, processed, now.Count, moves, ct);
        }
        // The dashboards' revenue by segment follows the segments just saved.
        await segmentRevenue.RecountAsync(ct);
        await UpdateRunAsync(run.Id, r => r.Succeeded(clock.GetUtcNow()), ct);
        run.Succeeded(clock.GetUtcNow());
    }

    private sealed record Computed(RfmScore? Rfm, string? Segment, int Loyalty, string Tier, decimal? LifetimeValue,
        double? ChurnRisk, double? AverageCsat);

    private static Computed Compute(CustomerFeatures f, RfmScore? rfm, string? segment, double? churnRisk, DateTimeOffset asOf)
    {
        var loyalty = LoyaltyFormula.Score(rfm, f, asOf);
        decimal? ltv = rfm is null ? 0m : churnRisk is { } risk ? LifetimeValue.Of(f, risk, asOf) : null;
        var csat = f.AverageCsat is { } c ? Math.Round(c, 2) : (double?)null;
        return new Computed(rfm, segment, loyalty, LoyaltyFormula.Tier(loyalty).ToString(), ltv, churnRisk, csat);
    }

    /// <summary>One transaction: the chunk's results, timeline lines for its moves, and the run's checkpoint.</summary>
    private async Task<List<MetricMove>> SaveChunkAsync(AnalyticsRun run, List<(Guid Id, Computed Result)> chunk,
        Movement movement, int processed, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var ids = chunk.Select(c => c.Id).ToList();
        var before = await db.Customers.AsNoTracking().Where(c => ids.Contains(c.Id))
            .Select(c => new { c.Id, c.Metrics.Segment, c.Metrics.LoyaltyTier })
            .ToDictionaryAsync(c => c.Id, ct);
        using var updater = new EntityColumnsUpdater(db, db.Database.GetDbConnection(), typeof(Customer), Columns)
        {
            Transaction = transaction.GetDbTransaction(),
        };
        var chunkMoves = new Movement();
        foreach (var (id, r) in chunk)
        {
            if (!before.TryGetValue(id, out var old)) continue; // erased or merged away since the run began
            await updater.UpdateAsync(id, [r.Rfm?.Recency, r.Rfm?.Frequency, r.Rfm?.Monetary, run.AsOf, r.Segment, r.Loyalty,
                r.Tier, r.LifetimeValue, r.ChurnRisk, r.AverageCsat, run.AsOf], ct);
            if (old.Segment is { } from && r.Segment is { } to && from != to)
            {
                chunkMoves.Add("segment", from, to);
                db.Timeline.Add(new TimelineEntry(id, run.AsOf, TimelineKind.SegmentChange, $"Moved from {from} to {to}",
                    null, null));
            }
            if (old.LoyaltyTier is { } fromTier && fromTier != r.Tier)
            {
                chunkMoves.Add("tier", fromTier, r.Tier);
                db.Timeline.Add(new TimelineEntry(id, run.AsOf, TimelineKind.TierChange,
                    $"Loyalty tier {(Rank(r.Tier) > Rank(fromTier) ? "up" : "down")}: {fromTier} → {r.Tier}",
                    $"Loyalty score {r.Loyalty}", null));
            }
        }
        movement.Add(chunkMoves);
        var movedSoFar = movement.ToJson();
        var tracked = await db.AnalyticsRuns.SingleAsync(x => x.Id == run.Id, ct);
        tracked.Saved(chunk[^1].Id, processed, movedSoFar);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        run.Saved(chunk[^1].Id, processed, movedSoFar);
        return chunkMoves.ToMoves();
    }

    private static int Rank(string tier) => Enum.TryParse<LoyaltyTier>(tier, out var t) ? (int)t : -1;

    private static AnalyticsSummary Summarize(SegmentModel? model, List<CustomerFeatures> customers,
        Dictionary<Guid, Computed> results)
    {
        var centres = new Dictionary<string, float[]>();
        for (var i = 0; i < (model?.Names.Count ?? 0); i++)
            centres[model!.Names[i]] = model.Centres[i].Select(v => MathF.Round(v, 3)).ToArray();
        var segments = customers.GroupBy(c => results[c.CustomerId].Segment!)
            .Select(g => new SegmentSummary(g.Key, centres.GetValueOrDefault(g.Key, []), g.Count(), g.Sum(c => c.Revenue),
                Math.Round(g.Average(c => results[c.CustomerId].Loyalty), 1),
                g.Any(c => results[c.CustomerId].ChurnRisk is not null)
                    ? Math.Round(g.Average(c => results[c.CustomerId].ChurnRisk ?? 0), 3) : null))
            .OrderByDescending(s => s.Revenue).ThenBy(s => s.Name, StringComparer.Ordinal)
            .ToList();
        var tiers = Enum.GetNames<LoyaltyTier>().ToDictionary(t => t, t => results.Values.Count(r => r.Tier == t));
        return new AnalyticsSummary(segments, tiers, results.Values.Count(r => r.Rfm is not null));
    }

    private async Task StageAsync(AnalyticsRun run, string stage, CancellationToken ct)
    {
        run.At(stage);
        await UpdateRunAsync(run.Id, r => r.At(stage), ct);
        await PublishProgressAsync(run.Id, stage, run.Processed, run.Total, [], ct);
    }

    private async Task UpdateRunAsync(Guid id, Action<AnalyticsRun> change, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var run = await db.AnalyticsRuns.SingleAsync(r => r.Id == id, ct);
        change(run);
        await db.SaveChangesAsync(ct);
    }

    private Task PublishProgressAsync(Guid id, string stage, int processed, int total, IReadOnlyList<MetricMove> moves,
        CancellationToken ct) => bus.PublishAsync(new AnalyticsProgressed(id, stage, processed, total, moves), ct);
}
