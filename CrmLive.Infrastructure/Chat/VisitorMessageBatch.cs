using CrmLive.Domain.Bot;
using CrmLive.Domain.Common;
using CrmLive.Domain.Conversations;
using CrmLive.Domain.Customers;
using CrmLive.Domain.Live;
using CrmLive.Infrastructure.Operations;
using CrmLive.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CrmLive.Infrastructure.Chat;

/// <summary>
/// Stores a batch of customer messages in one transaction: once per client id, after the conversation's last
/// sequence number, with the bot's answers while it has the conversation. Three reads serve the whole batch.
/// </summary>
internal sealed class VisitorMessageBatch(
    IDbContextFactory<CrmDbContext> dbFactory,
    Bot.IntentBrain brain,
    TimeProvider clock,
    CrmLiveMetrics metrics)
{
    /// <summary>
    /// A visitor's last-seen time moves on at most this often: nothing shows it finer, and skipping the update
    /// saves a statement for most messages of a busy chat.
    /// </summary>
    private static readonly TimeSpan SeenPrecision = TimeSpan.FromMinutes(1);

    /// <exception cref="DbUpdateException">Another writer changed one of the conversations; nothing was stored.</exception>
    public async Task<IReadOnlyList<AppendOutcome>> StoreAsync(IReadOnlyList<PendingVisitorMessage> batch)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var visitorIds = batch.Select(p => p.VisitorId).Distinct().ToList();
        var clientIds = batch.Select(p => p.ClientMessageId).Distinct().ToList();

        // Every conversation of these visitors: resolved ones only matter for spotting a retried send.
        var conversations = await db.Conversations.Where(c => visitorIds.Contains(c.VisitorId)).ToListAsync();
        var visitorOf = conversations.ToDictionary(c => c.Id, c => c.VisitorId);
        // Already stored: looked up through the (ConversationId, ClientMessageId) index, never by client id alone.
        var conversationIds = visitorOf.Keys.ToList();
        var stored = (await db.Messages.AsNoTracking()
                .Where(m => conversationIds.Contains(m.ConversationId) && m.ClientMessageId != null
                    && clientIds.Contains(m.ClientMessageId))
                .Select(m => new { m.ConversationId, ClientMessageId = m.ClientMessageId!, m.Seq })
                .ToListAsync())
            .DistinctBy(m => (visitorOf[m.ConversationId], m.ClientMessageId))
            .ToDictionary(m => (visitorOf[m.ConversationId], m.ClientMessageId),
                m => new SendResult(m.ConversationId, m.Seq, Duplicate: true));
        var visitors = await db.Visitors.Where(v => visitorIds.Contains(v.Id)).ToDictionaryAsync(v => v.Id);
        var current = conversations.Where(c => c.Status != ConversationStatus.Resolved)
            .GroupBy(c => c.VisitorId)
            .ToDictionary(g => g.Key, g => g.MaxBy(c => c.CreatedAt)!);
        var now = clock.GetUtcNow();
        var outcomes = new List<AppendOutcome>(batch.Count);
        foreach (var pending in batch)
        {
            if (stored.TryGetValue((pending.VisitorId, pending.ClientMessageId), out var duplicate))
            {
                outcomes.Add(new AppendOutcome(pending, new VisitorAppend(duplicate, HandedOff: false), [], null));
                continue;
            }
            if (!visitors.TryGetValue(pending.VisitorId, out var visitor))
            {
                outcomes.Add(AppendOutcome.Failed(pending, new ChatException("Unknown visitor; reload the page.")));
                continue;
            }
            current.TryGetValue(visitor.Id, out var conversation);
            try
            {
                var outcome = Append(db, pending, visitor, conversation, now);
                current[visitor.Id] = outcome.Conversation;
                stored[(pending.VisitorId, pending.ClientMessageId)] = outcome.Append.Result with { Duplicate = true };
                outcomes.Add(new AppendOutcome(pending, outcome.Append, outcome.Events, null));
            }
            catch (DomainException ex)
            {
                outcomes.Add(AppendOutcome.Failed(pending, new ChatException(ex.Message)));
            }
        }
        await db.SaveChangesAsync();
        return outcomes;
    }

    private (Conversation Conversation, VisitorAppend Append, List<LiveEvent> Events) Append(CrmDbContext db,
        PendingVisitorMessage pending, Visitor visitor, Conversation? conversation, DateTimeOffset now)
    {
        var text = pending.Text;
        var isNew = conversation is null;
        if (conversation is null)
        {
            conversation = new Conversation(visitor.InboxId, visitor.Id, visitor.CustomerId, now);
            db.Conversations.Add(conversation);
            if (visitor.CustomerId is { } customerId)
                db.Timeline.Add(new TimelineEntry(customerId, now, TimelineKind.Conversation, "Started a chat",
                    text.Length > 140 ? text[..140] : text, conversation.Id));
        }
        if (now - visitor.LastSeenAt >= SeenPrecision) visitor.Seen(now);

        var messages = new List<Message> { conversation.Append(MessageSender.Customer, text, now, pending.ClientMessageId) };
        var handedOff = false;
        var action = IntentAction.None;
        if (conversation.IsWithBot)
        {
            var reply = brain.Bot.Reply(text, conversation.BotFallbackCount, brain.Guess(text), brain.Threshold, brain.Answers,
                brain.ContextFor(conversation.InboxId, conversation.CustomerId is not null, now));
            metrics.BotDecided(reply.RuleName, reply.HandOff);
            if (reply.RuleName == RuleBot.FallbackRuleName) conversation.NoteBotFallback();
            db.BotDecisions.Add(new BotDecision(conversation.Id, messages[0].Seq, text, reply, now));
            messages.Add(conversation.Append(MessageSender.Bot, reply.Text, now, authorName: "Bot"));
            action = reply.Action;
            if (reply.HandOff)
            {
                conversation.HandOff(reply.HandoffReason ?? reply.RuleName, now);
                handedOff = true;
            }
        }
        db.Messages.AddRange(messages);

        // Events are taken now: a later message of the same batch may change the conversation again.
        var c = conversation;
        var events = new List<LiveEvent>(messages.Count + 1);
        events.AddRange(messages.Select(m => new MessageAdded(c.Id, c.InboxId, c.VisitorId, m.Seq, m.Sender,
            m.AuthorName, m.Text, m.ClientMessageId, m.CreatedAt, m.IsPrivate)));
        if (isNew || handedOff)
            events.Add(new ConversationChanged(c.Id, c.InboxId, c.VisitorId, c.Status, c.AssignedAgentId,
                handedOff ? "handoff" : "created"));
        return (c, new VisitorAppend(new SendResult(c.Id, messages[0].Seq, Duplicate: false), handedOff, action), events);
    }
}
