using CrmLive.Domain.Bot;
using CrmLive.Domain.Common;
using CrmLive.Domain.Conversations;
using CrmLive.Domain.Customers;
using CrmLive.Domain.Live;
using CrmLive.Infrastructure.Operations;
using CrmLive.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CrmLive.Infrastructure.Chat;

/// <summary>
/// Stores chat messages for both sides, lets the bot answer first, and publishes every change on the live bus.
/// </summary>
public sealed partial class ConversationService(
    IDbContextFactory<CrmDbContext> dbFactory,
    ILiveEventBus bus,
    TimeProvider clock,
    CrmLiveMetrics metrics,
    AutoAssignment autoAssignment,
    VisitorMessageWriter writer,
    ILogger<ConversationService> logger)
{
    private const int MaxAppendAttempts = 12;
    public const int MaxClientMessageIdLength = 64;

    /// <param name="origin">The page's origin as the browser sent it; null for clients that are not browsers.</param>
    /// <param name="ownOrigin">CrmLive's own origin, whose pages may always use any inbox.</param>
    /// <param name="identity">The host page's signed-in user, vouched for with the inbox secret; unchecked here.</param>
    public async Task<WidgetSession> StartVisitorSessionAsync(string inboxKey, string? visitorToken, string? origin,
        string ownOrigin, WidgetIdentity? identity = null, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(inboxKey)) throw new ChatException("The widget has no inbox key (data-inbox).");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var key = inboxKey.Trim().ToLowerInvariant();
        var inbox = await db.Inboxes.AsNoTracking().SingleOrDefaultAsync(i => i.Key == key, ct)
            ?? throw new ChatException($"Unknown inbox '{inboxKey}'.");
        if (origin is not null && !inbox.Allows(origin, ownOrigin))
        {
            logger.LogWarning("Widget refused: {Origin} is not an allowed site of inbox {Inbox}", origin, inbox.Key);
            throw new ChatException($"This website is not allowed to use the '{inbox.Key}' chat.");
        }

        var now = clock.GetUtcNow();
        var vouched = Vouched(inbox, identity, now);
        var customer = vouched ? await KnownCustomerAsync(db, inbox, identity!.UserId!, ct) : null;
        Visitor? visitor = null;
        if (VisitorTokens.LooksValid(visitorToken))
        {
            var hash = VisitorTokens.Hash(visitorToken!);
            visitor = await db.Visitors.SingleOrDefaultAsync(v => v.TokenHash == hash && v.InboxId == inbox.Id, ct);
            // A browser that chatted as one signed-in customer must not show that chat to the next person
            // (signed out, or signed in as someone else): they start afresh.
            if (visitor?.CustomerId is { } linked && linked != customer?.Id) visitor = null;
            if (visitor is { IsVerified: true } && !vouched) visitor = null;
        }

        var isNew = visitor is null;
        if (visitor is null)
        {
            // Unknown or missing token: a new anonymous visitor with a fresh secret.
            visitorToken = VisitorTokens.New();
            visitor = new Visitor(inbox.Id, VisitorTokens.Hash(visitorToken), now);
            db.Visitors.Add(visitor);
        }
        visitor.Seen(now);
        if (vouched) visitor.MarkVerified();
        // A visitor created just now has no conversation yet: no need to ask.
        var conversation = isNew ? null : await CurrentConversationAsync(db, visitor.Id, ct);
        if (customer is not null && visitor.CustomerId is null)
        {
            visitor.AttachTo(customer.Id);
            conversation?.LinkCustomer(customer.Id);
        }
        await db.SaveChangesAsync(ct);

        var messages = conversation is null
            ? []
            : await MessagesAfterAsync(db, conversation.Id, 0, forCustomer: true, ct);
        var settings = InboxSettings.Of(inbox, now, canChat: !inbox.VerifiedVisitorsOnly || visitor.IsVerified);
        return new WidgetSession(visitorToken!, visitor.Id, conversation?.Id, conversation?.LastSeq ?? 0,
            conversation?.Status, messages, conversation?.AgentReadSeq ?? 0, settings, customer?.Name, customer?.Id);
    }

    /// <summary>Whether the host page signed its user's id with the inbox secret (or the one before, in its grace).</summary>
    private bool Vouched(Inbox inbox, WidgetIdentity? identity, DateTimeOffset now)
    {
        if (identity is null || string.IsNullOrEmpty(identity.UserId)) return false;
        if (inbox.Vouches(identity.UserId, identity.Signature, now)) return true;
        logger.LogWarning("Widget identity rejected for inbox {Inbox}: the signature for user {UserId} is missing or wrong",
            inbox.Key, identity.UserId.Length > 100 ? identity.UserId[..100] : identity.UserId);
        metrics.IdentityRejected();
        return false;
    }

    /// <summary>The customer a vouched-for identity names; an unknown one links nobody.</summary>
    private async Task<Customer?> KnownCustomerAsync(CrmDbContext db, Inbox inbox, string userId, CancellationToken ct)
    {
        var customer = await db.Customers.AsNoTracking().SingleOrDefaultAsync(c => c.ExternalId == userId, ct);
        if (customer is null)
            logger.LogInformation("Widget identity for inbox {Inbox} is valid but no customer has external id {UserId}",
                inbox.Key, userId);
        return customer;
    }

    /// <summary>
    /// Stores a customer's message once per <paramref name="clientMessageId"/>, then lets the bot answer while the
    /// conversation is in its hands.
    /// </summary>
    public async Task<SendResult> ReceiveFromVisitorAsync(Guid visitorId, string clientMessageId, string text,
        CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(clientMessageId) || clientMessageId.Length > MaxClientMessageIdLength)
            throw new ChatException("Every message needs a client id of at most 64 characters.");
        ValidateText(text);

        // One writer stores the messages of all conversations in batches (see VisitorMessageWriter).
        var (result, handedOff, action) = await writer.AppendAsync(visitorId, clientMessageId, text, ct);
        if (action != IntentAction.None && !result.Duplicate) await RunBotActionAsync(result.ConversationId, action, text, ct);
        if (handedOff) await autoAssignment.TryAssignAsync(result.ConversationId, ct);
        return result;
    }

    public async Task<IReadOnlyList<MessageDto>> GetVisitorHistoryAsync(Guid visitorId, long afterSeq,
        CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var conversation = await CurrentConversationAsync(db, visitorId, ct);
        if (conversation is null) return [];
        return await MessagesAfterAsync(db, conversation.Id, afterSeq, forCustomer: true, ct);
    }

    /// <param name="take">At most this many (the API pages); all of them when null.</param>
    public async Task<IReadOnlyList<MessageDto>> GetMessagesAsync(Guid conversationId, long afterSeq = 0,
        CancellationToken ct = default, int? take = null)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await MessagesAfterAsync(db, conversationId, afterSeq, forCustomer: false, ct, take);
    }

    /// <summary>The pre-chat form: the visitor's own name and e-mail, shown to agents, never trusted as identity.</summary>
    public async Task IntroduceVisitorAsync(Guid visitorId, string? name, string? email, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var visitor = await db.Visitors.SingleOrDefaultAsync(v => v.Id == visitorId, ct)
            ?? throw new ChatException("Unknown visitor; reload the page.");
        try
        {
            visitor.Introduce(name, email);
        }
        catch (DomainException ex)
        {
            throw new ChatException(ex.Message);
        }
        await db.SaveChangesAsync(ct);
        if (await CurrentConversationAsync(db, visitorId, ct) is { } conversation)
            await PublishChangeAsync(conversation, "introduced", ct);
    }

    /// <summary>The customer rates their resolved conversation (once). It lands on their timeline when known.</summary>
    public async Task RateAsync(Guid visitorId, Guid conversationId, int score, string? comment,
        CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var conversation = await db.Conversations
            .SingleOrDefaultAsync(c => c.Id == conversationId && c.VisitorId == visitorId, ct)
            ?? throw new ChatException("That conversation is not yours to rate.");
        var now = clock.GetUtcNow();
        try
        {
            conversation.Rate(score, comment, now);
        }
        catch (DomainException ex)
        {
            throw new ChatException(ex.Message);
        }
        if (conversation.CustomerId is { } customerId)
            db.Timeline.Add(new TimelineEntry(customerId, now, TimelineKind.Csat, $"Rated the chat {score}/5",
                conversation.CsatComment, conversation.Id));
        await db.SaveChangesAsync(ct);
        await PublishChangeAsync(conversation, "rated", ct);
    }

    /// <summary>A private note for the team; the customer never receives it, live or on replay.</summary>
    public async Task<MessageDto> AddNoteAsync(Guid conversationId, string agentId, string agentName, string text,
        CancellationToken ct = default)
    {
        ValidateText(text);
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var conversation = await db.Conversations.SingleOrDefaultAsync(c => c.Id == conversationId, ct)
                ?? throw new ChatException("That conversation no longer exists.");
            var note = conversation.AddNote(text, clock.GetUtcNow(), agentId, agentName);
            db.Messages.Add(note);
            if (!await TrySaveAppendAsync(db, conversationId, attempt, ct)) continue;
            await PublishMessageAsync(conversation, note, ct);
            return MessageDto.From(note);
        }
    }

    /// <summary>An agent answers; the conversation becomes theirs if nobody had it yet.</summary>
    public async Task<MessageDto> ReplyAsAgentAsync(Guid conversationId, string agentId, string agentName,
        string text, string? clientMessageId = null, CancellationToken ct = default)
    {
        ValidateText(text);
        if (clientMessageId is { Length: > MaxClientMessageIdLength })
            throw new ChatException("A client message id can be at most 64 characters.");
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            if (clientMessageId is not null && await db.Messages.AsNoTracking()
                    .Where(m => m.ConversationId == conversationId && m.ClientMessageId == clientMessageId)
                    .Select(m => MessageDto.From(m)).FirstOrDefaultAsync(ct) is { } already)
                return already; // a retried reply is stored once
            var conversation = await db.Conversations.SingleOrDefaultAsync(c => c.Id == conversationId, ct)
                ?? throw new ChatException("That conversation no longer exists.");
            if (conversation.Status == ConversationStatus.Resolved)
                throw new ChatException("This conversation is resolved; reopen it to reply.");
            var assigned = conversation.AssignedAgentId is null;
            if (assigned) conversation.AssignTo(agentId);
            var message = conversation.Append(MessageSender.Agent, text, clock.GetUtcNow(), clientMessageId,
                agentId, agentName);
            db.Messages.Add(message);
            if (!await TrySaveAppendAsync(db, conversationId, attempt, ct)) continue;
            await PublishMessageAsync(conversation, message, ct);
            await PublishChangeAsync(conversation, assigned ? "assigned" : "replied", ct);
            await bus.PublishAsync(new ConversationRead(conversation.Id, conversation.VisitorId, conversation.AgentReadSeq), ct);
            return MessageDto.From(message);
        }
    }

    /// <summary>
    /// An agent takes a conversation nobody has. Atomic across instances: when two agents claim at once, one wins
    /// and the other is told who has it.
    /// </summary>
    public async Task ClaimAsync(Guid conversationId, string agentId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var claimed = await db.Conversations
            .Where(c => c.Id == conversationId && c.Status != ConversationStatus.Resolved
                && (c.AssignedAgentId == null || c.AssignedAgentId == agentId))
            .ExecuteUpdateAsync(s => s
                .SetProperty(c => c.AssignedAgentId, agentId)
                .SetProperty(c => c.Status, ConversationStatus.Open), ct);
        var conversation = await db.Conversations.AsNoTracking().SingleOrDefaultAsync(c => c.Id == conversationId, ct)
            ?? throw new ChatException("That conversation no longer exists.");
        if (claimed == 0)
        {
            if (conversation.Status == ConversationStatus.Resolved)
                throw new ChatException("This conversation is already resolved.");
            var holder = await db.Users.Where(u => u.Id == conversation.AssignedAgentId)
                .Select(u => u.DisplayName).SingleOrDefaultAsync(ct);
            throw new ChatException($"{holder ?? "Another agent"} already has this conversation.");
        }
        await PublishChangeAsync(conversation, "assigned", ct);
    }

    public Task ResolveAsync(Guid conversationId, CancellationToken ct = default) =>
        ChangeAsync(conversationId, c => c.Resolve(clock.GetUtcNow()), "resolved", ct);

    /// <summary>
    /// The team has seen everything so far. A single conditional update, so it never collides with messages
    /// arriving at the same moment; the customer's widget shows its messages as read.
    /// </summary>
    public async Task MarkReadAsync(Guid conversationId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var changed = await db.Conversations
            .Where(c => c.Id == conversationId && (c.UnreadCount > 0 || c.AgentReadSeq < c.LastSeq))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.UnreadCount, 0).SetProperty(c => c.AgentReadSeq, c => c.LastSeq), ct);
        if (changed == 0) return;
        var conversation = await db.Conversations.AsNoTracking().SingleAsync(c => c.Id == conversationId, ct);
        await PublishChangeAsync(conversation, "read", ct);
        await bus.PublishAsync(new ConversationRead(conversation.Id, conversation.VisitorId, conversation.AgentReadSeq), ct);
    }

    private async Task ChangeAsync(Guid conversationId, Action<Conversation> change, string what,
        CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var conversation = await db.Conversations.SingleOrDefaultAsync(c => c.Id == conversationId, ct)
            ?? throw new ChatException("That conversation no longer exists.");
        try
        {
            change(conversation);
        }
        catch (DomainException ex)
        {
            throw new ChatException(ex.Message);
        }
        await db.SaveChangesAsync(ct);
        await PublishChangeAsync(conversation, what, ct);
    }

    private static Task<Conversation?> CurrentConversationAsync(CrmDbContext db, Guid visitorId, CancellationToken ct) =>
        db.Conversations
            .Where(c => c.VisitorId == visitorId && c.Status != ConversationStatus.Resolved)
            .OrderByDescending(c => c.CreatedAt)
            .FirstOrDefaultAsync(ct);

    private static async Task<IReadOnlyList<MessageDto>> MessagesAfterAsync(CrmDbContext db, Guid conversationId,
        long afterSeq, bool forCustomer, CancellationToken ct, int? take = null)
    {
        var messages = db.Messages.AsNoTracking()
            .Where(m => m.ConversationId == conversationId && m.Seq > afterSeq && !(forCustomer && m.IsPrivate))
            .OrderBy(m => m.Seq);
        var page = take is { } limit ? messages.Take(limit) : messages;
        return await (from m in page
                      join a in db.Attachments on m.AttachmentId equals a.Id into files
                      from a in files.DefaultIfEmpty()
                      orderby m.Seq
                      select MessageDto.From(m, a == null ? null : new AttachmentInfo(a.Id, a.FileName, a.ContentType, a.Length, a.AccessKey)))
            .ToListAsync(ct);
    }

    private static void ValidateText(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new ChatException("A message cannot be empty.");
        if (text.Length > Conversation.MaxTextLength)
            throw new ChatException($"A message can be at most {Conversation.MaxTextLength} characters.");
    }

    /// <summary>
    /// Saves an append. False when another writer took the next sequence number (or the same client id raced in):
    /// the caller re-reads and tries again, up to <see cref="MaxAppendAttempts"/> times.
    /// </summary>
    private async Task<bool> TrySaveAppendAsync(CrmDbContext db, Guid conversationId, int attempt, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException ex) when (attempt < MaxAppendAttempts)
        {
            logger.LogDebug(ex, "Append conflict on conversation {ConversationId}, attempt {Attempt}", conversationId, attempt);
            await BackOffAsync(attempt, ct);
            return false;
        }
    }

    /// <summary>Writers racing for the same conversation spread out instead of colliding again at once.</summary>
    private static Task BackOffAsync(int attempt, CancellationToken ct) =>
        Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 10) * Math.Min(attempt, 5)), ct);

    private Task PublishMessageAsync(Conversation c, Message m, CancellationToken ct, AttachmentInfo? attachment = null)
    {
        metrics.MessageStored(m.Sender.ToString());
        return bus.PublishAsync(new MessageAdded(c.Id, c.InboxId, c.VisitorId, m.Seq, m.Sender, m.AuthorName, m.Text,
            m.ClientMessageId, m.CreatedAt, m.IsPrivate, attachment), ct);
    }

    private Task PublishChangeAsync(Conversation c, string change, CancellationToken ct) =>
        bus.PublishAsync(new ConversationChanged(c.Id, c.InboxId, c.VisitorId, c.Status, c.AssignedAgentId, change), ct);
}
