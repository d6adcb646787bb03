using Bunit;
using CrmLive.Domain.Customers;
using CrmLive.Infrastructure.Customers;
using CrmLive.Infrastructure.Persistence;
using CrmLive.Infrastructure.Text;
using CrmLive.Tests.Support;
using CrmLive.Web.Components.Customers.Profile;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace CrmLive.Tests.Web.Components;

/// <summary>The 360 timeline component over the real read side and a real SQLite database.</summary>
public sealed class CustomerTimelineTests(CrmLiveAppFactory app) : IClassFixture<CrmLiveAppFactory>, IAsyncLifetime
{
    private readonly BunitContext _ctx = new();
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 9, 0, 0, TimeSpan.Zero);

    public Task InitializeAsync()
    {
        _ctx.Services.AddMudServices();
        _ctx.Services.AddSingleton(app.Service<CustomerQueries>());
        _ctx.Services.AddSingleton(app.Service<CrmLive.Infrastructure.Notes.NoteService>());
        _ctx.Services.AddSingleton<MarkdownRenderer>();
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    /// <summary>30 entries a day apart: orders, with every third a note (one carrying markup that must stay inert).</summary>
    private async Task<Guid> CustomerWithHistoryAsync()
    {
        await using var db = await app.Service<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync();
        var customer = new Customer("Timeline Person", null, null, null, Start);
        db.Customers.Add(customer);
        for (var i = 0; i < 30; i++)
        {
            var note = i % 3 == 0;
            db.Timeline.Add(new TimelineEntry(customer.Id, Start.AddDays(i), note ? TimelineKind.Note : TimelineKind.Order,
                note ? $"Note {i}" : $"Order {i}",
                note ? $"**bold {i}** <script>alert(1)</script><img src=x onerror=alert(2)>" : "2 items", null));
        }
        await db.SaveChangesAsync();
        return customer.Id;
    }

    [Fact]
    public async Task ShowsNewestFirst_PagesOlder_AndRendersNotesSanitized()
    {
        var id = await CustomerWithHistoryAsync();
        var cut = _ctx.Render<CustomerTimeline>(p => p.Add(x => x.CustomerId, id));

        cut.WaitForAssertion(() => Assert.Equal(25, cut.FindAll("[data-testid=timeline-item]").Count));
        var titles = cut.FindAll("[data-testid=timeline-item]").Select(e => e.QuerySelector("p")!.TextContent).ToList();
        Assert.Equal("Order 29", titles[0]);
        Assert.Equal("Order 5", titles[^1]);

        cut.Find("[data-testid=timeline-more]").Click();
        cut.WaitForAssertion(() => Assert.Equal(30, cut.FindAll("[data-testid=timeline-item]").Count));
        Assert.Empty(cut.FindAll("[data-testid=timeline-more]"));

        var note = cut.FindAll("[data-testid=note-body]")[0];
        Assert.NotNull(note.QuerySelector("strong"));
        Assert.Null(note.QuerySelector("script"));
        Assert.Null(note.QuerySelector("img[onerror]"));
    }

    [Fact]
    public async Task FilterByKind_ShowsOnlyThatKind()
    {
        var id = await CustomerWithHistoryAsync();
        var cut = _ctx.Render<CustomerTimeline>(p => p.Add(x => x.CustomerId, id));
        cut.WaitForAssertion(() => Assert.Equal(25, cut.FindAll("[data-testid=timeline-item]").Count));

        cut.FindAll("[data-testid=timeline-kinds] .mud-chip").Single(c => c.TextContent.Contains("Notes")).Click();

        cut.WaitForAssertion(() =>
        {
            var kinds = cut.FindAll("[data-testid=timeline-item]").Select(e => e.GetAttribute("data-kind")).ToList();
            Assert.Equal(10, kinds.Count);
            Assert.All(kinds, k => Assert.Equal("Note", k));
        });
    }

    [Fact]
    public async Task EmptyTimeline_SaysSo()
    {
        await using var db = await app.Service<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync();
        var customer = new Customer("Quiet Person", null, null, null, Start);
        db.Customers.Add(customer);
        await db.SaveChangesAsync();

        var cut = _ctx.Render<CustomerTimeline>(p => p.Add(x => x.CustomerId, customer.Id));
        cut.WaitForAssertion(() => Assert.Contains("Nothing has happened", cut.Find("[data-testid=timeline-empty]").TextContent));
    }
}
