using System.Collections.Concurrent;
using System.Collections.Immutable;
using CrmLive.Domain.Live;
using Microsoft.Extensions.Logging;

namespace CrmLive.Infrastructure.Live;

/// <summary>
/// Delivers events to subscribers in this process. A failing subscriber is logged and never breaks the publisher
/// or the other subscribers.
/// </summary>
public sealed class InProcessLiveEventBus(ILogger<InProcessLiveEventBus> logger) : ILiveEventBus
{
    private readonly ConcurrentDictionary<Type, ImmutableList<Subscription>> _subscriptions = new();

    public string InstanceId { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    public Task PublishAsync<TEvent>(TEvent liveEvent, CancellationToken cancellationToken = default)
        where TEvent : LiveEvent
    {
        ArgumentNullException.ThrowIfNull(liveEvent);
        return DeliverLocallyAsync(liveEvent.Origin is null ? liveEvent with { Origin = InstanceId } : liveEvent);
    }

    /// <summary>Hands an event to this process's subscribers, whoever published it.</summary>
    internal async Task DeliverLocallyAsync(LiveEvent liveEvent)
    {
        if (!_subscriptions.TryGetValue(liveEvent.GetType(), out var subscribers) || subscribers.IsEmpty) return;
        await Task.WhenAll(subscribers.Select(s => DeliverAsync(s, liveEvent)));
    }

    public IDisposable Subscribe<TEvent>(Func<TEvent, Task> handler) where TEvent : LiveEvent
    {
        var subscription = new Subscription(this, typeof(TEvent), e => handler((TEvent)e));
        _subscriptions.AddOrUpdate(typeof(TEvent), _ => [subscription], (_, list) => list.Add(subscription));
        return subscription;
    }

    private async Task DeliverAsync(Subscription subscription, LiveEvent liveEvent)
    {
        try
        {
            await subscription.Handler(liveEvent);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Live event subscriber failed for {EventType}", liveEvent.GetType().Name);
        }
    }

    private void Remove(Subscription subscription) =>
        _subscriptions.AddOrUpdate(subscription.EventType, _ => [], (_, list) => list.Remove(subscription));

    private sealed class Subscription(InProcessLiveEventBus bus, Type eventType, Func<LiveEvent, Task> handler)
        : IDisposable
    {
        private int _disposed;

        public Type EventType { get; } = eventType;
        public Func<LiveEvent, Task> Handler { get; } = handler;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) bus.Remove(this);
        }
    }
}
