using CrmLive.Domain.Live;
using CrmLive.Infrastructure.Live;
using Microsoft.Extensions.Logging.Abstractions;

namespace CrmLive.Tests.Infrastructure;

public class InProcessLiveEventBusTests
{
    private readonly InProcessLiveEventBus _bus = new(NullLogger<InProcessLiveEventBus>.Instance);

    private static AgentPresenceChanged Presence(string id) => new(id, true, 1);

    [Fact]
    public async Task Publish_ReachesEverySubscriberOfThatType_Only()
    {
        var presence = new List<string>();
        var analytics = 0;
        using var a = _bus.Subscribe<AgentPresenceChanged>(e => { presence.Add("a:" + e.AgentId); return Task.CompletedTask; });
        using var b = _bus.Subscribe<AgentPresenceChanged>(e => { presence.Add("b:" + e.AgentId); return Task.CompletedTask; });
        using var c = _bus.Subscribe<AnalyticsRecomputed>(_ => { analytics++; return Task.CompletedTask; });

        await _bus.PublishAsync(Presence("x"));

        Assert.Equal(["a:x", "b:x"], presence.Order());
        Assert.Equal(0, analytics);
    }

    [Fact]
    public async Task Dispose_StopsDelivery()
    {
        var count = 0;
        var subscription = _bus.Subscribe<AgentPresenceChanged>(_ => { count++; return Task.CompletedTask; });

        await _bus.PublishAsync(Presence("1"));
        subscription.Dispose();
        subscription.Dispose();
        await _bus.PublishAsync(Presence("2"));

        Assert.Equal(1, count);
    }

    [Fact]
    public async Task FailingSubscriber_DoesNotBreakThePublisherOrOthers()
    {
        var delivered = false;
        using var bad = _bus.Subscribe<AgentPresenceChanged>(_ => throw new InvalidOperationException("boom"));
        using var good = _bus.Subscribe<AgentPresenceChanged>(_ => { delivered = true; return Task.CompletedTask; });

        await _bus.PublishAsync(Presence("x"));

        Assert.True(delivered);
    }
}
