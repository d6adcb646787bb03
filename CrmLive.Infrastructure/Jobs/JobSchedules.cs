using CrmLive.Domain.Audit;
using CrmLive.Domain.Common;
using CrmLive.Infrastructure.Audit;
using CrmLive.Infrastructure.Persistence;
using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmLive.Infrastructure.Jobs;

/// <summary>A job whose schedule Admins may change.</summary>
public sealed record ScheduledJob(string Id, string Title, string Description, string ConfiguredCron, string Setting);

/// <summary>How a scheduled job stands: its cron (and whether an Admin set it), its next and last run.</summary>
public sealed record ScheduledJobView(ScheduledJob Job, string Cron, bool Overridden, string? ChangedBy, DateTimeOffset? NextRun,
    DateTimeOffset? LastRun, string? LastState);

/// <summary>
/// The adjustable schedules: defaults from configuration (<c>Jobs:*Cron</c>), overridden by what an Admin saves on the
/// schedules page. Hangfire's recurring jobs live in the shared job storage, so a change applies to every instance.
/// </summary>
public sealed class JobSchedules(
    IDbContextFactory<CrmDbContext> dbFactory,
    IRecurringJobManager jobs,
    JobStorage storage,
    IOptions<JobsOptions> options,
    AuditLog audit,
    TimeProvider clock,
    ILogger<JobSchedules> logger)
{
    public IReadOnlyList<ScheduledJob> All =>
    [
        new(Analytics.AnalyticsRecomputeJob.JobId, "Customer analytics",
            "RFM, segments, loyalty, lifetime value and churn for every customer", options.Value.AnalyticsCron, "Jobs:AnalyticsCron"),
        new(Bot.BotTrainingJob.JobId, "Bot retraining",
            "Retrains the intent model and promotes it only if it scores at least as well", options.Value.BotRetrainCron, "Jobs:BotRetrainCron"),
        new(Offers.OfferRulesJob.JobId, "Next best offers",
            "Mines which products go together from every order's lines, for the suggestions on the 360 page", options.Value.OfferRulesCron,
            "Jobs:OfferRulesCron"),
    ];

    /// <summary>Registers every adjustable job with its current schedule (at start-up).</summary>
    public async Task RegisterAllAsync(CancellationToken ct = default)
    {
        var overrides = await OverridesAsync(ct);
        foreach (var job in All)
        {
            var cron = overrides.TryGetValue(job.Id, out var chosen) ? chosen.Cron : job.ConfiguredCron;
            try
            {
                Register(job.Id, cron);
            }
            catch (ArgumentException ex) when (overrides.ContainsKey(job.Id))
            {
                logger.LogError(ex, "The saved schedule '{Cron}' of {Job} is not valid; using {Setting}", cron, job.Id, job.Setting);
                Register(job.Id, job.ConfiguredCron);
            }
            catch (ArgumentException ex)
            {
                throw new InvalidOperationException($"{job.Setting} '{cron}' is not a valid cron expression.", ex);
            }
        }
    }

    public async Task<IReadOnlyList<ScheduledJobView>> ListAsync(CancellationToken ct = default)
    {
        var overrides = await OverridesAsync(ct);
        using var connection = storage.GetConnection();
        var recurring = connection.GetRecurringJobs().ToDictionary(r => r.Id);
        return All.Select(job =>
        {
            overrides.TryGetValue(job.Id, out var chosen);
            recurring.TryGetValue(job.Id, out var r);
            return new ScheduledJobView(job, chosen?.Cron ?? job.ConfiguredCron, chosen is not null, chosen?.ChangedBy,
                Utc(r?.NextExecution), Utc(r?.LastExecution), r?.LastJobState);
        }).ToList();
    }

    /// <summary>Saves a new schedule (Admins); an invalid cron expression is refused with the reason.</summary>
    public async Task ChangeAsync(string jobId, string cron, AuditActor actor, CancellationToken ct = default)
    {
        var job = All.FirstOrDefault(j => j.Id == jobId) ?? throw new DomainException("There is no such scheduled job.");
        cron = (cron ?? "").Trim();
        if (cron.Length == 0) throw new DomainException("Enter a schedule, for example 0 2 * * * (every night at 02:00 UTC).");
        if (cron.Length > JobSchedule.MaxCronLength) throw new DomainException("That schedule is too long.");
        try
        {
            Register(job.Id, cron); // Hangfire parses it: the one judge of what it will run
        }
        catch (ArgumentException)
        {
            throw new DomainException($"'{cron}' is not a cron expression Hangfire understands (five fields: minute hour day month weekday).");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var saved = await db.JobSchedules.SingleOrDefaultAsync(s => s.JobId == job.Id, ct);
        var before = saved?.Cron ?? job.ConfiguredCron;
        if (saved is null) db.JobSchedules.Add(new JobSchedule(job.Id, cron, actor.Name, clock.GetUtcNow()));
        else saved.Change(cron, actor.Name, clock.GetUtcNow());
        audit.Add(db, actor, AuditActions.ScheduleChanged, job.Id, $"{before} → {cron}");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch
        {
            Register(job.Id, before); // keep Hangfire and the database in step
            throw;
        }
    }

    /// <summary>Starts a job now, outside its schedule.</summary>
    public void TriggerNow(string jobId)
    {
        if (All.All(j => j.Id != jobId)) throw new DomainException("There is no such scheduled job.");
        jobs.Trigger(jobId);
    }

    private void Register(string id, string cron)
    {
        if (id == Analytics.AnalyticsRecomputeJob.JobId)
            jobs.AddOrUpdate<Analytics.AnalyticsRecomputeJob>(id, j => j.RunAsync(CancellationToken.None), cron);
        else if (id == Bot.BotTrainingJob.JobId)
            jobs.AddOrUpdate<Bot.BotTrainingJob>(id, j => j.RunAsync(CancellationToken.None), cron);
        else if (id == Offers.OfferRulesJob.JobId)
            jobs.AddOrUpdate<Offers.OfferRulesJob>(id, j => j.RunAsync(CancellationToken.None), cron);
        else
            throw new InvalidOperationException($"{id} is not an adjustable job.");
    }

    private async Task<Dictionary<string, JobSchedule>> OverridesAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.JobSchedules.AsNoTracking().ToDictionaryAsync(s => s.JobId, ct);
    }

    private static DateTimeOffset? Utc(DateTime? time) =>
        time is { } t ? new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)) : null;
}
