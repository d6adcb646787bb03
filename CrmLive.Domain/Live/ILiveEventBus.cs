namespace CrmLive.Domain.Live;

/// <summary>
/// The one way live updates travel: hubs, jobs and services publish; Blazor circuits and the widget broadcaster
/// subscribe. In-process by default; a distributed implementation carries the same events across instances.
/// </summary>
public interface ILiveEventBus
{
    /// <summary>Identifies this app instance; events it publishes carry it as <see cref="LiveEvent.Origin"/>.</summary>
    string InstanceId { get; }

    Task PublishAsync<TEvent>(TEvent liveEvent, CancellationToken cancellationToken = default) where TEvent : LiveEvent;

    /// <summary>Receives every published event of type <typeparamref name="TEvent"/> until the returned handle is disposed.</summary>
    IDisposable Subscribe<TEvent>(Func<TEvent, Task> handler) where TEvent : LiveEvent;

    /// <summary>
    /// Like <see cref="Subscribe{TEvent}"/>, but the publisher does not wait for this handler: events are queued for it
    /// and handled one at a time, in order. For screens, whose handlers query and render (and may call a browser that
    /// has gone): a slow page delays only itself, never a customer's message.
    /// </summary>
    IDisposable SubscribeQueued<TEvent>(Func<TEvent, Task> handler) where TEvent : LiveEvent;
}
