using CrmLive.Domain.Audit;
using CrmLive.Domain.Common;
using CrmLive.Infrastructure.Analytics;
using CrmLive.Infrastructure.Audit;
using CrmLive.Infrastructure.Jobs;
using CrmLive.Tests.Support;
using Hangfire;
using Hangfire.Storage;

namespace CrmLive.Tests.Jobs;

[Trait("Database", "Any")]
public class JobSchedulesTests(CrmLiveAppFactory app) : IClassFixture<CrmLiveAppFactory>
{
    private static readonly AuditActor Admin = new("admin-id", "Test Admin", "127.0.0.1");

    private string CronInStorage(string id)
    {
        using var connection = app.Service<JobStorage>().GetConnection();
        return connection.GetRecurringJobs().Single(r => r.Id == id).Cron;
    }

    [Fact]
    public async Task AnAdminsSchedule_ReachesTheJobStorage_IsKept_AndSurvivesARestart()
    {
        var schedules = app.Service<JobSchedules>();

        await schedules.ChangeAsync(AnalyticsRecomputeJob.JobId, " 15 4 * * 1-5 ", Admin);

        Assert.Equal("15 4 * * 1-5", CronInStorage(AnalyticsRecomputeJob.JobId));
        var view = (await schedules.ListAsync()).Single(v => v.Job.Id == AnalyticsRecomputeJob.JobId);
        Assert.True(view.Overridden);
        Assert.Equal("15 4 * * 1-5", view.Cron);
        Assert.Equal("Test Admin", view.ChangedBy);
        Assert.NotNull(view.NextRun);
        Assert.Contains(await app.Service<AuditLog>().RecentAsync(AuditActions.ScheduleChanged),
            a => a.Target == AnalyticsRecomputeJob.JobId && a.Detail!.EndsWith("→ 15 4 * * 1-5"));

        // A restart registers the configured default first; the saved choice wins.
        app.Service<IRecurringJobManager>().AddOrUpdate<AnalyticsRecomputeJob>(AnalyticsRecomputeJob.JobId,
            j => j.RunAsync(CancellationToken.None), "0 2 * * *");
        await schedules.RegisterAllAsync();
        Assert.Equal("15 4 * * 1-5", CronInStorage(AnalyticsRecomputeJob.JobId));
    }

    [Theory]
    [InlineData("every night", "not a cron expression")]
    [InlineData("61 2 * * *", "not a cron expression")]
    [InlineData("", "Enter a schedule")]
    public async Task ABadSchedule_IsRefusedWithTheReason_AndChangesNothing(string cron, string message)
    {
        var schedules = app.Service<JobSchedules>();
        var before = CronInStorage(CrmLive.Infrastructure.Bot.BotTrainingJob.JobId);

        var refused = await Assert.ThrowsAsync<DomainException>(() =>
            schedules.ChangeAsync(CrmLive.Infrastructure.Bot.BotTrainingJob.JobId, cron, Admin));

        Assert.Contains(message, refused.Message);
        Assert.Equal(before, CronInStorage(CrmLive.Infrastructure.Bot.BotTrainingJob.JobId));
        Assert.False((await schedules.ListAsync()).Single(v => v.Job.Id == CrmLive.Infrastructure.Bot.BotTrainingJob.JobId).Overridden);
    }

    [Fact]
    public void ANewDemoCompany_QueuesItsFirstScoringAndTheBotsFirstTraining()
    {
        // So the demo's bot answers from its intents at once, not after tonight's retraining.
        var queued = app.Service<JobStorage>().GetMonitoringApi().EnqueuedJobs("default", 0, 1000)
            .Select(j => j.Value.Job?.Type).ToList();

        Assert.Contains(typeof(CrmLive.Infrastructure.Bot.BotTrainingJob), queued);
        Assert.Contains(typeof(AnalyticsRecomputeJob), queued);
    }

    [Fact]
    public async Task OnlyTheAdjustableJobs_CanBeChanged() =>
        await Assert.ThrowsAsync<DomainException>(() => app.Service<JobSchedules>().ChangeAsync("wake-snoozed", "* * * * *", Admin));
}
