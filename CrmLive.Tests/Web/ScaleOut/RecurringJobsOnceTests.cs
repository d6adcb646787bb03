using CrmLive.Infrastructure.Jobs;
using CrmLive.Infrastructure.Persistence;
using CrmLive.Tests.Support;
using Hangfire;
using Hangfire.States;
using Hangfire.Storage;

namespace CrmLive.Tests.Web.ScaleOut;

/// <summary>Two instances, both running Hangfire servers on the shared PostgreSQL storage.</summary>
public sealed class TwoJobServers : IAsyncLifetime
{
    private readonly RedisServer _redis = new();
    private TestDatabase? _database;

    public CrmLiveAppFactory A { get; private set; } = default!;
    public CrmLiveAppFactory B { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        await _redis.InitializeAsync();
        _database = TestDatabase.Create();
        var settings = new Dictionary<string, string?>
        {
            ["Redis:Connection"] = _redis.Connection,
            ["Redis:Prefix"] = $"t{Guid.NewGuid():N}",
            ["Jobs:RunServer"] = "true",
        };
        A = new CrmLiveAppFactory(_database, settings);
        _ = A.Server;
        B = new CrmLiveAppFactory(_database, settings);
        _ = B.Server;
    }

    public async Task DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
        _database?.Dispose();
        await _redis.DisposeAsync();
    }
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
            Assert.Single(connection.GetRecurringJobs(), j => j.Id == RfmRecomputeJob.JobId);

        var jobId = instances.A.Service<IRecurringJobManagerV2>().TriggerJob(RfmRecomputeJob.JobId);

        var monitor = storageB.GetMonitoringApi();
        await Eventually.TrueAsync(() => Task.FromResult(
            monitor.JobDetails(jobId)?.History.Any(h => h.StateName == SucceededState.StateName) == true),
            "the triggered job to succeed");
        var history = monitor.JobDetails(jobId).History;
        Assert.Single(history, h => h.StateName == ProcessingState.StateName);
        Assert.NotSame(storageA, storageB);
    }
}
