using System.Threading.Channels;
using CrmLive.Domain.Conversations;
using CrmLive.Domain.Live;
using CrmLive.Domain.Webhooks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CrmLive.Infrastructure.Webhooks;

/// <summary>
/// Listens to the live bus and raises the matching webhook events. Only the instance that published an event
/// raises it (every instance hears every event through Redis), so each event is queued once per subscription.
/// The publisher is never slowed down: events wait in a queue and are turned into deliveries in the background.
/// </summary>
public sealed class WebhookEventRelay(
    ILiveEventBus bus,
    WebhookPublisher publisher,
    WebhookSnapshots snapshots,
    WebhookSubscriptionCache cache,
    ILogger<WebhookEventRelay> logger) : BackgroundService
{
    private const int QueueCapacity = 10_000;

    private readonly Channel<LiveEvent> _queue = Channel.CreateBounded<LiveEvent>(
        new BoundedChannelOptions(QueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.DropWrite });
    private readonly List<IDisposable> _subscriptions = [];

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _subscriptions.Add(bus.Subscribe<WebhookSubscriptionsChanged>(_ =>
        {
            cache.Forget();
            return Task.CompletedTask;
        }));
        _subscriptions.Add(bus.Subscribe<MessageAdded>(OnEventAsync));
        _subscriptions.Add(bus.Subscribe<ConversationChanged>(OnEventAsync));
        _subscriptions.Add(bus.Subscribe<CustomerChanged>(OnEventAsync));
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var subscription in _subscriptions) subscription.Dispose();
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    /// <summary>The webhook event types a live event stands for; none for most of them.</summary>
    public static IReadOnlyList<string> TypesOf(LiveEvent liveEvent) => liveEvent switch
    {
        MessageAdded { IsPrivate: true } or MessageAdded { Sender: MessageSender.System } => [],
        MessageAdded { Seq: 1 } => [WebhookEventTypes.ConversationStarted, WebhookEventTypes.MessageCreated],
        MessageAdded => [WebhookEventTypes.MessageCreated],
        ConversationChanged { Change: "assigned" } => [WebhookEventTypes.ConversationAssigned],
        ConversationChanged { Change: "resolved" } => [WebhookEventTypes.ConversationResolved],
        CustomerChanged { What: "created" } => [WebhookEventTypes.CustomerCreated],
        CustomerChanged { What: "profile" or "tags" or "attributes" } => [WebhookEventTypes.CustomerUpdated],
        _ => [],
    };

    private Task OnEventAsync(LiveEvent liveEvent)
    {
        if (liveEvent.Origin != bus.InstanceId || TypesOf(liveEvent).Count == 0) return Task.CompletedTask;
        if (!_queue.Writer.TryWrite(liveEvent))
            logger.LogWarning("Webhook queue full: {EventType} was not sent to webhooks", liveEvent.GetType().Name);
        return Task.CompletedTask;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var liveEvent in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await RaiseAsync(liveEvent, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    logger.LogError(ex, "Could not queue webhooks for {EventType}", liveEvent.GetType().Name);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task RaiseAsync(LiveEvent liveEvent, CancellationToken ct)
    {
        var wanted = new List<string>();
        foreach (var type in TypesOf(liveEvent))
            if (await publisher.WantedAsync(type, ct)) wanted.Add(type);
        if (wanted.Count == 0) return;

        object? data = liveEvent switch
        {
            MessageAdded m => await snapshots.ConversationAsync(m.ConversationId, ct) is { } c
                ? new ConversationEventData(c, WebhookSnapshots.Message(m)) : null,
            ConversationChanged c => await snapshots.ConversationAsync(c.ConversationId, ct) is { } conversation
                ? new ConversationEventData(conversation) : null,
            CustomerChanged c => await snapshots.CustomerAsync(c.CustomerId, ct) is { } customer
                ? new CustomerEventData(customer, c.What == "created" ? null : c.What) : null,
            _ => null,
        };
        if (data is null) return; // deleted in the meantime
        foreach (var type in wanted) await publisher.RaiseAsync(type, data, liveEvent.OccurredAt, ct);
    }
}
