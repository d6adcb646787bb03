using CrmLive.Domain.Conversations;
using CrmLive.Domain.Live;

namespace CrmLive.Infrastructure.Chat;

/// <summary>A message as both the widget and the inbox see it.</summary>
public sealed record MessageDto(
    Guid ConversationId,
    long Seq,
    MessageSender Sender,
    string? AuthorName,
    string Text,
    string? ClientMessageId,
    DateTimeOffset CreatedAt,
    bool IsPrivate = false,
    AttachmentInfo? Attachment = null)
{
    public static MessageDto From(Message m, AttachmentInfo? attachment = null) =>
        new(m.ConversationId, m.Seq, m.Sender, m.AuthorName, m.Text, m.ClientMessageId, m.CreatedAt, m.IsPrivate,
            attachment);

    public static MessageDto From(MessageAdded e) =>
        new(e.ConversationId, e.Seq, e.Sender, e.AuthorName, e.Text, e.ClientMessageId, e.CreatedAt, e.IsPrivate,
            e.Attachment);
}

/// <summary>What the widget gets when it (re)connects.</summary>
public sealed record WidgetSession(
    string VisitorToken,
    Guid VisitorId,
    Guid? ConversationId,
    long LastSeq,
    ConversationStatus? Status,
    IReadOnlyList<MessageDto> Messages,
    long ReadSeq,
    InboxSettings Inbox,
    /// <summary>The name of the known customer this chat is attached to (signed identity), if any.</summary>
    string? CustomerName,
    /// <summary>That customer, when the host page vouched for them: campaigns may then address them in the widget.</summary>
    Guid? CustomerId = null);

/// <summary>What the widget needs to know about its inbox: hours, away message, attachment limits.</summary>
/// <summary>What the widget needs to know about its inbox: hours, attachments, look, and whether this visitor may chat.</summary>
public sealed record InboxSettings(bool IsOpen, string AwayMessage, IReadOnlyList<string> AttachmentTypes,
    long MaxAttachmentBytes, string Greeting, string Color, string Position, bool CanChat)
{
    public const string VerifiedOnlyMessage = "This chat is for signed-in customers. Please sign in to your account to chat with us.";

    public static InboxSettings Of(Domain.Conversations.Inbox inbox, DateTimeOffset now, bool canChat) =>
        new(inbox.IsOpenAt(now), inbox.AwayMessage, inbox.Attachments.Types, inbox.MaxAttachmentBytes, inbox.Greeting,
            inbox.WidgetColor, inbox.WidgetPosition.ToString().ToLowerInvariant(), canChat);
}

public sealed record SendResult(Guid ConversationId, long Seq, bool Duplicate);

/// <summary>One row of the agent inbox list.</summary>
public sealed record ConversationSummary(
    Guid Id,
    Guid VisitorId,
    string CustomerName,
    string? CustomerEmail,
    Guid? CustomerId,
    ConversationStatus Status,
    string? AssignedAgentId,
    string? AssignedAgentName,
    string? LastMessagePreview,
    DateTimeOffset LastMessageAt,
    DateTimeOffset? WaitingSince,
    int UnreadCount,
    string? HandoffReason,
    int? CsatScore = null,
    string? CsatComment = null,
    DateTimeOffset? SnoozedUntil = null,
    IReadOnlyList<string>? Labels = null,
    string? InboxName = null);

/// <summary>
/// The inbox's views: mine, unassigned (waiting), all open, pending (with the bot), snoozed, resolved; and every
/// conversation whatever its state (the API).
/// </summary>
public enum InboxView { Waiting, Mine, AllOpen, WithBot, Resolved, Snoozed, Everything }

/// <summary>
/// What the agent is looking at: a view, optionally narrowed by label, inbox and a search; the API also narrows by
/// status and customer.
/// </summary>
public sealed record InboxFilter(InboxView View, string AgentId, string? Label = null, Guid? InboxId = null,
    string? Search = null, ConversationStatus? Status = null, Guid? CustomerId = null);

public sealed record ConversationPage(IReadOnlyList<ConversationSummary> Items, int Total);

public sealed record LabelCount(string Label, int Count);

public sealed record InboxChoice(Guid Id, string Name);

public sealed record TeamMember(string Id, string Name, CrmLive.Infrastructure.Live.PresenceStatus Status, int OpenConversations,
    int Capacity);

/// <summary>A chat request the caller may correct (empty text, unknown inbox…): the message is safe to show.</summary>
public sealed class ChatException(string message) : Exception(message);

/// <summary>
/// The host page's claim about its signed-in user: their id in the company's systems and HMAC-SHA256 of it keyed
/// with the inbox's identity secret.
/// </summary>
public sealed record WidgetIdentity(string? UserId, string? Signature);
