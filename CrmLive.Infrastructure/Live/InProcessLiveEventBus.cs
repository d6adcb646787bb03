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
        var subscription = new Subscription(this, typeof(TEvent), e => handler((TEvent)e),
            $"{handler.Method.DeclaringType?.FullName}.{handler.Method.Name}");
        _subscriptions.AddOrUpdate(typeof(TEvent), _ => [subscription], (_, list) => list.Add(subscription));
        return subscription;
    }

    /// <summary>Publishers wait for their subscribers; one that takes this long is named in the log.</summary>
    private static readonly TimeSpan SlowSubscriber = TimeSpan.FromSeconds(5);

    public IDisposable SubscribeQueued<TEvent>(Func<TEvent, Task> handler) where TEvent : LiveEvent
    {
        var queue = new QueuedHandler<TEvent>(handler, logger);
        var subscription = Subscribe<TEvent>(queue.Enqueue);
        return queue.Owning(subscription);
    }

    private async Task DeliverAsync(Subscription subscription, LiveEvent liveEvent)
    {
        try
        {
            var handled = subscription.Handler(liveEvent);
            if (!handled.IsCompleted)
            {
                try
                {
                    await handled.WaitAsync(SlowSubscriber);
                }
                catch (TimeoutException)
                {
                    logger.LogWarning("A {EventType} subscriber is still running after {Seconds} s, holding up its publisher: {Subscriber}",
                        liveEvent.GetType().Name, SlowSubscriber.TotalSeconds, subscription.Describe);
                }
            }
            await handled;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Live event subscriber failed for {EventType}", liveEvent.GetType().Name);
        }
    }

    private void Remove(Subscription subscription) =>
        _subscriptions.AddOrUpdate(subscription.EventType, _ => [], (_, list) => list.Remove(subscription));

    private sealed class Subscription(InProcessLiveEventBus bus, Type eventType, Func<LiveEvent, Task> handler, string describe)
        : IDisposable
    {
        private int _disposed;

        /// <summary>Where the handler was written, for the slow-subscriber warning.</summary>
        public string Describe { get; } = describe;

        public Type EventType { get; } = eventType;
        public Func<LiveEvent, Task> Handler { get; } = handler;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) bus.Remove(this);
        }
    }
}
