namespace CrmLive.Domain.Conversations;

public enum MessageSender { Customer, Bot, Agent, System }

/// <summary>One chat message; <see cref="Seq"/> orders it within its conversation and lets clients replay.</summary>
public sealed class Message
{
    private Message() { }

    internal Message(Guid conversationId, long seq, MessageSender sender, string? authorId, string? authorName,
        string text, string? clientMessageId, DateTimeOffset createdAt, bool isPrivate = false, Guid? attachmentId = null)
    {
        AttachmentId = attachmentId;
        IsPrivate = isPrivate;
        ConversationId = conversationId;
        Seq = seq;
        Sender = sender;
        AuthorId = authorId;
        AuthorName = authorName;
        Text = text;
        ClientMessageId = clientMessageId;
        CreatedAt = createdAt;
    }

    public long Id { get; private set; }
    public Guid ConversationId { get; private set; }
    public long Seq { get; private set; }
    public MessageSender Sender { get; private set; }
    public string? AuthorId { get; private set; }
    public string? AuthorName { get; private set; }
    public string Text { get; private set; } = "";

    /// <summary>Chosen by the sending client; a resend with the same id is stored once.</summary>
    public string? ClientMessageId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>A note between agents: never sent to or replayed for the customer.</summary>
    public bool IsPrivate { get; private set; }

    /// <summary>The file this message carries; its text is the caption (or the file name).</summary>
    public Guid? AttachmentId { get; private set; }
}
