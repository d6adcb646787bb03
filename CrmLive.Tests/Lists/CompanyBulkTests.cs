using CrmLive.Domain.Common;
using CrmLive.Domain.Customers;
using CrmLive.Infrastructure.Companies;
using CrmLive.Infrastructure.Identity;
using CrmLive.Infrastructure.Lists;
using CrmLive.Infrastructure.Persistence;
using CrmLive.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CrmLive.Tests.Lists;

/// <summary>Company bulk actions, and the chunked engine every list's bulk actions share, against the real database.</summary>
[Trait("Database", "Any")]
public class CompanyBulkTests(CrmLiveAppFactory app) : IClassFixture<CrmLiveAppFactory>
{
    private CompanyBulkActions Bulk => app.Service<CompanyBulkActions>();

    private async Task<(string Marker, List<Guid> Matching, Guid Other)> CompaniesAsync(int count)
    {
        var marker = "zq" + Guid.NewGuid().ToString("N")[..6];
        var editor = app.Service<CompanyEditor>();
        var matching = new List<Guid>();
        for (var i = 0; i < count; i++) matching.Add(await editor.CreateAsync($"{marker} Holdings {i}", null));
        var other = await editor.CreateAsync($"Other{marker} Ltd", null); // the marker, but not where the search looks
        return (marker, matching, other);
    }

    private async Task<HashSet<Guid>> TaggedAsync(string tag)
    {
        await using var db = await app.Service<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync();
        return (await db.RecordTags.Where(t => t.Tag == tag).Select(t => t.RecordId).ToListAsync()).ToHashSet();
    }

    private async Task<Dictionary<Guid, string?>> OwnersAsync(IEnumerable<Guid> ids)
    {
        var list = ids.ToList();
        await using var db = await app.Service<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync();
        return await db.Companies.Where(c => list.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.OwnerId);
    }

    [Fact]
    public async Task BulkTag_OnTheSearchResult_TagsExactlyTheMatches_AndRemovesThemAgain()
    {
        var (marker, matching, other) = await CompaniesAsync(4);
        var tag = "key-" + marker;
        var reports = new List<BulkProgress>();

        var done = await Bulk.RunAsync(new BulkAction(BulkActionKind.AddTag, $"Key {marker}"), null,
            new CompanyListQuery(marker), new SyncProgress<BulkProgress>(reports.Add));

        Assert.Equal(4, done);
        Assert.Equal(new BulkProgress(0, 4), reports[0]);
        Assert.Equal(new BulkProgress(4, 4), reports[^1]);
        Assert.Equal(matching.ToHashSet(), await TaggedAsync(tag));
        Assert.DoesNotContain(other, await TaggedAsync(tag));

        // Again: nobody gets the tag twice; then the list's tag filter is the scope for removing it.
        await Bulk.RunAsync(new BulkAction(BulkActionKind.AddTag, tag), null, new CompanyListQuery(marker), null);
        Assert.Equal(4, (await app.Service<CompanyQueries>().ListAsync(new CompanyListQuery(null, Tag: tag))).TotalCount);
        await Bulk.RunAsync(new BulkAction(BulkActionKind.RemoveTag, tag), [matching[0]], null, null);
        Assert.Equal(matching.Skip(1).ToHashSet(), await TaggedAsync(tag));
    }

    [Fact]
    public async Task BulkOwner_OnASelection_ChangesOnlyThose_AndAnUnknownOwnerOrEmptyTagIsRefused()
    {
        var (_, matching, other) = await CompaniesAsync(3);
        var owner = (await app.Service<StaffDirectory>().AllAsync())[0];
        var reports = new List<BulkProgress>();

        await Bulk.RunAsync(new BulkAction(BulkActionKind.AssignOwner, owner.Id), [matching[0], other], null,
            new SyncProgress<BulkProgress>(reports.Add));

        Assert.Equal(new BulkProgress(2, 2), reports[^1]);
        var owners = await OwnersAsync([.. matching, other]);
        Assert.Equal(owner.Id, owners[matching[0]]);
        Assert.Equal(owner.Id, owners[other]);
        Assert.Null(owners[matching[1]]);

        var refused = await Assert.ThrowsAsync<DomainException>(() =>
            Bulk.RunAsync(new BulkAction(BulkActionKind.AssignOwner, "no-such-person"), matching, null, null));
        Assert.Contains("not on the team", refused.Message);
        await Assert.ThrowsAsync<DomainException>(() => Bulk.RunAsync(new BulkAction(BulkActionKind.AddTag, "  "), matching, null, null));
        Assert.Null((await OwnersAsync([matching[1]]))[matching[1]]);

        // An empty owner clears it.
        await Bulk.RunAsync(new BulkAction(BulkActionKind.AssignOwner, null), [other], null, null);
        Assert.Null((await OwnersAsync([other]))[other]);
    }

    [Fact]
    public async Task ChunkedBulk_WalksChunksInIdOrder_AndAStopKeepsTheFinishedChunksWhole()
    {
        var (marker, matching, _) = await CompaniesAsync(5);
        await using var db = await app.Service<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync();
        var scope = db.Companies.Where(c => matching.Contains(c.Id)).Select(c => c.Id);
        var chunks = new List<IReadOnlyList<Guid>>();
        var reports = new List<BulkProgress>();

        var done = await ChunkedBulk.RunAsync(scope, (ids, _) => { chunks.Add(ids); return Task.CompletedTask; },
            new SyncProgress<BulkProgress>(reports.Add), CancellationToken.None, chunkSize: 2);

        Assert.Equal(5, done);
        Assert.Equal(new[] { 2, 2, 1 }, chunks.Select(c => c.Count));
        Assert.Equal(matching.ToHashSet(), chunks.SelectMany(c => c).ToHashSet()); // each once, none missed
        Assert.Equal(new BulkProgress[] { new(0, 5), new(2, 5), new(4, 5), new(5, 5) }, reports);

        // Stop while the second chunk is being written: the first stays whole, the second is not half-written.
        using var stop = new CancellationTokenSource();
        var tag = "stop-" + marker;
        var stopped = await Record.ExceptionAsync(() => ChunkedBulk.RunAsync(scope, async (ids, ct) =>
        {
            if (chunks.Count == 3) chunks.Add(ids); else stop.Cancel();
            await using var write = await app.Service<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync(ct);
            write.RecordTags.AddRange(ids.Select(id => new RecordTag(id, tag)));
            await write.SaveChangesAsync(ct);
        }, null, stop.Token, chunkSize: 2));

        Assert.IsAssignableFrom<OperationCanceledException>(stopped);
        Assert.Equal(chunks[3].ToHashSet(), await TaggedAsync(tag));
    }
}
