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
}
