using System.Collections.Concurrent;
using CrmLive.Domain.Conversations;
using CrmLive.Domain.Live;
using CrmLive.Infrastructure.Live;
using CrmLive.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace CrmLive.Tests.Infrastructure;

/// <summary>Two buses on two connections to one real Redis behave like two app instances.</summary>
public sealed class RedisLiveEventBusTests(RedisServer redis) : IClassFixture<RedisServer>, IAsyncLifetime
{
    private readonly List<ConnectionMultiplexer> _connections = [];

    private async Task<RedisLiveEventBus> InstanceAsync(string prefix)
    {
        var connection = await ConnectionMultiplexer.ConnectAsync(redis.Connection);
        _connections.Add(connection);
        return new RedisLiveEventBus(connection, prefix, new InProcessLiveEventBus(NullLogger<InProcessLiveEventBus>.Instance),
            NullLogger<RedisLiveEventBus>.Instance);
    }

    [Fact]
    public async Task Publish_OnOneInstance_ReachesSubscribersOnBothExactlyOnce()
    {
        var prefix = $"t{Guid.NewGuid():N}";
        var a = await InstanceAsync(prefix);
        var b = await InstanceAsync(prefix);
        var onA = new ConcurrentQueue<MessageAdded>();
        var onB = new ConcurrentQueue<MessageAdded>();
        using var subA = a.Subscribe<MessageAdded>(e => { onA.Enqueue(e); return Task.CompletedTask; });
        using var subB = b.Subscribe<MessageAdded>(e => { onB.Enqueue(e); return Task.CompletedTask; });
        var sent = new MessageAdded(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), 7, MessageSender.Agent, "Sofia",
            "Hello from A", "c-1", DateTimeOffset.UtcNow);

        await a.PublishAsync(sent);

        await Eventually.TrueAsync(() => Task.FromResult(!onB.IsEmpty), "the event on instance B");
        var received = Assert.Single(onB);
        Assert.Equal(sent with { Origin = a.InstanceId }, received);
        Assert.Single(onA);
        Assert.Equal(a.InstanceId, received.Origin);
        Assert.NotEqual(a.InstanceId, b.InstanceId);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var c in _connections) await c.DisposeAsync();
    }
}
