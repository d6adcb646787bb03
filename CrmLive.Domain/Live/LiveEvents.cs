using CrmLive.Domain.Conversations;
using CrmLive.Domain.Tickets;
using CrmLive.Domain.Deals;

namespace CrmLive.Domain.Live;

/// <summary>Something happened that open screens and connected widgets may want to show at once.</summary>
public abstract record LiveEvent
{
    public DateTimeOffset OccurredAt { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>The app instance that published the event; set by the bus.</summary>
    public string? Origin { get; init; }
}

/// <summary>A message was stored in a conversation (any sender).</summary>
public sealed record MessageAdded(
    Guid ConversationId,
    Guid InboxId,
    Guid VisitorId,
    long Seq,
    MessageSender Sender,
    string? AuthorName,
    string Text,
    string? ClientMessageId,
    DateTimeOffset CreatedAt,
    bool IsPrivate = false,
    AttachmentInfo? Attachment = null) : LiveEvent;

/// <summary>A conversation changed status, assignment or unread count.</summary>
public sealed record ConversationChanged(
    Guid ConversationId,
    Guid InboxId,
    Guid VisitorId,
    ConversationStatus Status,
    string? AssignedAgentId,
    string Change) : LiveEvent;

/// <summary>
/// Someone started or stopped typing in a conversation. Never stored: a missed one only costs a moment of
/// "typing…", and every side lets the indicator expire on its own.
/// </summary>
public sealed record TypingChanged(Guid ConversationId, Guid VisitorId, MessageSender Who, string? Name, bool IsTyping)
    : LiveEvent;

/// <summary>The team has seen the conversation up to <paramref name="Seq"/> (read receipts in the widget).</summary>
public sealed record ConversationRead(Guid ConversationId, Guid VisitorId, long Seq) : LiveEvent;

/// <summary>An agent came online or went offline.</summary>
public sealed record AgentPresenceChanged(string AgentId, bool Online, int OnlineAgents) : LiveEvent;

/// <summary>
/// A scheduled analytics job finished and wrote new scores. Screens hear it on a different queue from the run's
/// <see cref="AnalyticsProgressed"/> events, so a late progress event names a run they already know has ended.
/// </summary>
public sealed record AnalyticsRecomputed(string Job, int CustomersScored, Guid RunId) : LiveEvent;

/// <summary>A customer's widget connected or went away (every tab closed).</summary>
public sealed record VisitorPresenceChanged(Guid VisitorId, bool Online) : LiveEvent;

/// <summary>The bot's knowledge changed (intents, answers, threshold, or a newly promoted model): reload it.</summary>
public sealed record BotKnowledgeChanged(string What) : LiveEvent;

/// <summary>Progress of a bot training run, for the manager watching it.</summary>
public sealed record BotTrainingProgress(int Percent, string Stage, bool Finished = false) : LiveEvent;

/// <summary>A customer's record or timeline changed (profile edit, note, ticket, deal…): open 360 pages refresh.</summary>
public sealed record CustomerChanged(Guid CustomerId, string What) : LiveEvent;

/// <summary>Someone @mentioned a member of staff in a note; that person is told at once, wherever they are.</summary>
public sealed record NoteMentioned(Guid NoteId, Guid CustomerId, string CustomerName, string MentionedUserId,
    string AuthorName, string Excerpt) : LiveEvent;

/// <summary>A ticket was opened or changed (status, priority, assignee, text): ticket lists and pages refresh.</summary>
public sealed record TicketChanged(Guid TicketId, Guid CustomerId, TicketStatus Status, string? AssigneeId)
    : LiveEvent;
/// <summary>A deal was created, edited or moved on the pipeline: open boards and deal panels reload.</summary>
public sealed record DealChanged(Guid DealId, Guid CustomerId, DealStage Stage) : LiveEvent;

/// <summary>An import (dry run or real) moved on: its page redraws the progress bar and counts.</summary>
public sealed record ImportProgressed(Guid RunId, string Status, long ProcessedRows, int Percent) : LiveEvent;

/// <summary>
/// The analytics recompute moved on: a new stage, or another chunk of customers saved, with the segment and tier
/// moves that chunk made (<see cref="MetricMove.Kind"/> is "segment" or "tier").
/// </summary>
public sealed record AnalyticsProgressed(Guid RunId, string Stage, int Processed, int Total, IReadOnlyList<MetricMove> Moves)
    : LiveEvent;

/// <summary><paramref name="Count"/> customers moved from one segment (or tier) to another.</summary>
public sealed record MetricMove(string Kind, string From, string To, int Count);

/// <summary>
/// A person's access changed (role, deactivation): their open screens end the session so the change takes hold at
/// once, on every instance.
/// </summary>
public sealed record StaffAccessChanged(string UserId, string Reason) : LiveEvent;

/// <summary>A campaign's state or results moved (launched, a batch of e-mail sent, a widget message seen or answered…).</summary>
public sealed record CampaignChanged(Guid CampaignId, string What) : LiveEvent;

/// <summary>A campaign message for one visitor's open widget.</summary>
public sealed record ProactiveMessageOffered(Guid VisitorId, Campaigns.ProactiveMessage Message) : LiveEvent;
