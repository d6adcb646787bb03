using System.ComponentModel.DataAnnotations;
using CrmLive.Domain.Webhooks;
using Microsoft.Extensions.Hosting;

namespace CrmLive.Infrastructure.Webhooks;

/// <summary>Settings of the <c>Webhooks</c> section: how deliveries are retried, timed out and given up on.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>Requests per delivery, the first included, before the delivery counts as failed.</summary>
    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 6;

    /// <summary>Wait before the second attempt; doubled for each later one (30 s, 1 min, 2 min, 4 min, 8 min).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest wait between two attempts, however many came before.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a receiver has to answer one request.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Failed deliveries in a row after which the subscription is turned off until an Admin turns it on.</summary>
    [Range(1, 1000)]
    public int FailuresBeforeDisable { get; set; } = 5;

    /// <summary>Deliveries (with their attempts) kept per subscription for the log; older finished ones are deleted.</summary>
    [Range(10, 100_000)]
    public int LogEntriesPerSubscription { get; set; } = 200;

    /// <summary>
    /// A pending delivery not attempted for this long after it was stored, or this long past its retry time, lost its
    /// job (a crash, a restart with the in-memory job store) and is queued again by the sweeper.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan SweepAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Allow plain http:// addresses anywhere (always allowed in Development and for loopback addresses).</summary>
    public bool AllowHttp { get; set; }

    /// <summary>
    /// Allow addresses on this machine and on private networks (always allowed in Development). Off in production:
    /// an Admin's URL must not reach the server's own network (databases, Redis, cloud metadata).
    /// </summary>
    public bool AllowPrivateNetworks { get; set; }

    public WebhookUrlPolicy PolicyIn(IHostEnvironment environment) =>
        new(AllowHttp || environment.IsDevelopment(), AllowPrivateNetworks || environment.IsDevelopment());
}
