using CrmLive.Domain.Audit;
using CrmLive.Infrastructure.Audit;
using CrmLive.Tests.Support;

namespace CrmLive.Tests.Web.Security;

/// <summary>The audit log as an Admin filters it: by action, person, words and dates, a page at a time.</summary>
[Trait("Database", "Any")]
public class AuditSearchTests(CrmLiveAppFactory app) : IClassFixture<CrmLiveAppFactory>
{
    [Fact]
    public async Task Filters_Combine_AndPagesFollowOnWithoutOverlap()
    {
        var audit = app.Service<AuditLog>();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var zoe = new AuditActor("zoe-id", $"Zoë Auditor {tag}", "203.0.113.9");
        for (var i = 0; i < 5; i++)
            await audit.WriteAsync(zoe, AuditActions.ListExported, $"Customers list {tag} #{i}", $"{i} rows");
        await audit.WriteAsync(zoe, AuditActions.CustomerErased, $"Customer Zed {tag}");
        await audit.WriteAsync(AuditActor.System, AuditActions.ListExported, $"Orders list {tag}");

        var exports = await audit.SearchAsync(new AuditFilter(AuditActions.ListExported, Actor: $"zoë auditor {tag}"));
        Assert.Equal(5, exports.Count);
        Assert.All(exports, e => Assert.Equal(AuditActions.ListExported, e.Action));

        Assert.Equal(6, (await audit.SearchAsync(new AuditFilter(Actor: "203.0.113.9", Text: tag))).Count);
        Assert.Single(await audit.SearchAsync(new AuditFilter(Text: $"ZED {tag}")));
        Assert.Single(await audit.SearchAsync(new AuditFilter(Text: "3 rows", Actor: tag)));
        Assert.Empty(await audit.SearchAsync(new AuditFilter(Text: tag, From: DateTimeOffset.UtcNow.AddDays(1))));
        Assert.Empty(await audit.SearchAsync(new AuditFilter(Text: tag, To: DateTimeOffset.UtcNow.AddDays(-1))));

        var first = await audit.SearchAsync(new AuditFilter(Text: tag), 0, 4);
        var second = await audit.SearchAsync(new AuditFilter(Text: tag), 4, 4);
        Assert.Equal(4, first.Count);
        Assert.Equal(3, second.Count);
        Assert.Empty(first.Select(l => l.Target).Intersect(second.Select(l => l.Target)));
        Assert.True(first.Zip(first.Skip(1)).All(p => p.First.At >= p.Second.At), "newest first");
    }

    [Fact]
    public async Task SignIns_AndFailedOnes_AreAudited_WithTheirAddress()
    {
        await app.SignInAsync("agent2@crmlive.demo");
        await CrmLiveAppFactory.PostLoginAsync(app.CreateBrowserClient(), "agent2@crmlive.demo", "wrong password!");

        var audit = app.Service<AuditLog>();
        Assert.Contains(await audit.SearchAsync(new AuditFilter(AuditActions.SignedIn, Text: "agent2@crmlive.demo")),
            l => l.ActorName == "Liam O'Brien");
        var failed = await audit.SearchAsync(new AuditFilter(AuditActions.SignInFailed, Text: "agent2@crmlive.demo"));
        Assert.Contains(failed, l => l.Detail == "Wrong password");
    }
}
