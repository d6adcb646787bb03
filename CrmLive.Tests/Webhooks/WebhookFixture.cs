using CrmLive.Tests.Support;
using Hangfire;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace CrmLive.Tests.Webhooks;

/// <summary>The app with a Hangfire server and quick retries, so deliveries run within a test.</summary>
public sealed class WebhookAppFactory() : CrmLiveAppFactory(null, Settings)
{
    public const int MaxAttempts = 3;
    public const int FailuresBeforeDisable = 2;
    public const int LogEntriesPerSubscription = 10;

    public static readonly IReadOnlyDictionary<string, string?> Settings = new Dictionary<string, string?>
    {
        ["Jobs:RunServer"] = "true",
        ["Jobs:PollInterval"] = "00:00:00.200",
        ["Webhooks:MaxAttempts"] = MaxAttempts.ToString(),
        ["Webhooks:BaseDelay"] = "00:00:00.100",
        ["Webhooks:FailuresBeforeDisable"] = FailuresBeforeDisable.ToString(),
        ["Webhooks:Timeout"] = "00:00:05",
        ["Webhooks:LogEntriesPerSubscription"] = LogEntriesPerSubscription.ToString(),
        ["Webhooks:AllowPrivateNetworks"] = "true", // the receivers run on 127.0.0.1
    };

    protected override int DemoCustomers => 10;

    public CapturedLog Log { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(l => l.AddProvider(Log));
    }

    /// <summary>What the job server was doing and complaining about, for a wait that gave up.</summary>
    public string Diagnosis()
    {
        var monitor = Service<JobStorage>().GetMonitoringApi();
        var stats = monitor.GetStatistics();
        var servers = string.Join("; ", monitor.Servers().Select(s => $"{s.Name} workers={s.WorkersCount} heartbeat={s.Heartbeat:HH:mm:ss}"));
        var processing = string.Join("; ", monitor.ProcessingJobs(0, 10).Select(j => $"{j.Key} {j.Value.Job?.Method.Name} since {j.Value.StartedAt:HH:mm:ss.fff}"));
        return $"now {DateTime.UtcNow:HH:mm:ss.fff}; enqueued={stats.Enqueued} scheduled={stats.Scheduled} processing={stats.Processing} "
            + $"succeeded={stats.Succeeded} failed={stats.Failed}; servers: {servers}; processing: {processing}\n"
            + string.Join("\n", Log.Lines.TakeLast(20)) + "\nHangfire:\n" + string.Join("\n", CapturedLog.Hangfire.Lines.TakeLast(30));
    }

    /// <summary>Eventually, but a wait that gives up says what the job server was doing.</summary>
    public async Task WaitAsync(Func<Task<bool>> condition, string what)
    {
        try
        {
            await Eventually.TrueAsync(condition, what);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message} {Diagnosis()}", ex);
        }
    }
}

/// <summary>The app and a receiver on loopback, for one test class.</summary>
public sealed class WebhookFixture : IAsyncLifetime
{
    public WebhookAppFactory App { get; } = new();
    public WebhookReceiver Receiver { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        Receiver = await WebhookReceiver.StartAsync();
        _ = App.Server;
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Receiver.DisposeAsync();
    }
}

/// <summary>
/// Webhook tests share one app: two hosts running Hangfire servers on PostgreSQL in one process disturb each other
/// (Hangfire.PostgreSql keeps process-wide state), which production, with one host per process, never sees.
/// </summary>
[CollectionDefinition(Name)]
public sealed class WebhookCollection : ICollectionFixture<WebhookFixture>
{
    public const string Name = "webhooks";
}
