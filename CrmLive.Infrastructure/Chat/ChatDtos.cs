using CrmLive.Domain.Conversations;

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
    bool IsPrivate = false)
{
    public static MessageDto From(Message m) =>
        new(m.ConversationId, m.Seq, m.Sender, m.AuthorName, m.Text, m.ClientMessageId, m.CreatedAt, m.IsPrivate);
}

/// <summary>What the widget gets when it (re)connects.</summary>
public sealed record WidgetSession(
    string VisitorToken,
    Guid VisitorId,
    Guid? ConversationId,
    long LastSeq,
    ConversationStatus? Status,
    IReadOnlyList<MessageDto> Messages,
    long ReadSeq = 0);

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
    string? CsatComment = null);

public enum InboxView { Waiting, Mine, AllOpen, WithBot, Resolved }

/// <summary>A chat request the caller may correct (empty text, unknown inbox…): the message is safe to show.</summary>
public sealed class ChatException(string message) : Exception(message);
