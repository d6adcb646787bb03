using CrmLive.Domain.Tickets;
using CrmLive.Infrastructure.Identity;
using CrmLive.Infrastructure.Lists;
using CrmLive.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CrmLive.Infrastructure.Tickets;

public enum TicketBulkKind { Assign, SetStatus }

/// <param name="AssigneeId">For <see cref="TicketBulkKind.Assign"/>: a staff id, or null to unassign.</param>
/// <param name="Status">For <see cref="TicketBulkKind.SetStatus"/>.</param>
public sealed record TicketBulkAction(TicketBulkKind Kind, string? AssigneeId = null, TicketStatus? Status = null);

/// <summary>
/// Assigns or changes the status of many tickets at once: a picked selection, or everything the list's filter
/// matches. Chunks go through <see cref="TicketService"/> so each ticket gets the timeline entry and live event it
/// would get one by one; each chunk is one transaction (see <see cref="ChunkedBulk"/>).
/// </summary>
public sealed class TicketBulkActions(IDbContextFactory<CrmDbContext> dbFactory, TicketService tickets, StaffDirectory staff,
    TimeProvider clock, ILogger<TicketBulkActions> log)
{
    /// <param name="everyMatch">The list's query; its <see cref="TicketListQuery.CurrentUserId"/> resolves "mine".</param>
    public async Task<int> RunAsync(TicketBulkAction action, IReadOnlyCollection<Guid>? selection, TicketListQuery? everyMatch,
        IProgress<BulkProgress>? progress, CancellationToken ct = default)
    {
        Func<IReadOnlyList<Guid>, CancellationToken, Task> apply;
        string what;
        if (action.Kind == TicketBulkKind.Assign)
        {
            var assignee = await RecordBulk.OwnerAsync(action.AssigneeId, staff, ct);
            apply = (ids, token) => tickets.AssignManyAsync(ids, assignee, token);
            what = assignee is null ? "unassigned" : $"assigned to {assignee}";
        }
        else
        {
            var status = action.Status is { } s && Enum.IsDefined(s)
                ? s
                : throw new Domain.Common.DomainException("Pick the status to set.");
            apply = (ids, token) => tickets.SetStatusManyAsync(ids, status, token);
            what = $"set to {status}";
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = everyMatch ?? new TicketListQuery(new TicketFilter());
        var scope = selection is not null
            ? db.Tickets.Where(t => selection.Contains(t.Id))
            : TicketQueries.Filter(db.Tickets, query.Filter, query.CurrentUserId, clock.GetUtcNow());
        var done = await ChunkedBulk.RunAsync(scope.Select(t => t.Id), apply, progress, ct);
        log.LogInformation("Bulk: {Count} tickets {What}", done, what);
        return done;
    }
}
