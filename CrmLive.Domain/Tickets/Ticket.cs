using CrmLive.Domain.Common;

namespace CrmLive.Domain.Tickets;

public enum TicketType { Request, Complaint, Feedback }
public enum TicketPriority { Low, Normal, High, Urgent }
public enum TicketStatus { Open, Pending, Solved, Closed }

public sealed class Ticket : Entity
{
    private Ticket() { }

    public Ticket(Guid customerId, string subject, TicketType type, TicketPriority priority, DateTimeOffset createdAt,
        Guid? conversationId = null)
    {
        CustomerId = customerId;
        Subject = Guard.NotBlank(subject, nameof(subject), 200);
        Type = type;
        Priority = priority;
        CreatedAt = createdAt;
        ConversationId = conversationId;
        Status = TicketStatus.Open;
    }

    public Guid CustomerId { get; private set; }
    public string Subject { get; private set; } = "";
    public TicketType Type { get; private set; }
    public TicketPriority Priority { get; private set; }
    public TicketStatus Status { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public Guid? ConversationId { get; private set; }

    public void SetStatus(TicketStatus status) => Status = status;
}
