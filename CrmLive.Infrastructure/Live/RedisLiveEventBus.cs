using System.Text.Json;
using System.Text.Json.Serialization;
using CrmLive.Domain.Live;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace CrmLive.Infrastructure.Live;

/// <summary>
/// The live-event bus across instances: an event is delivered to this process's subscribers at once and published
/// on a Redis channel; every other instance delivers it to its own subscribers.
/// </summary>
public sealed class RedisLiveEventBus : ILiveEventBus
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Event types by name: only known <see cref="LiveEvent"/> types are ever deserialized.</summary>
    private static readonly Dictionary<string, Type> EventTypes = typeof(LiveEvent).Assembly.GetTypes()
        .Where(t => t.IsSubclassOf(typeof(LiveEvent)) && !t.IsAbstract)
        .ToDictionary(t => t.Name);

    private readonly InProcessLiveEventBus _local;
    private readonly ISubscriber _subscriber;
    private readonly RedisChannel _channel;
    private readonly ILogger<RedisLiveEventBus> _logger;

    public RedisLiveEventBus(IConnectionMultiplexer redis, string prefix, InProcessLiveEventBus local,
        ILogger<RedisLiveEventBus> logger)
    {
        _local = local;
        _logger = logger;
        _channel = RedisChannel.Literal($"{prefix}:live-events");
        _subscriber = redis.GetSubscriber();
        _subscriber.Subscribe(_channel).OnMessage(OnRemoteAsync);
    }

    public string InstanceId => _local.InstanceId;

    public async Task PublishAsync<TEvent>(TEvent liveEvent, CancellationToken cancellationToken = default)
        where TEvent : LiveEvent
    {
        ArgumentNullException.ThrowIfNull(liveEvent);
        LiveEvent stamped = liveEvent with { Origin = InstanceId };
        await _local.DeliverLocallyAsync(stamped);
        var envelope = new Envelope(stamped.GetType().Name, JsonSerializer.SerializeToElement(stamped, stamped.GetType(), Json));
        await _subscriber.PublishAsync(_channel, JsonSerializer.Serialize(envelope, Json));
    }

    public IDisposable Subscribe<TEvent>(Func<TEvent, Task> handler) where TEvent : LiveEvent =>
        _local.Subscribe(handler);

    public IDisposable SubscribeQueued<TEvent>(Func<TEvent, Task> handler) where TEvent : LiveEvent =>
        _local.SubscribeQueued(handler);

    private async Task OnRemoteAsync(ChannelMessage message)
    {
        try
        {
            var envelope = JsonSerializer.Deserialize<Envelope>(message.Message.ToString(), Json);
            if (envelope is null || !EventTypes.TryGetValue(envelope.Type, out var type))
            {
                _logger.LogWarning("Ignored a live event of unknown type from Redis");
                return;
            }
            if (envelope.Payload.Deserialize(type, Json) is not LiveEvent liveEvent) return;
            if (liveEvent.Origin == InstanceId) return; // delivered locally when published
            await _local.DeliverLocallyAsync(liveEvent);
        }
        catch (JsonException ex)
        {
            _logger.LogWarning(ex, "Ignored a malformed live event from Redis");
        }
    }

    private sealed record Envelope(string Type, JsonElement Payload);
}
