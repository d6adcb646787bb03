using CrmLive.Domain.Common;
using CrmLive.Domain.Customers;
using CrmLive.Domain.Customers.Attributes;
using CrmLive.Domain.Lists;
using CrmLive.Domain.Live;
using CrmLive.Infrastructure.Customers;
using CrmLive.Infrastructure.Identity;
using CrmLive.Infrastructure.Lists;
using CrmLive.Infrastructure.Notes;
using CrmLive.Infrastructure.Persistence;
using CrmLive.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CrmLive.Tests.Customers;

/// <summary>The CRM core against the real database: search, filters, edits, notes, saved views, bulk actions.</summary>
[Trait("Database", "Any")]
public class CustomerCoreTests(CrmLiveAppFactory app) : IClassFixture<CrmLiveAppFactory>
{
    private async Task<Customer> NewCustomerAsync(string name, string email, string phone)
    {
        await using var db = await app.Service<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync();
        var customer = new Customer(name, email, phone, null, DateTimeOffset.UtcNow);
        db.Customers.Add(customer);
        await db.SaveChangesAsync();
        return customer;
    }

    [Fact]
    public async Task Search_FindsByPartOfPhoneNameEmail_AndFollowsEdits()
    {
        var unique = Guid.NewGuid().ToString("N")[..6];
        var customer = await NewCustomerAsync($"Zephyrine Q{unique}", $"zq{unique}@shop.example", "+44 (0)20 7946 0958");
        var queries = app.Service<CustomerQueries>();

        async Task<bool> Finds(string term) =>
            (await queries.ListAsync(new CustomerListQuery(term, PageSize: 50))).Items.Any(r => r.Id == customer.Id);

        Assert.True(await Finds("7946 09"));      // part of the phone, as written
        Assert.True(await Finds("0207946"));      // its digits
        Assert.True(await Finds($"q{unique}"));   // inside the name
        Assert.True(await Finds("ZEPHYR"));       // any case
        Assert.True(await Finds($"zq{unique}@sh"));
        Assert.False(await Finds("9999999999"));

        await app.Service<CustomerEditor>().RenameAsync(customer.Id, $"Wilhelmina X{unique}");
        Assert.True(await Finds($"wilhelmina x{unique}"));
        Assert.False(await Finds($"zephyrine q{unique}"));
    }

    [Fact]
    public async Task Search_ShortTermIsANamePrefix_AndWildcardsAreLiteral()
    {
        await NewCustomerAsync("Ωmega Person", "omega@x.example", "+1 555 0100");
        var page = await app.Service<CustomerQueries>().ListAsync(new CustomerListQuery("ωm"));
        Assert.Contains(page.Items, r => r.Name == "Ωmega Person");
        Assert.All(page.Items, r => Assert.StartsWith("ωm", r.Name.ToLowerInvariant()));

        var wild = await app.Service<CustomerQueries>().ListAsync(new CustomerListQuery("%%%"));
        Assert.Empty(wild.Items);
    }

    [Fact]
    public async Task Filters_ByTagStageOwnerAndCustomField_CombineWithAnd()
    {
        var staff = (await app.Service<StaffDirectory>().AllAsync())[0];
        var editor = app.Service<CustomerEditor>();
        var plan = await app.Service<CustomAttributeCatalog>().CreateAsync(AttributeTarget.Customer,
            $"Plan {Guid.NewGuid():N}"[..12], AttributeType.Choice, ["Free", "Pro"], required: false);
        var seats = await app.Service<CustomAttributeCatalog>().CreateAsync(AttributeTarget.Customer,
            $"Seats {Guid.NewGuid():N}"[..13], AttributeType.Number, null, required: false);
        var a = await NewCustomerAsync("Filter Alpha", "fa@x.example", "+1 555 0101");
        var b = await NewCustomerAsync("Filter Beta", "fb@x.example", "+1 555 0102");
        foreach (var c in new[] { a, b })
        {
            await editor.SetTagsAsync(c.Id, ["Filter Test"]);
            await editor.SetStageAsync(c.Id, LifecycleStage.Lead);
            await editor.SetAttributeAsync(c.Id, plan.Id, "pro");
        }
        await editor.SetOwnerAsync(a.Id, staff.Id);
        await editor.SetAttributeAsync(a.Id, seats.Id, "12");
        await editor.SetAttributeAsync(b.Id, seats.Id, "3");

        var filter = new CustomerFilter
        {
            Tags = ["filter-test"], Stage = LifecycleStage.Lead,
            Attributes = [new AttributeCondition(plan.Id, AttributeOperator.Is, "Pro"), new AttributeCondition(seats.Id, AttributeOperator.AtLeast, "10")],
        };
        var page = await app.Service<CustomerQueries>().ListAsync(new CustomerListQuery(null, Filter: filter,
            AttributeColumns: [plan.Id, seats.Id]));
        var row = Assert.Single(page.Items);
        Assert.Equal(a.Id, row.Id);
        Assert.Equal("Pro", row.Attributes[plan.Id]);
        Assert.Equal("12", row.Attributes[seats.Id]);
        Assert.Contains("filter-test", row.Tags);

        var unowned = await app.Service<CustomerQueries>().ListAsync(new CustomerListQuery(null,
            Filter: filter with { Attributes = [], OwnerId = CustomerFilter.NoOwner }));
        Assert.Equal(b.Id, Assert.Single(unowned.Items).Id);

        var bad = await Assert.ThrowsAsync<DomainException>(() => editor.SetAttributeAsync(a.Id, seats.Id, "twelve"));
        Assert.Contains("number", bad.Message);
    }

    [Fact]
    public async Task ProfileEdits_Validate_AndTheOnesThatMatterLandOnTheTimeline()
    {
        var customer = await NewCustomerAsync("Edit Me", "edit@x.example", "+1 555 0103");
        var editor = app.Service<CustomerEditor>();
        await Assert.ThrowsAsync<DomainException>(() => editor.SetContactAsync(customer.Id, "not-an-email", null, [], []));
        await Assert.ThrowsAsync<DomainException>(() => editor.SetLocaleAsync(customer.Id, "en", "Mars/Olympus"));
        await editor.SetLocaleAsync(customer.Id, "de-AT", "Europe/Vienna");
        await editor.SetStageAsync(customer.Id, LifecycleStage.Advocate);

        var timeline = await app.Service<CustomerQueries>().TimelineAsync(customer.Id, null);
        Assert.Contains(timeline.Items, t => t.Kind == TimelineKind.Profile && t.Title.Contains("Advocate"));
        await using var db = await app.Service<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync();
        var saved = await db.Customers.SingleAsync(c => c.Id == customer.Id);
        Assert.Equal("edit@x.example", saved.Email);
        Assert.Equal("de-AT", saved.Language);
        Assert.Equal("Europe/Vienna", saved.TimeZone);
    }

    [Fact]
    public async Task Note_WithMention_TellsTheMentionedAgentLive_AndLandsOnTheTimeline()
    {
        var staff = await app.Service<StaffDirectory>().AllAsync();
        var author = staff[0];
        var mentioned = staff[1];
        var customer = await NewCustomerAsync("Noted Customer", "noted@x.example", "+1 555 0104");
        var told = new TaskCompletionSource<NoteMentioned>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var _ = app.Service<ILiveEventBus>().Subscribe<NoteMentioned>(e =>
        {
            if (e.CustomerId == customer.Id) told.TrySetResult(e);
            return Task.CompletedTask;
        });

        await app.Service<NoteService>().AddAsync(customer.Id, author.Id, author.DisplayName,
            $"Called back. @{mentioned.Handle} please send the invoice; not `@{author.Handle}` or mail@{mentioned.Handle}.com");

        var e = await told.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(mentioned.Id, e.MentionedUserId);
        Assert.Equal(author.DisplayName, e.AuthorName);
        var page = await app.Service<CustomerQueries>().TimelineAsync(customer.Id, null);
        Assert.Contains(page.Items, t => t.Kind == TimelineKind.Note && t.Detail!.StartsWith("Called back."));
    }

    [Fact]
    public async Task Note_OnlyItsAuthorEdits_AndTheTimelineFollows()
    {
        var staff = await app.Service<StaffDirectory>().AllAsync();
        var customer = await NewCustomerAsync("Edited Note", "edited@x.example", "+1 555 0108");
        var notes = app.Service<NoteService>();
        var note = await notes.AddAsync(customer.Id, staff[0].Id, staff[0].DisplayName, "First draft");

        await Assert.ThrowsAsync<DomainException>(() => notes.EditAsync(note.Id, staff[1].Id, "Hijacked"));
        await Assert.ThrowsAsync<DomainException>(() => notes.EditAsync(note.Id, staff[0].Id, "   "));
        await notes.EditAsync(note.Id, staff[0].Id, "Second **draft**");

        Assert.Contains(note.Id, await notes.WrittenByAsync(customer.Id, staff[0].Id));
        Assert.DoesNotContain(note.Id, await notes.WrittenByAsync(customer.Id, staff[1].Id));
        var page = await app.Service<CustomerQueries>().TimelineAsync(customer.Id, null);
        Assert.Equal("Second **draft**", Assert.Single(page.Items, t => t.Kind == TimelineKind.Note).Detail);
    }

    [Fact]
    public async Task SavedViews_AreOwnOrShared_AndOnlyTheOwnerDeletes()
    {
        var views = app.Service<SavedViews>();
        var mine = await views.SaveAsync(ListKind.Customers, "My leads", false, new { stage = "Lead" }, "user-a");
        var shared = await views.SaveAsync(ListKind.Customers, "Team VIPs", true, new { tags = new[] { "vip" } }, "user-a");

        var seenByB = await views.VisibleToAsync(ListKind.Customers, "user-b");
        Assert.Contains(seenByB, v => v.Id == shared.Id && !v.Mine);
        Assert.DoesNotContain(seenByB, v => v.Id == mine.Id);
        await Assert.ThrowsAsync<DomainException>(() => views.DeleteAsync(shared.Id, "user-b"));
        await views.DeleteAsync(mine.Id, "user-a");
        Assert.DoesNotContain(await views.VisibleToAsync(ListKind.Customers, "user-a"), v => v.Id == mine.Id);
    }

    [Fact]
    public async Task BulkTag_OnTheWholeFilteredResult_TagsExactlyTheMatches_WithProgress()
    {
        var marker = "bulk" + Guid.NewGuid().ToString("N")[..6];
        var editor = app.Service<CustomerEditor>();
        var targets = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            var c = await NewCustomerAsync($"Bulk {marker} {i}", $"{marker}{i}@x.example", "+1 555 0105");
            await editor.SetTagsAsync(c.Id, [marker]);
            targets.Add(c.Id);
        }
        var other = await NewCustomerAsync($"Other {marker}", $"o{marker}@x.example", "+1 555 0106");
        var reports = new List<BulkProgress>();

        var done = await app.Service<CustomerBulkActions>().RunAsync(new BulkAction(BulkActionKind.AddTag, "Winter Promo"),
            null, new CustomerListQuery(null, Filter: new CustomerFilter { Tags = [marker] }),
            new SyncProgress<BulkProgress>(reports.Add));

        Assert.Equal(5, done);
        Assert.Equal(new BulkProgress(5, 5), reports[^1]);
        await using var db = await app.Service<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync();
        var tagged = await db.RecordTags.Where(t => t.Tag == "winter-promo").Select(t => t.RecordId).ToListAsync();
        Assert.Superset(targets.ToHashSet(), tagged.ToHashSet());
        Assert.DoesNotContain(other.Id, tagged);

        var owner = (await app.Service<StaffDirectory>().AllAsync())[0];
        await app.Service<CustomerBulkActions>().RunAsync(new BulkAction(BulkActionKind.AssignOwner, owner.Id),
            [targets[0], other.Id], null, null);
        var owned = await db.Customers.Where(c => c.OwnerId == owner.Id).Select(c => c.Id).ToListAsync();
        Assert.Contains(targets[0], owned);
        Assert.Contains(other.Id, owned);
        Assert.DoesNotContain(targets[1], owned);
    }

    [Fact]
    public async Task Create_RefusesADuplicateEmail_AndOrdersLandOnTheTimeline()
    {
        var editor = app.Service<CustomerEditor>();
        var email = $"new{Guid.NewGuid():N}"[..12] + "@shop.example";
        var id = await editor.CreateAsync("Brand New", email, "+1 555 0107", null);
        var dup = await Assert.ThrowsAsync<DuplicateRecordException>(() => editor.CreateAsync("Someone Else", email.ToUpperInvariant(), null, null));
        Assert.Contains("already exists", dup.Message);
        await Assert.ThrowsAsync<DomainException>(() => editor.CreateAsync(" ", null, null, null));

        var orders = app.Service<CrmLive.Infrastructure.Orders.OrderService>();
        var number = "HB-" + Guid.NewGuid().ToString("N")[..8];
        var order = new CrmLive.Infrastructure.Orders.NewOrder(number, DateTimeOffset.UtcNow, 42.5m, "eur",
            CrmLive.Domain.Orders.SalesChannel.Phone, CrmLive.Domain.Orders.OrderStatus.Paid, ["Rain jacket", " ", "Gift card"]);
        var orderId = await orders.AddAsync(id, order);
        await Assert.ThrowsAsync<DuplicateRecordException>(() => orders.AddAsync(id, order));
        await Assert.ThrowsAsync<DomainException>(() => orders.AddAsync(id, order with { Number = number + "x", Items = [] }));
        await Assert.ThrowsAsync<DomainException>(() => orders.AddAsync(id, order with { Number = number + "y", Amount = -1 }));

        var profile = await app.Service<CustomerQueries>().GetProfileAsync(id);
        Assert.Equal(1, profile!.OrderCount);
        Assert.Equal(42.5m, profile.LifetimeRevenue);
        var timeline = await app.Service<CustomerQueries>().TimelineAsync(id, null);
        Assert.Contains(timeline.Items, t => t.Kind == TimelineKind.Order && t.Title.Contains(number) && t.Detail == "Rain jacket, Gift card");

        await orders.SetStatusAsync(orderId, CrmLive.Domain.Orders.OrderStatus.Refunded, DateTimeOffset.UtcNow);
        Assert.Equal(0, (await app.Service<CustomerQueries>().GetProfileAsync(id))!.OrderCount);
        var after = await app.Service<CustomerQueries>().TimelineAsync(id, null);
        Assert.Contains(after.Items, t => t.Title == $"Order {number}: Paid → Refunded");
    }
}
