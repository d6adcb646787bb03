using CrmLive.Domain.Live;
using CrmLive.Infrastructure.Live;
using CrmLive.Tests.Support;
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

    [Fact]
    public async Task AQueuedSubscriber_ThatStalls_HoldsUpNeitherThePublisherNorOthers_AndGetsItsEventsInOrder()
    {
        var stalled = new TaskCompletionSource();
        var queued = new List<string>();
        var direct = new List<string>();
        using var screen = _bus.SubscribeQueued<AgentPresenceChanged>(async e =>
        {
            if (e.AgentId == "1") await stalled.Task; // a page waiting on a browser that has gone
            lock (queued) queued.Add(e.AgentId);
        });
        using var service = _bus.Subscribe<AgentPresenceChanged>(e => { direct.Add(e.AgentId); return Task.CompletedTask; });

        foreach (var id in new[] { "1", "2", "3" })
            await _bus.PublishAsync(Presence(id)).WaitAsync(TimeSpan.FromSeconds(5)); // returns though the screen is stuck

        Assert.Equal(["1", "2", "3"], direct);
        lock (queued) Assert.Empty(queued);
        stalled.SetResult();
        await Eventually.TrueAsync(() => { lock (queued) return Task.FromResult(queued.Count == 3); }, "the queued events");
        lock (queued) Assert.Equal(["1", "2", "3"], queued);
    }

    [Fact]
    public async Task AQueuedSubscriber_ThatFails_KeepsReceiving()
    {
        var received = new List<string>();
        using var screen = _bus.SubscribeQueued<AgentPresenceChanged>(e =>
        {
            if (e.AgentId == "bad") throw new InvalidOperationException("render failed");
            lock (received) received.Add(e.AgentId);
            return Task.CompletedTask;
        });

        await _bus.PublishAsync(Presence("bad"));
        await _bus.PublishAsync(Presence("good"));

        await Eventually.TrueAsync(() => { lock (received) return Task.FromResult(received.Contains("good")); }, "the next event");
    }
}
