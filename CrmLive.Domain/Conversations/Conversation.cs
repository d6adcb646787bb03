using CrmLive.Domain.Common;

namespace CrmLive.Domain.Conversations;

public enum ConversationStatus
{
    /// <summary>The bot answers every customer message.</summary>
    Bot,
    /// <summary>Handed off; waits in the queue for an agent.</summary>
    WaitingForAgent,
    /// <summary>An agent is working it.</summary>
    Open,
    Resolved,
    /// <summary>Put aside until <see cref="Conversation.SnoozedUntil"/> (or the customer writes again).</summary>
    Snoozed,
}

public sealed class Conversation : Entity
{
    public const int MaxTextLength = 4000;

    private Conversation() { }

    public Conversation(Guid inboxId, Guid visitorId, Guid? customerId, DateTimeOffset createdAt)
    {
        InboxId = inboxId;
        VisitorId = visitorId;
        CustomerId = customerId;
        CreatedAt = createdAt;
        LastMessageAt = createdAt;
        Status = ConversationStatus.Bot;
    }

    public Guid InboxId { get; private set; }
    public Guid VisitorId { get; private set; }
    public Guid? CustomerId { get; private set; }
    public ConversationStatus Status { get; private set; }
    public string? AssignedAgentId { get; private set; }
    public string? HandoffReason { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset LastMessageAt { get; private set; }
    public DateTimeOffset? HandedOffAt { get; private set; }
    public DateTimeOffset? FirstAgentReplyAt { get; private set; }
    public DateTimeOffset? ResolvedAt { get; private set; }
    public long LastSeq { get; private set; }
    public string? LastMessagePreview { get; private set; }

    /// <summary>Customer messages not yet answered by an agent; drives the inbox's unread badge.</summary>
    public int UnreadCount { get; private set; }

    /// <summary>The last sequence number the team has seen; the customer's messages up to it show as read.</summary>
    public long AgentReadSeq { get; private set; }

    /// <summary>How often the bot failed to understand; the second time it hands off.</summary>
    public int BotFallbackCount { get; private set; }

    public bool IsWithBot => Status == ConversationStatus.Bot;

    public Message Append(MessageSender sender, string text, DateTimeOffset now, string? clientMessageId = null,
        string? authorId = null, string? authorName = null, Guid? attachmentId = null)
    {
        var body = Guard.NotBlank(text, "Message", MaxTextLength);
        if (Status == ConversationStatus.Resolved && sender == MessageSender.Customer)
            throw new DomainException("This conversation is resolved; start a new one.");
        if (Status == ConversationStatus.Snoozed && sender == MessageSender.Customer) Wake();

        LastSeq++;
        LastMessageAt = now;
        LastMessagePreview = body.Length > 140 ? body[..140] : body;
        if (sender == MessageSender.Customer && !IsWithBot) UnreadCount++;
        if (sender == MessageSender.Agent)
        {
            UnreadCount = 0;
            AgentReadSeq = LastSeq;
            FirstAgentReplyAt ??= now;
        }
        return new Message(Id, LastSeq, sender, authorId, authorName, body, clientMessageId, now,
            attachmentId: attachmentId);
    }

    /// <summary>
    /// A private note from an agent. It takes the next sequence number (one order for everything in the thread)
    /// but changes nothing the customer could notice: no preview, unread count or first-reply time.
    /// </summary>
    public Message AddNote(string text, DateTimeOffset now, string agentId, string agentName, string? clientMessageId = null,
        Guid? attachmentId = null)
    {
        var body = Guard.NotBlank(text, "Note", MaxTextLength);
        LastSeq++;
        return new Message(Id, LastSeq, MessageSender.Agent, agentId, agentName, body, clientMessageId, now, isPrivate: true,
            attachmentId);
    }

    public void HandOff(string reason, DateTimeOffset now)
    {
        if (!IsWithBot) return;
        Status = ConversationStatus.WaitingForAgent;
        HandoffReason = reason;
        HandedOffAt = now;
        UnreadCount = Math.Max(UnreadCount, 1);
    }

    public void AssignTo(string agentId)
    {
        if (Status == ConversationStatus.Resolved)
            throw new DomainException("A resolved conversation cannot be assigned.");
        AssignedAgentId = agentId;
        if (Status is ConversationStatus.Bot or ConversationStatus.WaitingForAgent)
        {
            Status = ConversationStatus.Open;
            HandedOffAt ??= LastMessageAt;
        }
    }

    /// <summary>The visitor proved who they are (signed identity) while this conversation was running.</summary>
    public void LinkCustomer(Guid customerId) => CustomerId ??= customerId;

    public void NoteBotFallback() => BotFallbackCount++;

    public void MarkRead()
    {
        UnreadCount = 0;
        AgentReadSeq = LastSeq;
    }

    public void Resolve(DateTimeOffset now)
    {
        Status = ConversationStatus.Resolved;
        ResolvedAt = now;
        UnreadCount = 0;
        SnoozedUntil = null;
    }

    /// <summary>An agent takes a resolved conversation up again (e.g. to add something they forgot).</summary>
    public void Reopen()
    {
        if (Status != ConversationStatus.Resolved) return;
        Status = AssignedAgentId is null ? ConversationStatus.WaitingForAgent : ConversationStatus.Open;
        ResolvedAt = null;
    }

    public DateTimeOffset? SnoozedUntil { get; private set; }

    public void Snooze(DateTimeOffset until, DateTimeOffset now)
    {
        if (Status == ConversationStatus.Resolved) throw new DomainException("A resolved conversation cannot be snoozed.");
        if (until <= now) throw new DomainException("Choose a wake-up time in the future.");
        if (until > now.AddDays(366)) throw new DomainException("A conversation can be snoozed for at most a year.");
        Status = ConversationStatus.Snoozed;
        SnoozedUntil = until;
    }

    /// <summary>Back in the team's lists: to its agent if it has one, otherwise to the queue.</summary>
    public void Wake()
    {
        if (Status != ConversationStatus.Snoozed) return;
        Status = AssignedAgentId is null ? ConversationStatus.WaitingForAgent : ConversationStatus.Open;
        SnoozedUntil = null;
        UnreadCount = Math.Max(UnreadCount, 1);
    }

    /// <summary>
    /// Hands the conversation to another agent, or back to the queue when <paramref name="agentId"/> is null.
    /// </summary>
    public void TransferTo(string? agentId)
    {
        if (Status == ConversationStatus.Resolved)
            throw new DomainException("A resolved conversation cannot be transferred.");
        if (agentId is null)
        {
            AssignedAgentId = null;
            if (Status == ConversationStatus.Open) Status = ConversationStatus.WaitingForAgent;
            return;
        }
        AssignTo(agentId);
    }

    public const int MaxCsatCommentLength = 1000;

    /// <summary>Customer satisfaction, 1 (poor) to 5 (great), given once the conversation is resolved.</summary>
    public int? CsatScore { get; private set; }
    public string? CsatComment { get; private set; }
    public DateTimeOffset? RatedAt { get; private set; }

    public void Rate(int score, string? comment, DateTimeOffset now)
    {
        if (Status != ConversationStatus.Resolved)
            throw new DomainException("A conversation can be rated once it is resolved.");
        if (CsatScore is not null) throw new DomainException("This conversation has already been rated. Thank you!");
        if (score is < 1 or > 5) throw new DomainException("Choose a rating from 1 to 5.");
        var trimmed = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        if (trimmed is { Length: > MaxCsatCommentLength })
            throw new DomainException($"A comment can be at most {MaxCsatCommentLength} characters.");
        CsatScore = score;
        CsatComment = trimmed;
        RatedAt = now;
    }
}
