using System.Net;
using System.Text;
using CrmLive.Domain.Audit;
using CrmLive.Domain.Customers;
using CrmLive.Domain.Customers.Attributes;
using CrmLive.Infrastructure.Customers;
using CrmLive.Infrastructure.Persistence;
using CrmLive.Tests.Support;
using CrmLive.Web.Lists;
using Microsoft.EntityFrameworkCore;

namespace CrmLive.Tests.Imports;

[Trait("Database", "Any")]
public class CustomerExportTests(CrmLiveAppFactory app) : IClassFixture<CrmLiveAppFactory>
{
    [Fact]
    public async Task Export_FollowsTheListsFilterSortAndColumns_EscapesFormulas_AndIsAudited()
    {
        var unique = Guid.NewGuid().ToString("N")[..6];
        var editor = app.Service<CustomerEditor>();
        var plan = await app.Service<CustomAttributeCatalog>().CreateAsync(AttributeTarget.Customer, $"Tier {unique}",
            AttributeType.Text, null, required: false);
        var a = await editor.CreateAsync($"Alma {unique}", $"alma{unique}@export.example", null, null);
        var b = await editor.CreateAsync($"=HYPERLINK(\"x\") {unique}", $"zed{unique}@export.example", null, null);
        await editor.CreateAsync($"Other {unique}", $"other{unique}@export.example", null, null);
        await app.Service<RecordExtras>().SetTagsAsync(a, ["export-me"]);
        await app.Service<RecordExtras>().SetTagsAsync(b, ["export-me"]);
        await editor.SetAttributeAsync(a, plan.Id, "Gold");

        var output = new MemoryStream();
        var rows = await app.Service<CustomerCsvExport>().WriteAsync(
            new CustomerListQuery(unique, CustomerSort.Name, Descending: true, Filter: new CustomerFilter { Tags = ["export-me"] },
                AttributeColumns: [plan.Id]), output, new AuditActor("u1", "Exporter", "127.0.0.1"));

        Assert.Equal(2, rows);
        var lines = Encoding.UTF8.GetString(output.ToArray()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("Name,E-mail,Phone,Company,Stage", lines[0]);
        Assert.EndsWith($",Tier {unique}", lines[0]);
        Assert.StartsWith($"Alma {unique},alma{unique}@export.example", lines[1]); // name descending: "A" after "="
        Assert.EndsWith(",Gold", lines[1]);
        Assert.True(lines[2].StartsWith("\"'=HYPERLINK") || lines[2].StartsWith("'=HYPERLINK"), lines[2]); // a formula is escaped, not run
        await using var db = await app.Service<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync();
        Assert.True(await db.AuditLog.AnyAsync(e => e.Action == AuditActions.ListExported && e.ActorName == "Exporter" && e.Detail!.StartsWith("2 rows")));
    }

    [Fact]
    public async Task ExportEndpoint_StreamsForManagers_RefusesAgents_AndExplainsADamagedLink()
    {
        var unique = Guid.NewGuid().ToString("N")[..6];
        await app.Service<CustomerEditor>().CreateAsync($"Http {unique}", $"http{unique}@export.example", null, null);
        var link = ExportEndpoints.CustomersLink(new CustomerExportRequest($"http{unique}", null, null));

        var manager = await app.SignInAsync("manager@crmlive.demo");
        var response = await manager.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains($"Http {unique},http{unique}@export.example", await response.Content.ReadAsStringAsync());

        var agent = await app.SignInAsync("agent1@crmlive.demo");
        var refused = await agent.GetAsync(link);
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);

        var damaged = await manager.GetAsync(ExportEndpoints.CustomersRoute + "?v=not-json");
        Assert.Equal(HttpStatusCode.BadRequest, damaged.StatusCode);
        Assert.Contains("damaged", await damaged.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task CompanyExport_FollowsTheCompanyListsSearch()
    {
        var unique = Guid.NewGuid().ToString("N")[..6];
        var editor = app.Service<CrmLive.Infrastructure.Companies.CompanyEditor>();
        await editor.CreateAsync($"Zebra Exports {unique}", null);
        await editor.CreateAsync($"Zebra Exports Two {unique}", null);
        var manager = await app.SignInAsync("manager@crmlive.demo");

        var response = await manager.GetAsync(ExportEndpoints.CompaniesLink(new CrmLive.Infrastructure.Companies.CompanyListQuery("zebra exports")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var lines = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Name,Domain,Industry,Employees", lines[0]);
        Assert.Contains(lines, l => l.StartsWith($"Zebra Exports {unique},"));
        Assert.Contains(lines, l => l.StartsWith($"Zebra Exports Two {unique},"));
    }

    [Fact]
    public async Task TicketExport_TakesMineFromWhoeverDownloads()
    {
        var staff = await app.Service<CrmLive.Infrastructure.Identity.StaffDirectory>().AllAsync();
        var manager = staff.Single(s => s.Email == "manager@crmlive.demo");
        var unique = Guid.NewGuid().ToString("N")[..6];
        var customer = await app.Service<CustomerEditor>().CreateAsync($"Ticketed {unique}", $"t{unique}@export.example", null, null);
        await app.Service<CrmLive.Infrastructure.Tickets.TicketService>().CreateAsync(new CrmLive.Infrastructure.Tickets.NewTicket(
            customer, $"Export me {unique}", CrmLive.Domain.Tickets.TicketType.Request, CrmLive.Domain.Tickets.TicketPriority.High,
            AssigneeId: manager.Id));
        var mine = new CrmLive.Infrastructure.Tickets.TicketFilter
        {
            Assignee = CrmLive.Infrastructure.Tickets.TicketFilter.Mine, Status = CrmLive.Infrastructure.Tickets.TicketStatusFilter.Any,
        };

        var response = await (await app.SignInAsync("manager@crmlive.demo"))
            .GetAsync(ExportEndpoints.TicketsLink(mine, CrmLive.Infrastructure.Tickets.TicketSort.CreatedAt, true));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var lines = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Subject,Type,Priority,Status,Customer,Assignee,Created,Due,SLA,Solved", lines[0]);
        Assert.Contains(lines, l => l.StartsWith($"Export me {unique},Request,High,Open,Ticketed {unique},{manager.DisplayName},"));
        Assert.All(lines.Skip(1), l => Assert.Contains($",{manager.DisplayName},", l));
    }

    [Fact]
    public async Task DealExport_HasEveryDealOfTheBoardsFilter_NotOnlyTheCardsAColumnShows()
    {
        var staff = await app.Service<CrmLive.Infrastructure.Identity.StaffDirectory>().AllAsync();
        var owner = staff.Single(s => s.Email == "agent2@crmlive.demo");
        var unique = Guid.NewGuid().ToString("N")[..6];
        var customer = await app.Service<CustomerEditor>().CreateAsync($"Dealt {unique}", $"d{unique}@export.example", null, null);
        var deals = app.Service<CrmLive.Infrastructure.Deals.DealService>();
        var count = CrmLive.Infrastructure.Deals.DealQueries.CardsPerColumn + 5; // more than a column shows
        for (var i = 0; i < count; i++)
            await deals.CreateAsync(new CrmLive.Infrastructure.Deals.DealInput(customer, $"Deal {unique} {i}", 100 + i, "EUR",
                owner.Id, new DateOnly(2027, 1, 15)));

        var response = await (await app.SignInAsync("manager@crmlive.demo"))
            .GetAsync(ExportEndpoints.DealsLink(new CrmLive.Infrastructure.Deals.DealBoardQuery(owner.Id)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var lines = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Title,Customer,Stage,Amount,Currency,Owner,Expected close,Lost reason", lines[0]);
        Assert.Equal(count, lines.Count(l => l.StartsWith($"Deal {unique} ")));
        Assert.Contains($"Deal {unique} 0,Dealt {unique},Lead,100.00,EUR,{owner.DisplayName},2027-01-15,", lines);
        Assert.All(lines.Skip(1), l => Assert.Contains($",{owner.DisplayName},", l));
    }
}
