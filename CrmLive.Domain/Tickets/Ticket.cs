using CrmLive.Domain.Common;

namespace CrmLive.Domain.Tickets;

public enum TicketType { Request, Complaint, Feedback }
public enum TicketPriority { Low, Normal, High, Urgent }
public enum TicketStatus { Open, Pending, Solved, Closed }

public sealed class Ticket : Entity
{
    public const int MaxDescriptionLength = 10_000;

    private Ticket() { }

    public Ticket(Guid customerId, string subject, TicketType type, TicketPriority priority, DateTimeOffset createdAt,
        Guid? conversationId = null, string? description = null, string? assigneeId = null, SlaPolicy? sla = null)
    {
        CustomerId = customerId;
        Subject = Guard.NotBlank(subject, "Subject", 200);
        Type = type;
        Priority = priority;
        CreatedAt = createdAt;
        UpdatedAt = createdAt;
        ConversationId = conversationId;
        Description = CleanDescription(description);
        AssigneeId = string.IsNullOrWhiteSpace(assigneeId) ? null : assigneeId;
        Status = TicketStatus.Open;
        DueAt = (sla ?? SlaPolicy.Default).DueAt(priority, createdAt);
    }

    public Guid CustomerId { get; private set; }
    public string Subject { get; private set; } = "";
    public string? Description { get; private set; }
    public TicketType Type { get; private set; }
    public TicketPriority Priority { get; private set; }
    public TicketStatus Status { get; private set; }
    public string? AssigneeId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>When the ticket must be solved by, from the SLA policy for its priority at creation.</summary>
    public DateTimeOffset DueAt { get; private set; }

    public DateTimeOffset? SolvedAt { get; private set; }
    public Guid? ConversationId { get; private set; }

    public bool IsOpen => Status is TicketStatus.Open or TicketStatus.Pending;

    /// <summary>Open past its due time, or solved late.</summary>
    public bool IsBreached(DateTimeOffset now) => IsOpen ? now > DueAt : SolvedAt > DueAt;

    public void Edit(string subject, string? description, TicketType type, DateTimeOffset now)
    {
        Subject = Guard.NotBlank(subject, "Subject", 200);
        Description = CleanDescription(description);
        Type = type;
        UpdatedAt = now;
    }

    /// <summary>A new priority moves the due time: the policy's target for it, counted from creation.</summary>
    public void Reprioritize(TicketPriority priority, SlaPolicy sla, DateTimeOffset now)
    {
        if (priority == Priority) return;
        Priority = priority;
        DueAt = sla.DueAt(priority, CreatedAt);
        UpdatedAt = now;
    }

    public void AssignTo(string? assigneeId, DateTimeOffset now)
    {
        AssigneeId = string.IsNullOrWhiteSpace(assigneeId) ? null : assigneeId;
        UpdatedAt = now;
    }

    public void SetStatus(TicketStatus status) => SetStatus(status, DateTimeOffset.UtcNow);

    public void SetStatus(TicketStatus status, DateTimeOffset now)
    {
        if (status == Status) return;
        var wasOpen = IsOpen;
        Status = status;
        if (wasOpen && !IsOpen) SolvedAt = now;
        if (IsOpen) SolvedAt = null;
        UpdatedAt = now;
    }

    private static string? CleanDescription(string? description) =>
        string.IsNullOrWhiteSpace(description) ? null : Guard.NotBlank(description, "Description", MaxDescriptionLength);
}
