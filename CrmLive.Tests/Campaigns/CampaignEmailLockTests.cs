using System.Reflection;
using CrmLive.Infrastructure.Campaigns;
using Hangfire;
using Hangfire.Common;
using Hangfire.InMemory;
using Hangfire.Server;
using Hangfire.Storage;

namespace CrmLive.Tests.Campaigns;

/// <summary>
/// Two runs of one campaign's e-mail would pick the same pending recipients, so they exclude each other; two campaigns'
/// runs do not, so one large campaign does not hold up the next. Checked on the job's own Hangfire filter.
/// </summary>
public class CampaignEmailLockTests
{
    [Fact]
    public async Task ARunLocksItsOwnCampaign_AndNoOther()
    {
        var filter = typeof(CampaignEmailJob).GetMethod(nameof(CampaignEmailJob.RunAsync))!
            .GetCustomAttribute<DisableConcurrentExecutionAttribute>()!;
        using var storage = new InMemoryStorage();
        Guid running = Guid.NewGuid(), other = Guid.NewGuid();
        using var connection = storage.GetConnection();
        var job = Job.FromExpression<CampaignEmailJob>(j => j.RunAsync(running, CancellationToken.None));
        filter.OnPerforming(new PerformingContext(new PerformContext(storage, connection,
            new BackgroundJob("1", job, DateTime.UtcNow), new JobCancellationToken(false))));

        // From another worker (thread and connection), as a second server would try.
        var sameCampaign = await Task.Run(() => TryLock(storage, $"campaign-email:{running}"));
        var otherCampaign = await Task.Run(() => TryLock(storage, $"campaign-email:{other}"));

        Assert.False(sameCampaign);
        Assert.True(otherCampaign);
    }

    private static bool TryLock(JobStorage storage, string resource)
    {
        using var connection = storage.GetConnection();
        try
        {
            using var held = connection.AcquireDistributedLock(resource, TimeSpan.FromMilliseconds(200));
            return true;
        }
        catch (DistributedLockTimeoutException)
        {
            return false;
        }
    }
}
