using CrmLive.Tests.Support;

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
    };

    protected override int DemoCustomers => 10;
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
