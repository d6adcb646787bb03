using CrmLive.Domain.Tickets;

namespace CrmLive.Infrastructure.Tickets;

/// <summary>One line of a ticket list.</summary>
public sealed record TicketRow(
    Guid Id,
    string Subject,
    TicketType Type,
    TicketPriority Priority,
    TicketStatus Status,
    Guid CustomerId,
    string CustomerName,
    string? AssigneeId,
    DateTimeOffset CreatedAt,
    DateTimeOffset DueAt,
    DateTimeOffset? SolvedAt)
{
    /// <summary>Filled from the staff directory after the query; null when unassigned or the person left.</summary>
    public string? AssigneeName { get; init; }

    public bool IsOpen => Status is TicketStatus.Open or TicketStatus.Pending;

    public SlaState Sla(DateTimeOffset now) => SlaState.Of(IsOpen, DueAt, SolvedAt, now);
}

/// <summary>Everything the ticket page shows and edits.</summary>
public sealed record TicketDetail(
    Guid Id,
    string Subject,
    string? Description,
    TicketType Type,
    TicketPriority Priority,
    TicketStatus Status,
    Guid CustomerId,
    string CustomerName,
    string? AssigneeId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset DueAt,
    DateTimeOffset? SolvedAt,
    Guid? ConversationId)
{
    public bool IsOpen => Status is TicketStatus.Open or TicketStatus.Pending;

    public SlaState Sla(DateTimeOffset now) => SlaState.Of(IsOpen, DueAt, SolvedAt, now);
}

/// <summary>Where a ticket stands against its SLA at a moment, as the SLA chip shows it.</summary>
/// <param name="Breached">Open past due, or solved after due.</param>
/// <param name="Remaining">Until due (negative once past); for a solved ticket, how early or late it was solved.</param>
public sealed record SlaState(bool IsOpen, bool Breached, TimeSpan Remaining)
{
    public static SlaState Of(bool isOpen, DateTimeOffset dueAt, DateTimeOffset? solvedAt, DateTimeOffset now)
    {
        var reference = isOpen ? now : solvedAt ?? now;
        return new SlaState(isOpen, reference > dueAt, dueAt - reference);
    }
}

/// <summary>Which statuses a list shows; <see cref="Active"/> is what agents still have to work on.</summary>
public enum TicketStatusFilter { Active, Open, Pending, Solved, Closed, Any }

public enum TicketSort { DueAt, CreatedAt, Priority }

/// <summary>What a ticket list is narrowed to; every part is optional and they combine with AND.</summary>
public sealed record TicketFilter
{
    /// <summary>Assignee filter value meaning "assigned to whoever asks" (see <see cref="TicketListQuery.CurrentUserId"/>).</summary>
    public const string Mine = "(me)";

    /// <summary>Assignee filter value meaning "nobody is assigned".</summary>
    public const string Unassigned = "(none)";

    public TicketStatusFilter Status { get; init; } = TicketStatusFilter.Active;
    public TicketPriority? Priority { get; init; }
    public TicketType? Type { get; init; }

    /// <summary>A staff id, <see cref="Mine"/> or <see cref="Unassigned"/>; null for anyone.</summary>
    public string? Assignee { get; init; }

    /// <summary>Only tickets open past due or solved late.</summary>
    public bool BreachedOnly { get; init; }

    public Guid? CustomerId { get; init; }
}

public sealed record TicketListQuery(
    TicketFilter Filter,
    TicketSort SortBy = TicketSort.DueAt,
    bool Descending = false,
    int Page = 0,
    int PageSize = 25,
    string? CurrentUserId = null);

/// <summary>What someone fills in to open a ticket.</summary>
public sealed record NewTicket(
    Guid CustomerId,
    string Subject,
    TicketType Type,
    TicketPriority Priority,
    string? Description = null,
    string? AssigneeId = null,
    Guid? ConversationId = null);
