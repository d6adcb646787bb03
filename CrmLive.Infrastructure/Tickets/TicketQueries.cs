using CrmLive.Domain.Tickets;
using CrmLive.Infrastructure.Customers;
using CrmLive.Infrastructure.Identity;
using CrmLive.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CrmLive.Infrastructure.Tickets;

/// <summary>Read side of the ticket list, the ticket page and the customer 360's ticket panel.</summary>
public sealed class TicketQueries(IDbContextFactory<CrmDbContext> dbFactory, StaffDirectory staff, TimeProvider clock)
{
    public const int MaxPageSize = 200;

    /// <summary>Filtered, sorted and paged by the database; ties broken by id so pages never overlap.</summary>
    public async Task<Paged<TicketRow>> ListAsync(TicketListQuery q, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var tickets = Filter(db.Tickets.AsNoTracking(), q.Filter, q.CurrentUserId, clock.GetUtcNow());
        var total = await tickets.CountAsync(ct);
        tickets = (q.SortBy, q.Descending) switch
        {
            (TicketSort.CreatedAt, false) => tickets.OrderBy(t => t.CreatedAt).ThenBy(t => t.Id),
            (TicketSort.CreatedAt, true) => tickets.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id),
            // Priority is stored as text, so rank it explicitly; most urgent first, soonest due within a rank.
            (TicketSort.Priority, false) => tickets.OrderByDescending(t => t.Priority == TicketPriority.Urgent ? 3
                : t.Priority == TicketPriority.High ? 2 : t.Priority == TicketPriority.Normal ? 1 : 0)
                .ThenBy(t => t.DueAt).ThenBy(t => t.Id),
            (TicketSort.Priority, true) => tickets.OrderBy(t => t.Priority == TicketPriority.Urgent ? 3
                : t.Priority == TicketPriority.High ? 2 : t.Priority == TicketPriority.Normal ? 1 : 0)
                .ThenBy(t => t.DueAt).ThenBy(t => t.Id),
            (_, true) => tickets.OrderByDescending(t => t.DueAt).ThenByDescending(t => t.Id),
            _ => tickets.OrderBy(t => t.DueAt).ThenBy(t => t.Id),
        };
        var size = Math.Clamp(q.PageSize, 1, MaxPageSize);
        var rows = await Rows(db, tickets.Skip(Math.Max(0, q.Page) * size).Take(size)).ToListAsync(ct);
        return new Paged<TicketRow>(await WithAssigneeNamesAsync(rows, ct), total);
    }

    /// <summary>A customer's tickets for the 360 page: every open one (soonest due first), then the latest closed ones.</summary>
    public async Task<IReadOnlyList<TicketRow>> ForCustomerAsync(Guid customerId, int closedToShow = 10,
        CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var mine = db.Tickets.AsNoTracking().Where(t => t.CustomerId == customerId);
        var open = await Rows(db, mine.Where(t => t.Status == TicketStatus.Open || t.Status == TicketStatus.Pending)
            .OrderBy(t => t.DueAt).Take(MaxPageSize)).ToListAsync(ct);
        var closed = await Rows(db, mine.Where(t => t.Status == TicketStatus.Solved || t.Status == TicketStatus.Closed)
            .OrderByDescending(t => t.UpdatedAt).Take(Math.Clamp(closedToShow, 0, MaxPageSize))).ToListAsync(ct);
        return await WithAssigneeNamesAsync([.. open, .. closed], ct);
    }

    public async Task<TicketDetail?> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await (from t in db.Tickets.AsNoTracking()
                      join c in db.Customers on t.CustomerId equals c.Id
                      where t.Id == id
                      select new TicketDetail(t.Id, t.Subject, t.Description, t.Type, t.Priority, t.Status, t.CustomerId,
                          c.Name, t.AssigneeId, t.CreatedAt, t.UpdatedAt, t.DueAt, t.SolvedAt, t.ConversationId))
            .SingleOrDefaultAsync(ct);
    }

    internal static IQueryable<Ticket> Filter(IQueryable<Ticket> tickets, TicketFilter filter, string? currentUserId,
        DateTimeOffset now)
    {
        tickets = filter.Status switch
        {
            TicketStatusFilter.Active => tickets.Where(t => t.Status == TicketStatus.Open || t.Status == TicketStatus.Pending),
            TicketStatusFilter.Open => tickets.Where(t => t.Status == TicketStatus.Open),
            TicketStatusFilter.Pending => tickets.Where(t => t.Status == TicketStatus.Pending),
            TicketStatusFilter.Solved => tickets.Where(t => t.Status == TicketStatus.Solved),
            TicketStatusFilter.Closed => tickets.Where(t => t.Status == TicketStatus.Closed),
            _ => tickets,
        };
        if (filter.Priority is { } priority) tickets = tickets.Where(t => t.Priority == priority);
        if (filter.Type is { } type) tickets = tickets.Where(t => t.Type == type);
        if (filter.CustomerId is { } customer) tickets = tickets.Where(t => t.CustomerId == customer);
        var assignee = filter.Assignee == TicketFilter.Mine ? currentUserId ?? "" : filter.Assignee;
        if (assignee == TicketFilter.Unassigned) tickets = tickets.Where(t => t.AssigneeId == null);
        else if (assignee is not null) tickets = tickets.Where(t => t.AssigneeId == assignee);
        if (filter.BreachedOnly)
            tickets = tickets.Where(t => ((t.Status == TicketStatus.Open || t.Status == TicketStatus.Pending) && t.DueAt < now)
                || (t.SolvedAt != null && t.SolvedAt > t.DueAt));
        return tickets;
    }

    private static IQueryable<TicketRow> Rows(CrmDbContext db, IQueryable<Ticket> tickets) =>
        from t in tickets
        join c in db.Customers on t.CustomerId equals c.Id
        select new TicketRow(t.Id, t.Subject, t.Type, t.Priority, t.Status, t.CustomerId, c.Name, t.AssigneeId,
            t.CreatedAt, t.DueAt, t.SolvedAt);

    private async Task<IReadOnlyList<TicketRow>> WithAssigneeNamesAsync(List<TicketRow> rows, CancellationToken ct)
    {
        if (rows.All(r => r.AssigneeId is null)) return rows;
        var names = (await staff.AllAsync(ct)).ToDictionary(s => s.Id, s => s.DisplayName);
        return rows.Select(r => r.AssigneeId is { } id && names.TryGetValue(id, out var name) ? r with { AssigneeName = name } : r)
            .ToList();
    }
}
