using CrmLive.Domain.Conversations;
using CrmLive.Domain.Live;
using CrmLive.Infrastructure.Chat;
using Microsoft.AspNetCore.SignalR;

namespace CrmLive.Web.Chat;

/// <summary>Forwards live events that concern a visitor from the bus to that visitor's widget connections.</summary>
internal sealed class WidgetBroadcaster(ILiveEventBus bus, IHubContext<WidgetHub, IWidgetClient> hub) : IHostedService
{
    private List<IDisposable> _subscriptions = [];

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscriptions.Add(bus.Subscribe<MessageAdded>(e =>
            hub.Clients.Group(WidgetHub.VisitorGroup(e.VisitorId)).MessageReceived(
                new MessageDto(e.ConversationId, e.Seq, e.Sender, e.AuthorName, e.Text, e.ClientMessageId,
                    e.CreatedAt))));
        _subscriptions.Add(bus.Subscribe<ConversationChanged>(e =>
            hub.Clients.Group(WidgetHub.VisitorGroup(e.VisitorId)).ConversationStatusChanged(e.Status)));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        // Stop may be called more than once while a host shuts down; only the first call unsubscribes.
        foreach (var subscription in Interlocked.Exchange(ref _subscriptions, [])) subscription.Dispose();
        return Task.CompletedTask;
    }
}
