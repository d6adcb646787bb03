using System.Collections.Concurrent;
using CrmLive.Domain.Common;
using CrmLive.Domain.Customers;
using CrmLive.Domain.Live;
using CrmLive.Domain.Tickets;
using CrmLive.Infrastructure.Identity;
using CrmLive.Infrastructure.Lists;
using CrmLive.Infrastructure.Persistence;
using CrmLive.Infrastructure.Tickets;
using CrmLive.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CrmLive.Tests.Lists;

/// <summary>Ticket bulk actions against the real database: exactly the scope changes, with timeline entries and live events.</summary>
[Trait("Database", "Any")]
public class TicketBulkTests(CrmLiveAppFactory app) : IClassFixture<CrmLiveAppFactory>
{
    private TicketBulkActions Bulk => app.Service<TicketBulkActions>();

    /// <summary>A fresh customer with <paramref name="count"/> open tickets, so a filter on the customer is an exact scope.</summary>
    private async Task<(Guid Customer, List<Guid> Tickets)> CustomerWithTicketsAsync(int count)
    {
        await using var db = await app.Service<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync();
        var unique = Guid.NewGuid().ToString("N")[..8];
        var customer = new Customer($"Bulk Ticket Holder {unique}", $"bt{unique}@x.example", null, null, DateTimeOffset.UtcNow);
        db.Customers.Add(customer);
        await db.SaveChangesAsync();
        var tickets = new List<Guid>();
        for (var i = 0; i < count; i++)
            tickets.Add(await app.Service<TicketService>().CreateAsync(new NewTicket(customer.Id, $"Parcel {i} {unique}",
                TicketType.Request, TicketPriority.Normal)));
        return (customer.Id, tickets);
    }

    private async Task<Dictionary<Guid, Ticket>> LoadAsync(IEnumerable<Guid> ids)
    {
        var list = ids.ToList();
        await using var db = await app.Service<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync();
        return await db.Tickets.AsNoTracking().Where(t => list.Contains(t.Id)).ToDictionaryAsync(t => t.Id);
    }

    [Fact]
    public async Task CloseEveryMatch_ClosesExactlyTheFilteredTickets_WithTimelineEntriesAndLiveEvents()
    {
        var (customer, tickets) = await CustomerWithTicketsAsync(3);
        var (_, others) = await CustomerWithTicketsAsync(1);
        await app.Service<TicketService>().SetStatusAsync(tickets[2], TicketStatus.Solved); // outside "open & pending"
        var events = new ConcurrentBag<TicketChanged>();
        using var _ = app.Service<ILiveEventBus>().Subscribe<TicketChanged>(e => { events.Add(e); return Task.CompletedTask; });
        var reports = new List<BulkProgress>();

        var done = await Bulk.RunAsync(new TicketBulkAction(TicketBulkKind.SetStatus, Status: TicketStatus.Closed), null,
            new TicketListQuery(new TicketFilter { CustomerId = customer }), new SyncProgress<BulkProgress>(reports.Add));

        Assert.Equal(2, done);
        Assert.Equal(new BulkProgress(2, 2), reports[^1]);
        var after = await LoadAsync([.. tickets, .. others]);
        Assert.All(tickets.Take(2), id => Assert.Equal(TicketStatus.Closed, after[id].Status));
        Assert.All(tickets.Take(2), id => Assert.NotNull(after[id].SolvedAt));
        Assert.Equal(TicketStatus.Solved, after[tickets[2]].Status);
        Assert.Equal(TicketStatus.Open, after[others[0]].Status);

        await using var db = await app.Service<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync();
        var closedEntries = await db.Timeline.Where(t => t.CustomerId == customer && t.Title.StartsWith("Ticket closed")).CountAsync();
        Assert.Equal(2, closedEntries);
        await Eventually.TrueAsync(() => Task.FromResult(tickets.Take(2).All(id =>
            events.Any(e => e.TicketId == id && e.Status == TicketStatus.Closed))), "each closed ticket is announced");
        Assert.DoesNotContain(events, e => e.TicketId == tickets[2] || e.TicketId == others[0]);
    }

    [Fact]
    public async Task AssignASelection_ThenUnassignByFilter_AndAnUnknownPersonIsRefused()
    {
        var (customer, tickets) = await CustomerWithTicketsAsync(3);
        var person = (await app.Service<StaffDirectory>().AllAsync())[0];
        var reports = new List<BulkProgress>();

        await Bulk.RunAsync(new TicketBulkAction(TicketBulkKind.Assign, AssigneeId: person.Id), [tickets[0], tickets[1]], null,
            new SyncProgress<BulkProgress>(reports.Add));

        Assert.Equal(new BulkProgress(2, 2), reports[^1]);
        var after = await LoadAsync(tickets);
        Assert.Equal(person.Id, after[tickets[0]].AssigneeId);
        Assert.Equal(person.Id, after[tickets[1]].AssigneeId);
        Assert.Null(after[tickets[2]].AssigneeId);

        // "Mine" resolves to whoever runs it: unassign this customer's tickets that are theirs.
        await Bulk.RunAsync(new TicketBulkAction(TicketBulkKind.Assign, AssigneeId: null), null,
            new TicketListQuery(new TicketFilter { CustomerId = customer, Assignee = TicketFilter.Mine }, CurrentUserId: person.Id), null);
        Assert.All((await LoadAsync(tickets)).Values, t => Assert.Null(t.AssigneeId));

        var refused = await Assert.ThrowsAsync<DomainException>(() =>
            Bulk.RunAsync(new TicketBulkAction(TicketBulkKind.Assign, AssigneeId: "no-such-person"), tickets, null, null));
        Assert.Contains("not on the team", refused.Message);
        await Assert.ThrowsAsync<DomainException>(() => Bulk.RunAsync(new TicketBulkAction(TicketBulkKind.SetStatus), tickets, null, null));
        Assert.All((await LoadAsync(tickets)).Values, t => Assert.Equal(TicketStatus.Open, t.Status));
    }
}
