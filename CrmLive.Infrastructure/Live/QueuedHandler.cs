using System.Threading.Channels;
using CrmLive.Domain.Live;
using Microsoft.Extensions.Logging;

namespace CrmLive.Infrastructure.Live;

/// <summary>
/// One subscriber's own queue: the publisher only enqueues; a loop hands the events to the handler one at a time, in
/// the order they were published. A failing handler is logged and the loop goes on.
/// </summary>
internal sealed class QueuedHandler<TEvent> where TEvent : LiveEvent
{
    private readonly Channel<TEvent> _queue = Channel.CreateUnbounded<TEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Func<TEvent, Task> _handler;
    private readonly ILogger _logger;

    public QueuedHandler(Func<TEvent, Task> handler, ILogger logger)
    {
        _handler = handler;
        _logger = logger;
        _ = Task.Run(RunAsync);
    }

    public Task Enqueue(TEvent liveEvent)
    {
        _queue.Writer.TryWrite(liveEvent);
        return Task.CompletedTask;
    }

    /// <summary>Disposing the handle ends the subscription; the loop ends once the events already queued are handled.</summary>
    public IDisposable Owning(IDisposable subscription) => new Handle(subscription, _queue.Writer);

    private async Task RunAsync()
    {
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (_queue.Reader.TryRead(out var liveEvent))
            {
                try
                {
                    await _handler(liveEvent);
                }
                catch (ObjectDisposedException)
                {
                    // The screen closed while it handled the event.
                }
                catch (Exception ex)
                {
                    _logger.LogError(ex, "Queued live event subscriber failed for {EventType} ({Subscriber})", typeof(TEvent).Name,
                        $"{_handler.Method.DeclaringType?.FullName}.{_handler.Method.Name}");
                }
            }
        }
    }

    private sealed class Handle(IDisposable subscription, ChannelWriter<TEvent> writer) : IDisposable
    {
        public void Dispose()
        {
            subscription.Dispose();
            writer.TryComplete();
        }
    }
}
