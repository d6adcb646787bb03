using System.Collections.Concurrent;
using CrmLive.Domain.Common;
using CrmLive.Domain.Customers;
using CrmLive.Domain.Live;
using CrmLive.Domain.Tickets;
using CrmLive.Infrastructure.Identity;
using CrmLive.Infrastructure.Persistence;
using CrmLive.Infrastructure.Tickets;
using CrmLive.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CrmLive.Tests.Tickets;

/// <summary>Tickets against the real database: SLA from the stored policy, timeline, live events, list filters.</summary>
[Trait("Database", "Any")]
public class TicketServiceTests(CrmLiveAppFactory app) : IClassFixture<CrmLiveAppFactory>
{
    private TicketService Tickets => app.Service<TicketService>();
    private TicketQueries Queries => app.Service<TicketQueries>();

    private async Task<Guid> NewCustomerAsync()
    {
        await using var db = await app.Service<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync();
        var unique = Guid.NewGuid().ToString("N")[..8];
        var customer = new Customer($"Ticket Holder {unique}", $"th{unique}@x.example", null, null, DateTimeOffset.UtcNow);
        db.Customers.Add(customer);
        await db.SaveChangesAsync();
        return customer.Id;
    }

    /// <summary>A ticket opened long ago, straight into the database, so its SLA has run out.</summary>
    private async Task<Guid> OldTicketAsync(Guid customerId, string subject, TimeSpan age, TicketStatus status = TicketStatus.Open,
        TimeSpan? solvedAfter = null)
    {
        await using var db = await app.Service<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync();
        var created = DateTimeOffset.UtcNow - age;
        var ticket = new Ticket(customerId, subject, TicketType.Request, TicketPriority.Urgent, created);
        if (status != TicketStatus.Open) ticket.SetStatus(status, created + (solvedAfter ?? TimeSpan.FromHours(1)));
        db.Tickets.Add(ticket);
        await db.SaveChangesAsync();
        return ticket.Id;
    }

    private async Task<IReadOnlyList<TicketRow>> ListAsync(TicketFilter filter, string? me = null) =>
        (await Queries.ListAsync(new TicketListQuery(filter, PageSize: 200, CurrentUserId: me))).Items;

    [Fact]
    public async Task Create_TimesTheTicketByTheStoredPolicy_AndPutsItOnTheTimeline()
    {
        await app.Service<SlaSettingsStore>().UpdateAsync(1.5, 8, 24, 72, "", "UTC");
        var customer = await NewCustomerAsync();

        var id = await Tickets.CreateAsync(new NewTicket(customer, "  Broken zipper  ", TicketType.Complaint,
            TicketPriority.Urgent, "It **broke**."));

        var ticket = await Queries.GetAsync(id);
        Assert.NotNull(ticket);
        Assert.Equal("Broken zipper", ticket.Subject);
        Assert.Equal(TimeSpan.FromHours(1.5), ticket.DueAt - ticket.CreatedAt);
        Assert.Equal(TicketStatus.Open, ticket.Status);
        await using var db = await app.Service<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync();
        var entry = await db.Timeline.SingleAsync(t => t.CustomerId == customer && t.SubjectId == id);
        Assert.Equal(TimelineKind.Ticket, entry.Kind);
        Assert.Equal("Ticket opened: Broken zipper", entry.Title);
    }

    [Fact]
    public async Task Create_RejectsUnknownCustomerAssigneeAndBlankSubject()
    {
        var customer = await NewCustomerAsync();

        await Assert.ThrowsAsync<DomainException>(() => Tickets.CreateAsync(new NewTicket(Guid.NewGuid(), "x",
            TicketType.Request, TicketPriority.Low)));
        await Assert.ThrowsAsync<DomainException>(() => Tickets.CreateAsync(new NewTicket(customer, "x",
            TicketType.Request, TicketPriority.Low, AssigneeId: "nobody")));
        var blank = await Assert.ThrowsAsync<DomainException>(() => Tickets.CreateAsync(new NewTicket(customer, " ",
            TicketType.Request, TicketPriority.Low)));
        Assert.Equal("Subject is required.", blank.Message);
    }

    [Fact]
    public async Task StatusChanges_LandOnTheTimeline_AndAreAnnouncedLive()
    {
        var customer = await NewCustomerAsync();
        var id = await Tickets.CreateAsync(new NewTicket(customer, "Refund please", TicketType.Request, TicketPriority.High));
        var seen = new ConcurrentQueue<TicketChanged>();
        using var _ = app.Service<ILiveEventBus>().Subscribe<TicketChanged>(e =>
        {
            if (e.TicketId == id) seen.Enqueue(e);
            return Task.CompletedTask;
        });

        await Tickets.SetStatusAsync(id, TicketStatus.Pending);
        await Tickets.SetStatusAsync(id, TicketStatus.Solved);
        await Tickets.SetStatusAsync(id, TicketStatus.Solved); // no change, no entry
        await Tickets.SetStatusAsync(id, TicketStatus.Open);

        await using var db = await app.Service<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync();
        var titles = (await db.Timeline.Where(t => t.CustomerId == customer && t.SubjectId == id)
            .OrderBy(t => t.Id).Select(t => t.Title).ToListAsync());
        Assert.Equal(["Ticket opened: Refund please", "Ticket pending: Refund please",
            "Ticket solved: Refund please", "Ticket reopened: Refund please"], titles);
        await Eventually.TrueAsync(() => Task.FromResult(seen.Count >= 3), "three TicketChanged events");
        Assert.Equal([TicketStatus.Pending, TicketStatus.Solved], seen.Take(2).Select(e => e.Status));
        Assert.All(seen, e => Assert.Equal(customer, e.CustomerId));
    }

    [Fact]
    public async Task PriorityAndAssignee_ChangeDueTimeAndOwner()
    {
        await app.Service<SlaSettingsStore>().UpdateAsync(2, 8, 24, 72, "", "UTC");
        var me = (await app.Service<StaffDirectory>().AllAsync())[0];
        var customer = await NewCustomerAsync();
        var id = await Tickets.CreateAsync(new NewTicket(customer, "Slow site", TicketType.Feedback, TicketPriority.Low));

        await Tickets.SetPriorityAsync(id, TicketPriority.Urgent);
        await Tickets.AssignAsync(id, me.Id);
        await Tickets.EditAsync(id, "Very slow site", "Since *Monday*", TicketType.Complaint);

        var ticket = (await Queries.GetAsync(id))!;
        Assert.Equal(TimeSpan.FromHours(2), ticket.DueAt - ticket.CreatedAt);
        Assert.Equal(me.Id, ticket.AssigneeId);
        Assert.Equal(("Very slow site", "Since *Monday*", TicketType.Complaint), (ticket.Subject, ticket.Description, ticket.Type));
        await Assert.ThrowsAsync<DomainException>(() => Tickets.AssignAsync(id, "someone-else"));
        await Assert.ThrowsAsync<DomainException>(() => Tickets.SetStatusAsync(Guid.NewGuid(), TicketStatus.Closed));
    }

    [Fact]
    public async Task List_FiltersByStatusPriorityAssigneeAndBreach()
    {
        var me = (await app.Service<StaffDirectory>().AllAsync())[0];
        var customer = await NewCustomerAsync();
        var fresh = await Tickets.CreateAsync(new NewTicket(customer, "Fresh", TicketType.Request, TicketPriority.Normal,
            AssigneeId: me.Id));
        var pending = await Tickets.CreateAsync(new NewTicket(customer, "Pending", TicketType.Complaint, TicketPriority.Low));
        await Tickets.SetStatusAsync(pending, TicketStatus.Pending);
        var overdue = await OldTicketAsync(customer, "Overdue", TimeSpan.FromDays(2));
        var solvedLate = await OldTicketAsync(customer, "Solved late", TimeSpan.FromDays(3), TicketStatus.Solved, TimeSpan.FromHours(9));
        var solvedInTime = await OldTicketAsync(customer, "Solved in time", TimeSpan.FromDays(3), TicketStatus.Solved);
        var mine = new TicketFilter { CustomerId = customer };

        Assert.Equal([overdue, fresh, pending], (await ListAsync(mine)).Select(r => r.Id)); // active, soonest due first
        Assert.Equal(5, (await ListAsync(mine with { Status = TicketStatusFilter.Any })).Count);
        Assert.Equal([pending], (await ListAsync(mine with { Status = TicketStatusFilter.Pending })).Select(r => r.Id));
        Assert.Equal([overdue], (await ListAsync(mine with { BreachedOnly = true })).Select(r => r.Id));
        Assert.Equal(new[] { overdue, solvedLate }.Order(),
            (await ListAsync(mine with { BreachedOnly = true, Status = TicketStatusFilter.Any })).Select(r => r.Id).Order());
        Assert.Equal(new[] { solvedInTime, solvedLate }.Order(),
            (await ListAsync(mine with { Status = TicketStatusFilter.Solved })).Select(r => r.Id).Order());
        Assert.Equal([fresh], (await ListAsync(mine with { Priority = TicketPriority.Normal })).Select(r => r.Id));
        Assert.Equal([pending], (await ListAsync(mine with { Type = TicketType.Complaint })).Select(r => r.Id));
        Assert.Equal([fresh], (await ListAsync(mine with { Assignee = TicketFilter.Mine }, me.Id)).Select(r => r.Id));
        Assert.Equal([fresh], (await ListAsync(mine with { Assignee = me.Id })).Select(r => r.Id));
        Assert.Empty(await ListAsync(mine with { Assignee = TicketFilter.Mine })); // nobody signed in owns nothing
        Assert.Equal([overdue, pending], (await ListAsync(mine with { Assignee = TicketFilter.Unassigned })).Select(r => r.Id));

        var row = (await ListAsync(mine)).First(r => r.Id == fresh);
        Assert.Equal(me.DisplayName, row.AssigneeName);
        Assert.StartsWith("Ticket Holder", row.CustomerName);
        Assert.True((await ListAsync(mine)).Single(r => r.Id == overdue).Sla(DateTimeOffset.UtcNow).Breached);
    }

    [Fact]
    public async Task List_PagesWithoutOverlap_AndSortsByPriorityOrCreation()
    {
        var customer = await NewCustomerAsync();
        var priorities = new[] { TicketPriority.Low, TicketPriority.Urgent, TicketPriority.Normal, TicketPriority.High, TicketPriority.Normal };
        var ids = new List<Guid>();
        foreach (var (priority, i) in priorities.Select((p, i) => (p, i)))
            ids.Add(await Tickets.CreateAsync(new NewTicket(customer, $"T{i}", TicketType.Request, priority)));
        var filter = new TicketFilter { CustomerId = customer };

        var pages = new List<IReadOnlyList<TicketRow>>();
        for (var page = 0; page < 3; page++)
        {
            var result = await Queries.ListAsync(new TicketListQuery(filter, TicketSort.Priority, Page: page, PageSize: 2));
            Assert.Equal(5, result.TotalCount);
            pages.Add(result.Items);
        }

        Assert.Equal([2, 2, 1], pages.Select(p => p.Count));
        var all = pages.SelectMany(p => p).ToList();
        Assert.Equal(5, all.Select(r => r.Id).Distinct().Count());
        Assert.Equal([TicketPriority.Urgent, TicketPriority.High, TicketPriority.Normal, TicketPriority.Normal, TicketPriority.Low],
            all.Select(r => r.Priority));
        var newestFirst = await Queries.ListAsync(new TicketListQuery(filter, TicketSort.CreatedAt, Descending: true));
        Assert.Equal(ids[^1], newestFirst.Items[0].Id);
    }

    [Fact]
    public async Task ForCustomer_ListsOpenTicketsFirstBySoonestDue()
    {
        var customer = await NewCustomerAsync();
        var closed = await OldTicketAsync(customer, "Done", TimeSpan.FromHours(1), TicketStatus.Closed);
        var low = await Tickets.CreateAsync(new NewTicket(customer, "Low", TicketType.Request, TicketPriority.Low));
        var urgent = await Tickets.CreateAsync(new NewTicket(customer, "Urgent", TicketType.Request, TicketPriority.Urgent));

        var rows = await Queries.ForCustomerAsync(customer);

        Assert.Equal([urgent, low, closed], rows.Select(r => r.Id));
    }
}
