using CrmLive.Domain.Audit;
using CrmLive.Domain.Webhooks;
using CrmLive.Infrastructure.Customers;
using CrmLive.Infrastructure.Persistence;
using CrmLive.Infrastructure.Webhooks;
using CrmLive.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CrmLive.Tests.Webhooks;

/// <summary>Two instances sharing one database and a real Redis, each running its own job server.</summary>
public sealed class TwoWebhookInstances : IAsyncLifetime
{
    private readonly RedisServer _redis = new();
    private TestDatabase? _database;

    public CrmLiveAppFactory A { get; private set; } = default!;
    public CrmLiveAppFactory B { get; private set; } = default!;
    public WebhookReceiver Receiver { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        await _redis.InitializeAsync();
        Receiver = await WebhookReceiver.StartAsync();
        _database = TestDatabase.Create();
        var settings = new Dictionary<string, string?>(WebhookAppFactory.Settings)
        {
            ["Redis:Connection"] = _redis.Connection,
            ["Redis:Prefix"] = $"t{Guid.NewGuid():N}",
            ["Demo:Customers"] = "10",
        };
        A = new CrmLiveAppFactory(_database, settings);
        _ = A.Server; // A migrates and seeds first; B finds the database ready.
        B = new CrmLiveAppFactory(_database, settings);
        _ = B.Server;
    }

    public async Task DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
        await Receiver.DisposeAsync();
        _database?.Dispose();
        await _redis.DisposeAsync();
    }
}

/// <summary>
/// Both instances hear every live event through Redis; each event must still reach a subscriber once. Runs in the
/// SQLite pass, where each instance keeps its own in-memory job storage: only the database and Redis are shared, so a
/// second instance queuing the same event would show as a second request.
/// </summary>
public class WebhookScaleOutTests(TwoWebhookInstances instances) : IClassFixture<TwoWebhookInstances>
{
    [Fact]
    public async Task EventsOnEitherInstance_AreDeliveredExactlyOncePerSubscription()
    {
        var path = $"/scale/{Guid.NewGuid():N}";
        var id = await instances.A.Service<WebhookSubscriptions>().CreateAsync(new WebhookInput(
            instances.Receiver.BaseUrl + path, null, [WebhookEventTypes.CustomerCreated]), AuditActor.System);
        // B learns of the new subscription through Redis.
        await Eventually.TrueAsync(async () =>
            (await instances.B.Service<WebhookSubscriptionCache>().ActiveAsync()).Any(s => s.Id == id), "B to see the subscription");

        await instances.A.Service<CustomerEditor>().CreateAsync("Made On A", null, null, null);
        await instances.B.Service<CustomerEditor>().CreateAsync("Made On B", null, null, null);
        await Eventually.TrueAsync(() => Task.FromResult(instances.Receiver.At(path).Any(r => r.Body.Contains("Made On A"))
            && instances.Receiver.At(path).Any(r => r.Body.Contains("Made On B"))), "both deliveries");
        // Live events are relayed in order: once a later one has arrived, a duplicate of an earlier one would have too.
        await instances.B.Service<CustomerEditor>().CreateAsync("Sentinel On B", null, null, null);
        await instances.A.Service<CustomerEditor>().CreateAsync("Sentinel On A", null, null, null);
        await Eventually.TrueAsync(() => Task.FromResult(instances.Receiver.At(path).Any(r => r.Body.Contains("Sentinel On A"))
            && instances.Receiver.At(path).Any(r => r.Body.Contains("Sentinel On B"))), "the sentinels");

        Assert.Equal(4, instances.Receiver.At(path).Count);
        Assert.Equal(4, instances.Receiver.At(path).Select(r => r.Header("X-CrmLive-Delivery")).Distinct().Count());
        await using var db = await instances.A.Service<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync();
        Assert.Equal(4, await db.WebhookDeliveries.CountAsync(d => d.SubscriptionId == id));
    }
}
