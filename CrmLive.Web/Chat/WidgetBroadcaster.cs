using CrmLive.Domain.Conversations;
using CrmLive.Domain.Live;
using CrmLive.Infrastructure.Chat;
using Microsoft.AspNetCore.SignalR;

namespace CrmLive.Web.Chat;

/// <summary>Forwards live events that concern a visitor from the bus to that visitor's widget connections.</summary>
internal sealed class WidgetBroadcaster(ILiveEventBus bus, IHubContext<WidgetHub, IWidgetClient> hub) : IHostedService
{
    private readonly List<IDisposable> _subscriptions = [];

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
        _subscriptions.ForEach(s => s.Dispose());
        _subscriptions.Clear();
        return Task.CompletedTask;
    }
}
