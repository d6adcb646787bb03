using CrmLive.Domain.Conversations;
using CrmLive.Domain.Live;
using CrmLive.Infrastructure.Text;
using Microsoft.AspNetCore.SignalR;

namespace CrmLive.Web.Chat;

/// <summary>
/// Forwards live events that concern a visitor from the bus to that visitor's widget connections. Only events
/// published by this instance are forwarded: SignalR (with the Redis backplane when scaled out) reaches the
/// connections held by the other instances, so each message arrives once.
/// </summary>
internal sealed class WidgetBroadcaster(ILiveEventBus bus, IHubContext<WidgetHub, IWidgetClient> hub,
    MarkdownRenderer markdown) : IHostedService
{
    private List<IDisposable> _subscriptions = [];

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Private notes are for the team only.
        _subscriptions.Add(bus.Subscribe<MessageAdded>(e => IsLocal(e) && !e.IsPrivate
            ? hub.Clients.Group(WidgetHub.VisitorGroup(e.VisitorId)).MessageReceived(WidgetMessage.From(e, markdown))
            : Task.CompletedTask));
        _subscriptions.Add(bus.Subscribe<ConversationRead>(e => IsLocal(e)
            ? hub.Clients.Group(WidgetHub.VisitorGroup(e.VisitorId)).Read(e.Seq)
            : Task.CompletedTask));
        _subscriptions.Add(bus.Subscribe<TypingChanged>(e => IsLocal(e) && e.Who == MessageSender.Agent
            ? hub.Clients.Group(WidgetHub.VisitorGroup(e.VisitorId)).Typing(e.Name, e.IsTyping)
            : Task.CompletedTask));
        _subscriptions.Add(bus.Subscribe<ConversationChanged>(e => IsLocal(e)
            ? hub.Clients.Group(WidgetHub.VisitorGroup(e.VisitorId)).ConversationStatusChanged(e.Status)
            : Task.CompletedTask));
        _subscriptions.Add(bus.Subscribe<ProactiveMessageOffered>(e => IsLocal(e)
            ? hub.Clients.Group(WidgetHub.VisitorGroup(e.VisitorId)).ProactiveMessage(e.Message)
            : Task.CompletedTask));
        return Task.CompletedTask;
    }

    private bool IsLocal(LiveEvent e) => e.Origin == bus.InstanceId;

    public Task StopAsync(CancellationToken cancellationToken)
    {
        // Stop may be called more than once while a host shuts down; only the first call unsubscribes.
        foreach (var subscription in Interlocked.Exchange(ref _subscriptions, [])) subscription.Dispose();
        return Task.CompletedTask;
    }
}
