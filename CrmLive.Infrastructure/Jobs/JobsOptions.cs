using System.ComponentModel.DataAnnotations;

namespace CrmLive.Infrastructure.Jobs;

/// <summary>Settings of the <c>Jobs</c> section.</summary>
public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>Run a Hangfire server in this instance (turn off for web-only instances).</summary>
    public bool RunServer { get; set; } = true;

    [Range(1, 32)]
    public int WorkerCount { get; set; } = 2;

    /// <summary>How often servers look for scheduled jobs (e.g. webhook retries) and, on PostgreSQL, queued ones.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Cron schedule of the analytics recompute: RFM, segments, loyalty, lifetime value, churn (UTC).</summary>
    [Required]
    public string AnalyticsCron { get; set; } = "0 2 * * *";

    /// <summary>Cron schedule of the bot's retraining (UTC); managers can also retrain on demand.</summary>
    [Required]
    public string BotRetrainCron { get; set; } = "30 3 * * *";

    /// <summary>Cron schedule of the next-best-offer rule mining over order lines (UTC).</summary>
    [Required]
    public string OfferRulesCron { get; set; } = "15 4 * * *";
}
