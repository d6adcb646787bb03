using System.IO.Compression;
using System.Net;
using CrmLive.Domain.Audit;
using CrmLive.Domain.Common;
using CrmLive.Infrastructure.Customers;
using CrmLive.Infrastructure.Customers.Gdpr;
using CrmLive.Infrastructure.Persistence;
using CrmLive.Tests.Support;
using CrmLive.Web.Customers;
using Microsoft.EntityFrameworkCore;

namespace CrmLive.Tests.Customers;

/// <summary>GDPR export and erasure of one customer, through the real app and database.</summary>
[Trait("Database", "Any")]
public class GdprTests(CrmLiveAppFactory app) : IClassFixture<CrmLiveAppFactory>
{
    private static readonly AuditActor Admin = new("u-admin", "Admin Ada", "127.0.0.1");

    [Fact]
    public async Task Export_HoldsEveryKindOfRecord_ForManagersOnly_AndIsAudited()
    {
        var u = Guid.NewGuid().ToString("N")[..6];
        var customer = await MergeTestData.NewCustomerAsync(app, $"Export Me {u}", $"export{u}@x.example", "+44 20 7946 0001",
            otherEmails: [$"alt{u}@x.example"]);
        var records = await MergeTestData.OneOfEachAsync(app, customer);
        var manager = await app.SignInAsync("manager@crmlive.demo");
        var agent = await app.SignInAsync("agent1@crmlive.demo");

        Assert.NotEqual(HttpStatusCode.OK, (await agent.GetAsync(CustomerPrivacyEndpoints.ExportRoute(customer.Id))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync(CustomerPrivacyEndpoints.ExportRoute(Guid.NewGuid()))).StatusCode);
        var response = await manager.GetAsync(CustomerPrivacyEndpoints.ExportRoute(customer.Id));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType!.MediaType);
        using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync(), ZipArchiveMode.Read);
        string Read(string name)
        {
            using var reader = new StreamReader(zip.GetEntry(name)!.Open());
            return reader.ReadToEnd();
        }
        foreach (var file in CustomerDataExporter.Files) Assert.NotNull(zip.GetEntry(file));
        Assert.Contains($"alt{u}@x.example", Read("profile.json"));
        Assert.Contains("+44 20 7946 0001", Read("profile.json"));
        Assert.Contains($"44 Export Me {u}", Read("custom-fields.json"));
        Assert.Contains(records.Tag, Read("tags.json"));
        Assert.Contains($"ORD-{records.Marker}", Read("orders.json"));
        Assert.Contains("my passport", Read("conversations.json"));
        Assert.Contains($"export{u}@x.example", Read("chat-visitors.json"));
        Assert.Contains("prefers calls", Read("notes.json"));
        Assert.Contains($"Refund for Export Me {u}", Read("tickets.json"));
        Assert.Contains($"Team plan for Export Me {u}", Read("deals.json"));
        Assert.Contains($"Order ORD-{records.Marker}", Read("timeline.json"));
        Assert.Contains($"Great help for Export Me {u}", Read("csat.json"));
        var attachment = Assert.Single(zip.Entries, e => e.FullName.StartsWith("attachments/"));
        Assert.Equal(4, attachment.Length);

        await using var db = await app.Service<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync();
        Assert.True(await db.AuditLog.AnyAsync(e => e.Action == AuditActions.CustomerDataExported
            && e.Target.Contains(customer.Id.ToString()) && e.ActorName != "Anonymous"));
    }

    [Fact]
    public async Task Erase_LeavesNoPersonalFieldAnywhere_KeepsAggregates_AndIsAudited()
    {
        var u = Guid.NewGuid().ToString("N")[..6];
        var name = $"Quentin Zarathustra {u}";
        var email = $"qz{u}@private.example";
        var other = $"q.other{u}@private.example";
        const string phone = "+33 6 12 34 56 78";
        var customer = await MergeTestData.NewCustomerAsync(app, name, email, phone, otherEmails: [other]);
        var records = await MergeTestData.OneOfEachAsync(app, customer);
        await app.Service<CustomerDataExporter>().WriteAsync(customer.Id, Stream.Null, Admin);
        var eraser = app.Service<CustomerEraser>();

        await Assert.ThrowsAsync<DomainException>(() => eraser.EraseAsync(customer.Id, "erase it", Admin));
        var report = await eraser.EraseAsync(customer.Id, "ERASE", Admin);
        Assert.Equal(1, report.Attachments);

        await using var db = await app.Service<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync();
        var erased = await db.Customers.SingleAsync(c => c.Id == customer.Id);
        Assert.Equal("Erased customer", erased.Name);
        Assert.Null(erased.Email);
        Assert.Null(erased.Phone);
        Assert.Empty(erased.OtherEmails);
        Assert.True(erased.Address.IsEmpty);
        Assert.Null(erased.ExternalId);

        // Search by any of the old identifiers finds nothing.
        var queries = app.Service<CustomerQueries>();
        foreach (var term in new[] { name, email, other, phone, "33612345678", $"zarathustra {u}" })
            Assert.DoesNotContain((await queries.ListAsync(new CustomerListQuery(term, PageSize: 50))).Items, r => r.Id == customer.Id);

        // No table that holds free text still holds any of it.
        foreach (var secret in new[] { name, email, other, phone, "Quentin", "Zarathustra" })
        {
            Assert.False(await db.Customers.AnyAsync(c => c.Id == customer.Id && c.SearchText.Contains(secret.ToLower())), secret);
            Assert.False(await db.Messages.AnyAsync(m => m.Text.Contains(secret) || (m.AuthorName != null && m.AuthorName.Contains(secret))), secret);
            Assert.False(await db.Conversations.AnyAsync(c => (c.LastMessagePreview != null && c.LastMessagePreview.Contains(secret))
                || (c.CsatComment != null && c.CsatComment.Contains(secret))), secret);
            Assert.False(await db.BotDecisions.AnyAsync(d => d.Text.Contains(secret)), secret);
            Assert.False(await db.Visitors.AnyAsync(v => (v.Name != null && v.Name.Contains(secret)) || (v.Email != null && v.Email.Contains(secret))), secret);
            Assert.False(await db.Notes.AnyAsync(n => n.Body.Contains(secret)), secret);
            Assert.False(await db.Tickets.AnyAsync(t => t.Subject.Contains(secret) || (t.Description != null && t.Description.Contains(secret))), secret);
            Assert.False(await db.Deals.AnyAsync(d => d.Title.Contains(secret)), secret);
            Assert.False(await db.Timeline.AnyAsync(t => t.Title.Contains(secret) || (t.Detail != null && t.Detail.Contains(secret))), secret);
            Assert.False(await db.CustomAttributeValues.AnyAsync(v => v.Text != null && v.Text.Contains(secret)), secret);
            Assert.False(await db.AuditLog.AnyAsync(e => e.Target.Contains(secret) || (e.Detail != null && e.Detail.Contains(secret))), secret);
        }
        Assert.False(await db.Attachments.AnyAsync(a => a.Id == records.AttachmentId));
        Assert.False(await db.AttachmentContents.AnyAsync(a => a.AttachmentId == records.AttachmentId));
        Assert.False(await db.RecordTags.AnyAsync(t => t.RecordId == customer.Id));
        Assert.False(await db.CustomAttributeValues.AnyAsync(v => v.RecordId == customer.Id));

        // Aggregates stay: the order with its amount and status, the conversation and its score, ticket and deal.
        var order = await db.Orders.SingleAsync(o => o.Id == records.OrderId);
        Assert.Equal((customer.Id, 120.50m), (order.CustomerId, order.Amount));
        Assert.Equal(4, (await db.Conversations.SingleAsync(c => c.Id == records.ConversationId)).CsatScore);
        Assert.Equal(3, await db.Messages.CountAsync(m => m.ConversationId == records.ConversationId));
        Assert.True(await db.Tickets.AnyAsync(t => t.Id == records.TicketId));
        Assert.Equal(900m, (await db.Deals.SingleAsync(d => d.Id == records.DealId)).Amount);
        Assert.True(await db.AuditLog.AnyAsync(e => e.Action == AuditActions.CustomerErased && e.Target.Contains(customer.Id.ToString())));
        await Assert.ThrowsAsync<DomainException>(() => eraser.EraseAsync(customer.Id, "ERASE", Admin));
    }

    [Fact]
    public async Task ErasePage_IsForAdminsOnly()
    {
        var customer = await MergeTestData.NewCustomerAsync(app, "Protected Person", null, null);
        var agent = await app.SignInAsync("agent1@crmlive.demo");
        var manager = await app.SignInAsync("manager@crmlive.demo");
        var admin = await app.SignInAsync("admin@crmlive.demo");

        foreach (var refused in new[] { agent, manager })
        {
            var response = await refused.GetAsync($"/customers/{customer.Id}/erase");
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/account/access-denied", response.Headers.Location!.PathAndQuery, StringComparison.OrdinalIgnoreCase);
        }
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/customers/{customer.Id}/erase")).StatusCode);
    }
}
