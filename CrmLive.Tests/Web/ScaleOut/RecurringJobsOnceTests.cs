using CrmLive.Infrastructure.Analytics;
using CrmLive.Infrastructure.Persistence;
using CrmLive.Tests.Support;
using Hangfire;
using Hangfire.States;
using Hangfire.Storage;

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
}
