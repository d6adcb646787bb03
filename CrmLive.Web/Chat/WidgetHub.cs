using CrmLive.Domain.Conversations;
using CrmLive.Domain.Live;
using CrmLive.Domain.Campaigns;
using CrmLive.Infrastructure.Campaigns;
using CrmLive.Infrastructure.Chat;
using CrmLive.Infrastructure.Live;
using CrmLive.Infrastructure.Operations;
using CrmLive.Infrastructure.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace CrmLive.Web.Chat;

/// <summary>What the server can call on a connected widget.</summary>
public interface IWidgetClient
{
    Task MessageReceived(WidgetMessage message);
    Task ConversationStatusChanged(ConversationStatus status);

    /// <summary>The team has read the conversation up to this sequence number.</summary>
    Task Read(long seq);

    /// <summary>An agent started or stopped typing a reply.</summary>
    Task Typing(string? name, bool isTyping);

    /// <summary>A campaign's message for this customer, shown by the widget until they close or answer it.</summary>
    Task ProactiveMessage(ProactiveMessage message);
}

/// <summary>The session a widget receives from <see cref="WidgetHub.Start"/>.</summary>
public sealed record WidgetStart(string VisitorToken, Guid? ConversationId, long LastSeq, ConversationStatus? Status,
    IReadOnlyList<WidgetMessage> Messages, long ReadSeq, InboxSettings Inbox, string? CustomerName,
    ProactiveMessage? Proactive = null);

/// <summary>
/// What <see cref="WidgetHub.Send"/> answers: the stored message, or (when <see cref="Wait"/> is set) that it was held
/// back and may be sent again after <see cref="RetryAfterSeconds"/>.
/// </summary>
public sealed record WidgetSendResult(Guid? ConversationId, long Seq, bool Duplicate, string? Wait = null, int RetryAfterSeconds = 0)
{
    public static WidgetSendResult Stored(SendResult stored) => new(stored.ConversationId, stored.Seq, stored.Duplicate);

    public static WidgetSendResult Later(WidgetRefusal refusal) =>
        new(null, 0, false, refusal.Reason, Math.Max(1, (int)Math.Ceiling(refusal.RetryAfter.TotalSeconds)));
}

/// <summary>
/// The only anonymous entry: customers' widgets. A connection proves its visitor with the token from
/// <see cref="Start"/>; every other method works on that visitor's conversation only.
/// </summary>
[AllowAnonymous]
public sealed class WidgetHub(ConversationService chat, MarkdownRenderer markdown, CrmLiveMetrics metrics,
    ILiveEventBus bus, IPresenceTracker presence, WidgetLimits limits, CampaignWidget campaigns, ILogger<WidgetHub> logger)
    : Hub<IWidgetClient>
{
    public const string Route = "/hubs/widget";
    private const string VisitorKey = "visitorId";
    private const string ConversationKey = "conversationId";
    private const string MayChatKey = "mayChat";
    private const string CustomerKey = "customerId";
    private const string CampaignKey = "openedCampaignId";

    public static string VisitorGroup(Guid visitorId) => $"visitor:{visitorId:N}";

    public override Task OnConnectedAsync()
    {
        metrics.WidgetConnected();
        return base.OnConnectedAsync();
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        metrics.WidgetDisconnected();
        if (Context.Items.TryGetValue(VisitorKey, out var id) && id is Guid visitorId)
            await LeaveAsync(visitorId);
        await base.OnDisconnectedAsync(exception);
    }

    /// <summary>Agents see the customer as online while any of their tabs is connected (on any instance).</summary>
    public static string PresenceKey(Guid visitorId) => VisitorPresence.Key(visitorId);

    private async Task ArriveAsync(Guid visitorId)
    {
        var wasOnline = await presence.IsOnlineAsync(PresenceKey(visitorId));
        await presence.ConnectedAsync(PresenceKey(visitorId), isAgent: false);
        if (!wasOnline) await bus.PublishAsync(new VisitorPresenceChanged(visitorId, true));
    }

    private async Task LeaveAsync(Guid visitorId)
    {
        await presence.DisconnectedAsync(PresenceKey(visitorId), isAgent: false);
        if (!await presence.IsOnlineAsync(PresenceKey(visitorId)))
            await bus.PublishAsync(new VisitorPresenceChanged(visitorId, false));
    }

    /// <param name="identity">
    /// Optional: the host page's signed-in user and the HMAC of their id; only a valid one links a known customer.
    /// </param>
    public async Task<WidgetStart> Start(string inboxKey, string? visitorToken, WidgetIdentity? identity)
    {
        var request = Context.GetHttpContext()?.Request;
        var origin = request?.Headers.Origin.FirstOrDefault();
        var ownOrigin = request is null ? "" : $"{request.Scheme}://{request.Host}";
        // A browser without a visitor token becomes a new visitor: count those per address.
        if (!VisitorTokens.LooksValid(visitorToken)) Limit(limits.RefuseNewVisitor(Address()), "new visitor");
        var session = await GuardAsync(() => chat.StartVisitorSessionAsync(inboxKey, visitorToken, origin, ownOrigin,
            identity, Context.ConnectionAborted));
        // A connection that starts again (reconnect, or a new visitor after sign-out) counts once, as its latest self.
        if (Context.Items.TryGetValue(VisitorKey, out var previous) && previous is Guid before && before != session.VisitorId)
            await LeaveAsync(before);
        if (!Context.Items.ContainsKey(VisitorKey) || (Guid)Context.Items[VisitorKey]! != session.VisitorId)
            await ArriveAsync(session.VisitorId);
        Context.Items[VisitorKey] = session.VisitorId;
        Context.Items[ConversationKey] = session.ConversationId;
        Context.Items[MayChatKey] = session.Inbox.CanChat;
        Context.Items[CustomerKey] = session.CustomerId;
        await Groups.AddToGroupAsync(Context.ConnectionId, VisitorGroup(session.VisitorId), Context.ConnectionAborted);
        return new WidgetStart(session.VisitorToken, session.ConversationId, session.LastSeq, session.Status,
            [.. session.Messages.Select(m => WidgetMessage.From(m, markdown))], session.ReadSeq, session.Inbox,
            session.CustomerName, await ProactiveAsync(session.CustomerId));
    }

    /// <summary>
    /// Stores the visitor's message. Sending too fast is not an error but an answer saying when to try again: the
    /// widget keeps the message and sends it then, where a refusal it cannot fix (too long, verified visitors
    /// only) is a <see cref="HubException"/>.
    /// </summary>
    public async Task<WidgetSendResult> Send(string clientMessageId, string text)
    {
        EnsureMayChat();
        var startsConversation = !(Context.Items.TryGetValue(ConversationKey, out var current) && current is Guid);
        if (limits.RefuseMessage(CurrentVisitor(), Address(), startsConversation) is { } refusal)
        {
            logger.LogWarning("Widget message held back for {Address}: {Reason} (retry in {RetryAfter})", Address(), refusal.Reason, refusal.RetryAfter);
            metrics.WidgetCallRefused();
            return WidgetSendResult.Later(refusal);
        }
        var result = await GuardAsync(() => chat.ReceiveFromVisitorAsync(CurrentVisitor(), clientMessageId, text,
            Context.ConnectionAborted));
        Context.Items[ConversationKey] = result.ConversationId;
        if (Context.Items.Remove(CampaignKey, out var opened) && opened is Guid campaignId && CurrentCustomer() is { } customer)
            await CampaignSafelyAsync(() => campaigns.RepliedAsync(customer, campaignId, result.ConversationId));
        return WidgetSendResult.Stored(result);
    }

    /// <summary>The visitor opened a campaign's message: their next message answers it.</summary>
    public async Task CampaignOpened(Guid campaignId)
    {
        CurrentVisitor();
        if (CurrentCustomer() is not { } customer) return;
        Context.Items[CampaignKey] = campaignId;
        await CampaignSafelyAsync(() => campaigns.OpenedAsync(customer, campaignId));
    }

    /// <summary>The visitor closed a campaign's message: it is not offered again.</summary>
    public async Task CampaignDismissed(Guid campaignId)
    {
        CurrentVisitor();
        if (CurrentCustomer() is not { } customer) return;
        if (Context.Items.TryGetValue(CampaignKey, out var opened) && opened is Guid id && id == campaignId) Context.Items.Remove(CampaignKey);
        await CampaignSafelyAsync(() => campaigns.DismissedAsync(customer, campaignId));
    }

    private Guid? CurrentCustomer() => Context.Items.TryGetValue(CustomerKey, out var id) && id is Guid customerId ? customerId : null;

    private async Task<ProactiveMessage?> ProactiveAsync(Guid? customerId)
    {
        if (customerId is not { } customer) return null;
        ProactiveMessage? message = null;
        await CampaignSafelyAsync(async () => message = await campaigns.OfferAsync(customer, Context.ConnectionAborted));
        return message;
    }

    /// <summary>Campaigns ride along with chat: a failure there is logged and never costs the customer their chat.</summary>
    private async Task CampaignSafelyAsync(Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Campaign step failed for widget connection {ConnectionId}", Context.ConnectionId);
        }
    }

    /// <summary>The optional pre-chat form. Unverified details: shown to agents, never linked to a customer record.</summary>
    public Task Introduce(string? name, string? email) =>
        GuardAsync(async () =>
        {
            EnsureMayChat();
            await chat.IntroduceVisitorAsync(CurrentVisitor(), name, email, Context.ConnectionAborted);
            return true;
        });

    /// <summary>The customer's satisfaction rating (1–5, optional comment) for a resolved conversation of theirs.</summary>
    public Task Rate(Guid conversationId, int score, string? comment) =>
        GuardAsync(async () =>
        {
            await chat.RateAsync(CurrentVisitor(), conversationId, score, comment, Context.ConnectionAborted);
            return true;
        });

    /// <summary>The customer started or stopped typing; agents looking at the conversation see it live.</summary>
    public async Task Typing(bool isTyping)
    {
        var visitor = CurrentVisitor();
        if (Context.Items.TryGetValue(ConversationKey, out var id) && id is Guid conversationId)
            await bus.PublishAsync(new TypingChanged(conversationId, visitor, MessageSender.Customer, null, isTyping));
    }

    public async Task<IReadOnlyList<WidgetMessage>> History(long afterSeq)
    {
        var missed = await GuardAsync(() => chat.GetVisitorHistoryAsync(CurrentVisitor(), Math.Max(0, afterSeq),
            Context.ConnectionAborted));
        return [.. missed.Select(m => WidgetMessage.From(m, markdown))];
    }

    private string Address() => Context.GetHttpContext()?.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    /// <summary>Refuses the call with the visitor-facing reason; the log names the address for the operator.</summary>
    private void Limit(string? refusal, string what)
    {
        if (refusal is null) return;
        logger.LogWarning("Widget {What} refused for {Address}: {Reason}", what, Address(), refusal);
        metrics.WidgetCallRefused();
        throw new HubException(refusal);
    }

    /// <summary>An inbox for verified visitors only lets an unsigned visitor read, never write.</summary>
    private void EnsureMayChat()
    {
        CurrentVisitor();
        if (Context.Items.TryGetValue(MayChatKey, out var may) && may is false)
        {
            logger.LogInformation("Widget message refused: visitor {VisitorId} is not verified and the inbox requires it",
                CurrentVisitor());
            throw new HubException(InboxSettings.VerifiedOnlyMessage);
        }
    }

    private Guid CurrentVisitor() =>
        Context.Items.TryGetValue(VisitorKey, out var id) && id is Guid visitorId
            ? visitorId
            : throw new HubException("Call Start before sending messages.");

    /// <summary>Turns a request the caller can fix into a clear hub error, and logs it for the operator.</summary>
    private async Task<T> GuardAsync<T>(Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (ChatException ex)
        {
            logger.LogWarning("Widget request refused for connection {ConnectionId}: {Reason}",
                Context.ConnectionId, ex.Message);
            throw new HubException(ex.Message);
        }
    }
}
