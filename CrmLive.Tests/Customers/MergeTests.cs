using CrmLive.Domain.Audit;
using CrmLive.Domain.Common;
using CrmLive.Domain.Customers;
using CrmLive.Domain.Live;
using CrmLive.Infrastructure.Customers.Merge;
using CrmLive.Infrastructure.Persistence;
using CrmLive.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CrmLive.Tests.Customers;

/// <summary>Duplicate suggestions and merging two customers, against the real database.</summary>
[Trait("Database", "Any")]
public class MergeTests(CrmLiveAppFactory app) : IClassFixture<CrmLiveAppFactory>
{
    private static readonly AuditActor Actor = new("u-1", "Manager Mia", "127.0.0.1");

    private CrmDbContext Db() => app.Service<IDbContextFactory<CrmDbContext>>().CreateDbContext();

    [Fact]
    public async Task Merge_MovesEveryKindOfRecord_DeletesTheDuplicate_AndLeavesARedirect()
    {
        var u = Guid.NewGuid().ToString("N")[..6];
        var survivor = await MergeTestData.NewCustomerAsync(app, $"Ana Lima {u}", $"ana{u}@shop.example", null);
        var duplicate = await MergeTestData.NewCustomerAsync(app, $"Ana  lima {u}", $"ana.l{u}@mail.example", "+351 912 345 678");
        var records = await MergeTestData.OneOfEachAsync(app, duplicate);
        var olderDuplicate = await MergeTestData.NewCustomerAsync(app, $"Old Ana {u}", null, null);
        await app.Service<CustomerMerger>().MergeAsync(duplicate.Id, olderDuplicate.Id, Actor);
        var changed = new List<CustomerChanged>();
        using var _ = app.Service<ILiveEventBus>().Subscribe<CustomerChanged>(e => { lock (changed) changed.Add(e); return Task.CompletedTask; });

        var preview = await app.Service<CustomerMerger>().PreviewAsync(survivor.Id, duplicate.Id);
        Assert.Equal(new MergeCounts(1, 1, 1, 1, 1, 1, 4, 1, 1), preview.Moves);
        Assert.Equal($"ana.l{u}@mail.example", Assert.Single(preview.Fields, f => f.Field == "Other e-mails").Result);
        Assert.True(Assert.Single(preview.Fields, f => f.Field == "Phone").TakesFromOther);
        Assert.False(Assert.Single(preview.Fields, f => f.Field == "Name").TakesFromOther);

        var moved = await app.Service<CustomerMerger>().MergeAsync(survivor.Id, duplicate.Id, Actor);

        Assert.Equal(preview.Moves, moved);
        await using var db = Db();
        Assert.False(await db.Customers.AnyAsync(c => c.Id == duplicate.Id));
        var merged = await db.Customers.SingleAsync(c => c.Id == survivor.Id);
        Assert.Equal($"Ana Lima {u}", merged.Name);
        Assert.Equal($"ana{u}@shop.example", merged.Email);
        Assert.Equal("+351 912 345 678", merged.Phone);
        Assert.Contains($"ana.l{u}@mail.example", merged.OtherEmails);
        Assert.Equal(survivor.Id, (await db.Orders.SingleAsync(o => o.Id == records.OrderId)).CustomerId);
        Assert.Equal(survivor.Id, (await db.Conversations.SingleAsync(o => o.Id == records.ConversationId)).CustomerId);
        Assert.Equal(survivor.Id, (await db.Visitors.SingleAsync(o => o.Id == records.VisitorId)).CustomerId);
        Assert.Equal(survivor.Id, (await db.Notes.SingleAsync(o => o.Id == records.NoteId)).CustomerId);
        Assert.Equal(survivor.Id, (await db.Tickets.SingleAsync(o => o.Id == records.TicketId)).CustomerId);
        Assert.Equal(survivor.Id, (await db.Deals.SingleAsync(o => o.Id == records.DealId)).CustomerId);
        Assert.True(await db.RecordTags.AnyAsync(t => t.RecordId == survivor.Id && t.Tag == records.Tag));
        Assert.True(await db.CustomAttributeValues.AnyAsync(v => v.RecordId == survivor.Id && v.DefinitionId == records.AttributeId));
        Assert.False(await db.Timeline.AnyAsync(t => t.CustomerId == duplicate.Id));
        Assert.False(await db.RecordTags.AnyAsync(t => t.RecordId == duplicate.Id));
        Assert.Contains(await db.Timeline.Where(t => t.CustomerId == survivor.Id).ToListAsync(),
            t => t.Kind == TimelineKind.Profile && t.Title == $"Merged with Ana  lima {u}");
        Assert.True(await db.AuditLog.AnyAsync(e => e.Action == AuditActions.CustomerMerged && e.Target.Contains(survivor.Id.ToString())));

        // Old links to both merged records lead to the survivor, even through the earlier merge.
        Assert.Equal(survivor.Id, (await app.Service<CustomerMerger>().MergedIntoAsync(duplicate.Id))!.SurvivorId);
        Assert.Equal(survivor.Id, (await app.Service<CustomerMerger>().MergedIntoAsync(olderDuplicate.Id))!.SurvivorId);
        await Eventually.TrueAsync(() =>
        {
            lock (changed) return Task.FromResult(changed.Any(e => e.CustomerId == survivor.Id) && changed.Any(e => e.CustomerId == duplicate.Id));
        }, "both open pages told of the merge");
    }

    [Fact]
    public async Task Merge_FailingMidWay_LeavesBothRecordsUntouched()
    {
        var u = Guid.NewGuid().ToString("N")[..6];
        var survivor = await MergeTestData.NewCustomerAsync(app, $"Keep {u}", $"keep{u}@x.example", null);
        var duplicate = await MergeTestData.NewCustomerAsync(app, $"Fail Merge {u}", $"fail{u}@x.example", "+1 555 987 6543");
        var records = await MergeTestData.OneOfEachAsync(app, duplicate);
        await using (var db = Db())
        {
            // The last step, deleting the duplicate, fails after everything else has moved.
            // DDL takes no parameters; the marker is our own hex string.
            var sql = db.Database.IsSqlite()
                ? $"""
                    CREATE TRIGGER "fail_merge_{u}" BEFORE DELETE ON "Customers" WHEN old."Name" = 'Fail Merge {u}'
                    BEGIN SELECT RAISE(ABORT, 'injected failure'); END;
                    """
                : $"""
                    CREATE FUNCTION fail_merge_{u}() RETURNS trigger AS $$ BEGIN
                      IF OLD."Name" = 'Fail Merge {u}' THEN RAISE EXCEPTION 'injected failure'; END IF; RETURN OLD; END $$ LANGUAGE plpgsql;
                    CREATE TRIGGER fail_merge_{u} BEFORE DELETE ON "Customers" FOR EACH ROW EXECUTE FUNCTION fail_merge_{u}();
                    """;
            await db.Database.ExecuteSqlRawAsync(sql);
        }

        await Assert.ThrowsAnyAsync<Exception>(() => app.Service<CustomerMerger>().MergeAsync(survivor.Id, duplicate.Id, Actor));

        await using var check = Db();
        var dup = await check.Customers.SingleAsync(c => c.Id == duplicate.Id);
        var kept = await check.Customers.SingleAsync(c => c.Id == survivor.Id);
        Assert.Null(kept.Phone);
        Assert.Empty(kept.OtherEmails);
        Assert.Equal("+1 555 987 6543", dup.Phone);
        Assert.Equal(duplicate.Id, (await check.Orders.SingleAsync(o => o.Id == records.OrderId)).CustomerId);
        Assert.Equal(duplicate.Id, (await check.Conversations.SingleAsync(o => o.Id == records.ConversationId)).CustomerId);
        Assert.Equal(duplicate.Id, (await check.Visitors.SingleAsync(o => o.Id == records.VisitorId)).CustomerId);
        Assert.Equal(duplicate.Id, (await check.Notes.SingleAsync(o => o.Id == records.NoteId)).CustomerId);
        Assert.Equal(duplicate.Id, (await check.Tickets.SingleAsync(o => o.Id == records.TicketId)).CustomerId);
        Assert.Equal(duplicate.Id, (await check.Deals.SingleAsync(o => o.Id == records.DealId)).CustomerId);
        Assert.Equal(3, await check.Timeline.CountAsync(t => t.CustomerId == duplicate.Id));
        Assert.True(await check.RecordTags.AnyAsync(t => t.RecordId == duplicate.Id));
        Assert.True(await check.CustomAttributeValues.AnyAsync(v => v.RecordId == duplicate.Id));
        Assert.Null(await app.Service<CustomerMerger>().MergedIntoAsync(duplicate.Id));
        Assert.False(await check.AuditLog.AnyAsync(e => e.Action == AuditActions.CustomerMerged && e.Target.Contains(survivor.Id.ToString())));
        var drop = check.Database.IsSqlite() ? $"""DROP TRIGGER "fail_merge_{u}";""" : $"""DROP TRIGGER fail_merge_{u} ON "Customers";""";
        await check.Database.ExecuteSqlRawAsync(drop);
    }

    [Fact]
    public async Task Merge_WithItself_OrAVanishedRecord_IsRefused()
    {
        var c = await MergeTestData.NewCustomerAsync(app, "Lonely One", null, null);
        await Assert.ThrowsAsync<DomainException>(() => app.Service<CustomerMerger>().MergeAsync(c.Id, c.Id, Actor));
        await Assert.ThrowsAsync<DomainException>(() => app.Service<CustomerMerger>().PreviewAsync(c.Id, Guid.NewGuid()));
    }

    [Fact]
    public async Task Duplicates_AreFoundByEmailPhoneAndName()
    {
        var u = Guid.NewGuid().ToString("N")[..6];
        var original = await MergeTestData.NewCustomerAsync(app, $"Bruno Costa {u}", $"bruno{u}@x.example", "+49 30 1234 5678",
            otherEmails: [$"b.costa{u}@work.example"]);
        var byEmail = await MergeTestData.NewCustomerAsync(app, $"B. C. {u}", $"B.Costa{u}@work.example", null);
        var byPhone = await MergeTestData.NewCustomerAsync(app, $"Someone {u}", null, "0049 (30) 1234-5678".Replace("0049", "+49"));
        var byName = await MergeTestData.NewCustomerAsync(app, $"  bruno   COSTA {u}", null, null);
        var byCase = await MergeTestData.NewCustomerAsync(app, $"BRUNO costa {u}", null, null);
        var unrelated = await MergeTestData.NewCustomerAsync(app, $"Bruno Costas {u}", $"other{u}@x.example", "+49 30 9999 0000");

        var matches = await app.Service<DuplicateFinder>().ForCustomerAsync(original.Id);

        Assert.Equal([DuplicateReason.Email], Assert.Single(matches, m => m.Id == byEmail.Id).Reasons);
        Assert.Equal([DuplicateReason.Phone], Assert.Single(matches, m => m.Id == byPhone.Id).Reasons);
        Assert.Equal([DuplicateReason.Name], Assert.Single(matches, m => m.Id == byCase.Id).Reasons);
        // Spaced differently: found from that record's side (its name, normalised, is a prefix lookup).
        Assert.Contains(await app.Service<DuplicateFinder>().ForCustomerAsync(byName.Id), m => m.Id == original.Id);
        Assert.DoesNotContain(matches, m => m.Id == unrelated.Id || m.Id == original.Id);

        // The suggestions list reports each pair once, at the newer record, newest first.
        var groups = new List<DuplicateGroup>();
        DuplicateCursor? cursor = null;
        do
        {
            var page = await app.Service<DuplicateFinder>().SuggestionsAsync(cursor, groups: 2);
            groups.AddRange(page.Groups);
            cursor = page.Next;
        } while (cursor is not null);
        Assert.Contains(groups, g => g.Customer.Id == byEmail.Id && g.Matches.Any(m => m.Id == original.Id));
        Assert.Contains(groups, g => g.Customer.Id == byPhone.Id && g.Matches.Any(m => m.Id == original.Id));
        Assert.Contains(groups, g => g.Customer.Id == byName.Id && g.Matches.Any(m => m.Id == original.Id));
        Assert.DoesNotContain(groups, g => g.Customer.Id == original.Id && g.Matches.Any(m => m.Id == byEmail.Id));
        Assert.DoesNotContain(groups, g => g.Customer.Id == unrelated.Id);
    }
}
