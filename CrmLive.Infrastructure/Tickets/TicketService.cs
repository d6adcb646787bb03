using System.Linq.Expressions;
using CrmLive.Domain.Common;
using CrmLive.Domain.Customers;
using CrmLive.Domain.Live;
using CrmLive.Domain.Tickets;
using CrmLive.Infrastructure.Identity;
using CrmLive.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CrmLive.Infrastructure.Tickets;

/// <summary>
/// Opens and changes tickets. Due times come from the stored SLA policy; openings and status changes land on the
/// customer's timeline; every change is announced live so open lists, ticket pages and 360 pages refresh.
/// A <see cref="DomainException"/> carries a message safe to show.
/// </summary>
public sealed class TicketService(IDbContextFactory<CrmDbContext> dbFactory, SlaSettingsStore sla, StaffDirectory staff,
    ILiveEventBus bus, TimeProvider clock)
{
    public async Task<Guid> CreateAsync(NewTicket input, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Customers.AnyAsync(c => c.Id == input.CustomerId, ct))
            throw new DomainException("That customer no longer exists.");
        await EnsureStaffAsync(input.AssigneeId, ct);
        var now = clock.GetUtcNow();
        var ticket = new Ticket(input.CustomerId, input.Subject, input.Type, input.Priority, now, input.ConversationId,
            input.Description, input.AssigneeId, await sla.PolicyAsync(ct));
        db.Tickets.Add(ticket);
        var origin = input.ConversationId is null ? "" : ", from a chat";
        db.Timeline.Add(new TimelineEntry(ticket.CustomerId, now, TimelineKind.Ticket, $"Ticket opened: {ticket.Subject}",
            $"{ticket.Type} · {ticket.Priority} priority{origin}", ticket.Id));
        await db.SaveChangesAsync(ct);
        await AnnounceAsync(ticket, ct);
        return ticket.Id;
    }

    public Task EditAsync(Guid id, string subject, string? description, TicketType type, CancellationToken ct = default) =>
        ChangeAsync(id, (t, now) => { t.Edit(subject, description, type, now); return Task.FromResult<TimelineEntry?>(null); }, ct);

    public Task SetStatusAsync(Guid id, TicketStatus status, CancellationToken ct = default) =>
        ChangeAsync(id, (t, now) => Task.FromResult(StatusChange(t, status, now)), ct);

    /// <summary>A new priority re-times the ticket by the policy stored now, counted from when it was opened.</summary>
    public Task SetPriorityAsync(Guid id, TicketPriority priority, CancellationToken ct = default) =>
        ChangeAsync(id, async (t, now) =>
        {
            t.Reprioritize(priority, await sla.PolicyAsync(ct), now);
            return null;
        }, ct);

    public Task AssignAsync(Guid id, string? assigneeId, CancellationToken ct = default) =>
        ChangeAsync(id, async (t, now) =>
        {
            await EnsureStaffAsync(assigneeId, ct);
            t.AssignTo(assigneeId, now);
            return null;
        }, ct);

    /// <summary>
    /// One chunk of a bulk status change (see <see cref="TicketBulkActions"/>): the same rules, timeline entries and
    /// live events as <see cref="SetStatusAsync"/>, saved together. Tickets already in that status are left alone.
    /// </summary>
    internal Task SetStatusManyAsync(IReadOnlyList<Guid> ids, TicketStatus status, CancellationToken ct) =>
        ChangeManyAsync(ids, t => t.Status != status, (t, now) => StatusChange(t, status, now), ct);

    /// <summary>One chunk of a bulk (un)assignment; the caller has checked the person is on the team.</summary>
    internal Task AssignManyAsync(IReadOnlyList<Guid> ids, string? assigneeId, CancellationToken ct) =>
        ChangeManyAsync(ids, t => t.AssigneeId != assigneeId, (t, now) =>
        {
            t.AssignTo(assigneeId, now);
            return null;
        }, ct);

    /// <summary>Sets a status and returns the timeline entry saying so (none when nothing changes).</summary>
    private static TimelineEntry? StatusChange(Ticket t, TicketStatus status, DateTimeOffset now)
    {
        var before = t.Status;
        t.SetStatus(status, now);
        if (before == status) return null;
        var wasClosed = before is TicketStatus.Solved or TicketStatus.Closed;
        var title = status switch
        {
            TicketStatus.Open => wasClosed ? "Ticket reopened" : "Ticket open again",
            TicketStatus.Pending => "Ticket pending",
            TicketStatus.Solved => "Ticket solved",
            _ => "Ticket closed",
        };
        var detail = t.IsOpen || wasClosed ? $"{before} → {status}"
            : t.IsBreached(now) ? "After its SLA due time" : "Within its SLA";
        return new TimelineEntry(t.CustomerId, now, TimelineKind.Ticket, $"{title}: {t.Subject}", detail, t.Id);
    }

    private async Task ChangeManyAsync(IReadOnlyList<Guid> ids, Expression<Func<Ticket, bool>> needsChange,
        Func<Ticket, DateTimeOffset, TimelineEntry?> change, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var tickets = await db.Tickets.Where(t => ids.Contains(t.Id)).Where(needsChange).ToListAsync(ct);
        var now = clock.GetUtcNow();
        foreach (var ticket in tickets)
        {
            if (change(ticket, now) is { } entry) db.Timeline.Add(entry);
        }
        // One SaveChanges is one transaction: the chunk's tickets and timeline entries land together or not at all.
        await db.SaveChangesAsync(ct);
        // Saved is saved: announce even if the person pressed Stop meanwhile, or open pages would show stale rows.
        foreach (var ticket in tickets) await AnnounceAsync(ticket, CancellationToken.None);
    }

    private async Task ChangeAsync(Guid id, Func<Ticket, DateTimeOffset, Task<TimelineEntry?>> change, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ticket = await db.Tickets.SingleOrDefaultAsync(t => t.Id == id, ct)
            ?? throw new DomainException("This ticket no longer exists.");
        var entry = await change(ticket, clock.GetUtcNow());
        if (entry is not null) db.Timeline.Add(entry);
        await db.SaveChangesAsync(ct);
        await AnnounceAsync(ticket, ct);
    }

    private async Task EnsureStaffAsync(string? assigneeId, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(assigneeId) && await staff.NameOfAsync(assigneeId, ct) is null)
            throw new DomainException("That person is not on the team.");
    }

    private async Task AnnounceAsync(Ticket ticket, CancellationToken ct)
    {
        await bus.PublishAsync(new TicketChanged(ticket.Id, ticket.CustomerId, ticket.Status, ticket.AssigneeId), ct);
        await bus.PublishAsync(new CustomerChanged(ticket.CustomerId, "ticket"), ct);
    }
}
