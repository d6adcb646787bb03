using System.Collections.Concurrent;
using CrmLive.Domain.Analytics;
using CrmLive.Domain.Customers;
using CrmLive.Domain.Live;
using CrmLive.Infrastructure.Analytics;
using CrmLive.Infrastructure.Persistence;
using CrmLive.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CrmLive.Tests.Analytics;

/// <summary>The demo company with small chunks, so a run has several checkpoints to be killed between.</summary>
public sealed class AnalyticsAppFactory() : CrmLiveAppFactory(null, new Dictionary<string, string?>
{
    ["Analytics:ChunkSize"] = ChunkSize.ToString(),
})
{
    public const int ChunkSize = 25;

    protected override int DemoCustomers => 1500;
}

[Trait("Database", "Any")]
public class AnalyticsRecomputeJobTests(AnalyticsAppFactory app) : IClassFixture<AnalyticsAppFactory>
{
    private AnalyticsRecomputeJob Job => app.Service<AnalyticsRecomputeJob>();

    private sealed record Snapshot(Guid Id, int? R, int? F, int? M, string? Segment, int? Loyalty, string? Tier, decimal? Ltv,
        double? Churn, double? Csat);

    private async Task<List<Snapshot>> SnapshotAsync()
    {
        await using var db = await app.Service<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync();
        var rows = await db.Customers.AsNoTracking()
            .Select(c => new Snapshot(c.Id, c.RfmRecency, c.RfmFrequency, c.RfmMonetary, c.Metrics.Segment, c.Metrics.LoyaltyScore,
                c.Metrics.LoyaltyTier, c.Metrics.LifetimeValue, c.Metrics.ChurnRisk, c.Metrics.AverageCsat))
            .ToListAsync();
        return rows.OrderBy(r => r.Id).ToList();
    }

    [Fact]
    public async Task ARun_ScoresEveryCustomer_WithNamedSegments_Tiers_LifetimeValue_AndChurnRisk()
    {
        var run = await Job.RunAsync(null, CancellationToken.None);

        Assert.Equal(AnalyticsRunStatus.Succeeded, run.Status);
        var customers = await SnapshotAsync();
        Assert.Equal(customers.Count, run.Total);
        Assert.All(customers, c =>
        {
            Assert.NotNull(c.Segment);
            Assert.InRange(c.Loyalty!.Value, 0, 100);
            Assert.Equal(LoyaltyFormula.Tier(c.Loyalty.Value).ToString(), c.Tier);
        });
        var names = SegmentNaming.Prototypes.Select(p => p.Name).Append(SegmentNaming.Prospects).ToHashSet();
        Assert.All(customers, c => Assert.Contains(c.Segment!, names));
        var buyers = customers.Where(c => c.R is not null).ToList();
        Assert.NotEmpty(buyers);
        Assert.True(buyers.Select(b => b.Segment).Distinct().Count() >= 2, "buyers fall into more than one segment");
        Assert.NotNull(run.ChurnAuc);
        Assert.InRange(run.ChurnAuc!.Value, 0, 1);
        Assert.All(buyers, b => Assert.InRange(b.Churn!.Value, 0, 1));
        Assert.All(buyers, b => Assert.True(b.Ltv > 0));
        Assert.All(customers.Where(c => c.R is null), c =>
        {
            Assert.Equal(SegmentNaming.Prospects, c.Segment);
            Assert.Null(c.Churn);
        });
        var summary = AnalyticsJson.Summary(run.Summary);
        Assert.Equal(customers.Count, summary.Customers);
        Assert.Equal(buyers.Count, summary.Buyers);
        Assert.Equal(customers.Count, summary.Tiers.Values.Sum());
        Assert.All(summary.Segments.Where(s => s.Name != SegmentNaming.Prospects), s => Assert.Equal(NormalizedFeatures.Dimensions, s.Centre.Length));
    }

    [Fact]
    public async Task ARunKilledMidway_ResumesFromItsCheckpoint_AndEndsAsAnUninterruptedRunDoes()
    {
        var asOf = DateTimeOffset.UtcNow.AddMinutes(-1);
        using var kill = new CancellationTokenSource();
        using var _ = app.Service<ILiveEventBus>().Subscribe<AnalyticsProgressed>(e =>
        {
            if (e.Processed >= AnalyticsAppFactory.ChunkSize) kill.Cancel(); // right after the first saved chunk
            return Task.CompletedTask;
        });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Job.RunAsync(asOf, kill.Token));
        AnalyticsRun killed;
        await using (var db = await app.Service<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync())
            killed = await db.AnalyticsRuns.AsNoTracking().OrderByDescending(r => r.StartedAt).FirstAsync();
        Assert.Equal(AnalyticsRunStatus.Running, killed.Status);
        Assert.InRange(killed.Processed, AnalyticsAppFactory.ChunkSize, killed.Total - 1);

        var resumed = await Job.RunAsync(null, CancellationToken.None);
        var afterResume = await SnapshotAsync();
        var uninterrupted = await Job.RunAsync(killed.AsOf, CancellationToken.None);
        var afterFullRun = await SnapshotAsync();

        Assert.Equal(1, resumed.Resumes);
        Assert.Equal(killed.Id, resumed.Id);
        Assert.Equal(killed.AsOf, uninterrupted.AsOf);
        Assert.Equal(AnalyticsRunStatus.Succeeded, resumed.Status);
        Assert.Equal(uninterrupted.Summary, resumed.Summary);
        Assert.Equal(uninterrupted.ChurnAuc, resumed.ChurnAuc);
        Assert.Equal(afterFullRun, afterResume);
    }

    [Fact]
    public async Task ATierChange_GoesOnTheTimeline_AndReachesADashboardSubscriber()
    {
        await Job.RunAsync(null, CancellationToken.None);
        Snapshot someone;
        await using (var db = await app.Service<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync())
        {
            someone = (await SnapshotAsync()).First(c => c.Tier != nameof(LoyaltyTier.Platinum));
            // As if the last run had them at the top: this run brings them back down.
            await db.Customers.Where(c => c.Id == someone.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.Metrics.LoyaltyTier, nameof(LoyaltyTier.Platinum)));
        }
        var moves = new ConcurrentQueue<MetricMove>();
        using var subscription = app.Service<ILiveEventBus>().Subscribe<AnalyticsProgressed>(e =>
        {
            foreach (var m in e.Moves) moves.Enqueue(m);
            return Task.CompletedTask;
        });

        var run = await Job.RunAsync(null, CancellationToken.None);

        await Eventually.TrueAsync(() => Task.FromResult(moves.Any(m => m is { Kind: "tier", From: "Platinum" } && m.To == someone.Tier)),
            "the tier move on the bus");
        await using var check = await app.Service<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync();
        var line = await check.Timeline.AsNoTracking()
            .SingleAsync(t => t.CustomerId == someone.Id && t.Kind == TimelineKind.TierChange && t.OccurredAt == run.AsOf);
        Assert.Equal($"Loyalty tier down: Platinum → {someone.Tier}", line.Title);
        Assert.Contains($"tier|Platinum|{someone.Tier}".Split('|')[1], run.Movement!);
    }

    [Fact]
    public async Task ARerunOnSlightlyChangedData_KeepsWhoIsCalledWhat()
    {
        var first = await Job.RunAsync(null, CancellationToken.None);
        var before = (await SnapshotAsync()).ToDictionary(c => c.Id);
        await using (var db = await app.Service<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync())
        {
            // A handful of customers buy again.
            var buyers = await db.Customers.AsNoTracking().OrderBy(c => c.Name).Select(c => c.Id).Take(5).ToListAsync();
            foreach (var id in buyers)
                db.Orders.Add(new CrmLive.Domain.Orders.Order(id, $"RERUN-{Guid.NewGuid():N}"[..20], DateTimeOffset.UtcNow.AddMinutes(-1), 40m,
                    "EUR", CrmLive.Domain.Orders.SalesChannel.Web, CrmLive.Domain.Orders.OrderStatus.Delivered, 1, "rerun"));
            await db.SaveChangesAsync();
        }

        var second = await Job.RunAsync(null, CancellationToken.None);
        var after = (await SnapshotAsync()).ToDictionary(c => c.Id);

        // Whoever's own RFM did not change keeps their name; a few near a border may still move.
        var unchanged = before.Values.Where(b => after[b.Id] is var a && (a.R, a.F, a.M) == (b.R, b.F, b.M)).ToList();
        var kept = unchanged.Count(b => after[b.Id].Segment == b.Segment);
        Assert.True(unchanged.Count >= before.Count * 0.9, $"{unchanged.Count} of {before.Count} kept their RFM");
        Assert.True(kept >= unchanged.Count * 0.97, $"{kept} of {unchanged.Count} with the same RFM kept their segment");
        var namesBefore = AnalyticsJson.Summary(first.Summary).Segments.Select(s => s.Name).Order();
        var namesAfter = AnalyticsJson.Summary(second.Summary).Segments.Select(s => s.Name).Order();
        Assert.Equal(namesBefore, namesAfter);
    }
}
