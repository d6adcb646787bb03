using System.Collections.Concurrent;
using CrmLive.Domain.Analytics;
using CrmLive.Domain.Audit;
using CrmLive.Domain.Live;
using CrmLive.Infrastructure.Analytics;
using CrmLive.Infrastructure.Persistence;
using CrmLive.Tests.Support;
using Hangfire;
using Hangfire.States;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;

namespace CrmLive.Tests.Web.ScaleOut;

/// <summary>Two instances, both running Hangfire servers on the shared PostgreSQL storage.</summary>
public sealed class TwoJobServers : TwoInstances
{
    protected override bool RunJobServers => true;
}

/// <summary>Needs shared job storage, so it runs in the PostgreSQL pass only (embedded SQLite keeps jobs in memory).</summary>
[Trait("Database", "PostgreSql")]
public class RecurringJobsOnceTests(TwoJobServers instances) : IClassFixture<TwoJobServers>
{
    [Fact]
    public async Task RecurringJob_RegisteredByBoth_IsOneJob_AndATriggerRunsOnce()
    {
        Assert.Equal(DatabaseProvider.PostgreSql, TestDatabase.RequestedProvider);
        var storageA = instances.A.Service<JobStorage>();
        var storageB = instances.B.Service<JobStorage>();
        using (var connection = storageB.GetConnection())
            Assert.Single(connection.GetRecurringJobs(), j => j.Id == AnalyticsRecomputeJob.JobId);

        var jobId = instances.A.Service<IRecurringJobManagerV2>().TriggerJob(AnalyticsRecomputeJob.JobId);

        var monitor = storageB.GetMonitoringApi();
        await Eventually.TrueAsync(() => Task.FromResult(
            monitor.JobDetails(jobId)?.History.Any(h => h.StateName == SucceededState.StateName) == true),
            "the triggered job to succeed");
        var history = monitor.JobDetails(jobId).History;
        Assert.Single(history, h => h.StateName == ProcessingState.StateName);
        Assert.NotSame(storageA, storageB);
    }

    [Fact]
    public async Task RecomputeRequestedOnA_RunsOnce_AndItsProgressAndEndReachADashboardOnB()
    {
        var dbFactory = instances.B.Service<IDbContextFactory<CrmDbContext>>();
        async Task<List<AnalyticsRun>> RunsAsync()
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            return await db.AnalyticsRuns.AsNoTracking().ToListAsync();
        }
        // The seeded company's first run (and other tests' triggers) finish before this one is counted.
        await Eventually.TrueAsync(async () => (await RunsAsync()) is var runs
            && runs.Any(r => r.Status == AnalyticsRunStatus.Succeeded) && runs.All(r => r.Status != AnalyticsRunStatus.Running),
            "the seeded company's first run to finish");
        var before = (await RunsAsync()).Select(r => r.Id).ToHashSet();
        var progressOnB = new ConcurrentQueue<AnalyticsProgressed>();
        var endsOnB = new ConcurrentQueue<AnalyticsRecomputed>();
        var busB = instances.B.Service<ILiveEventBus>();
        using var progress = busB.Subscribe<AnalyticsProgressed>(e => { progressOnB.Enqueue(e); return Task.CompletedTask; });
        using var ends = busB.Subscribe<AnalyticsRecomputed>(e => { endsOnB.Enqueue(e); return Task.CompletedTask; });

        await instances.A.Service<AnalyticsQueries>().RequestRecomputeAsync(new AuditActor(null, "Manager on A", null));

        // An earlier run's end may still be on its way when this test subscribes; this run is known by its id.
        AnalyticsRun? run = null;
        await Eventually.TrueAsync(async () =>
        {
            run = (await RunsAsync()).SingleOrDefault(r => !before.Contains(r.Id));
            return run?.Status == AnalyticsRunStatus.Succeeded && !endsOnB.IsEmpty
                && progressOnB.Any(e => e.RunId == run.Id && e.Stage == AnalyticsRecomputeJob.Stages.Saving && e.Processed == run.Total);
        }, "the run's progress and end to reach B");
        Assert.Single(await RunsAsync(), r => !before.Contains(r.Id));
    }
}
