using System.Security.Claims;
using Bunit;
using CrmLive.Domain.Customers;
using CrmLive.Domain.Live;
using CrmLive.Infrastructure.Customers;
using CrmLive.Infrastructure.Deals;
using CrmLive.Infrastructure.Identity;
using CrmLive.Infrastructure.Persistence;
using CrmLive.Tests.Support;
using CrmLive.Web.Components.Deals;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace CrmLive.Tests.Web.Components.Deals;

/// <summary>The deals page on the real services and database: what it loads, its empty state, live updates.</summary>
[Trait("Database", "Any")]
public sealed class DealsPageTests : IClassFixture<CrmLiveAppFactory>, IAsyncLifetime
{
    private readonly CrmLiveAppFactory _app;
    private readonly BunitContext _ctx = new();
    private readonly string _userId = $"user-{Guid.NewGuid():N}";
    private static readonly TimeSpan Patience = Eventually.Limit;

    public DealsPageTests(CrmLiveAppFactory app)
    {
        _app = app;
        _ctx.Services.AddMudServices();
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        foreach (var type in new[] { typeof(DealQueries), typeof(DealService), typeof(DealBulkActions), typeof(StaffDirectory), typeof(ILiveEventBus),
                     typeof(CustomerQueries), typeof(TimeProvider) })
            _ctx.Services.AddSingleton(type, app.Services.GetRequiredService(type));
        _ctx.AddAuthorization().SetAuthorized("Test Agent").SetClaims(new Claim(ClaimTypes.NameIdentifier, _userId));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    private async Task<Guid> NewCustomerAsync()
    {
        await using var db = await _app.Service<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync();
        var customer = new Customer($"Board Customer {Guid.NewGuid():N}"[..22], null, null, null, DateTimeOffset.UtcNow);
        db.Customers.Add(customer);
        await db.SaveChangesAsync();
        return customer.Id;
    }

    [Fact]
    public async Task Render_ShowsDealsInTheirColumns_AndADealCreatedElsewhereAppearsLive()
    {
        var customerId = await NewCustomerAsync();
        var title = $"Existing {Guid.NewGuid():N}"[..16];
        await _app.Service<DealService>().CreateAsync(new DealInput(customerId, title, 10, "EUR", null, null));

        var cut = _ctx.Render<DealsPage>();
        cut.WaitForAssertion(() => Assert.Contains(title, cut.Find("[data-stage=Lead]").TextContent), Patience);

        var live = $"Live {Guid.NewGuid():N}"[..12];
        await _app.Service<DealService>().CreateAsync(new DealInput(customerId, live, 5, "EUR", null, null));
        cut.WaitForAssertion(() => Assert.Contains(live, cut.Find("[data-stage=Lead]").TextContent), Patience);
    }

    [Fact]
    public void Mine_WhenIOwnNothing_ShowsTheEmptyState()
    {
        var cut = _ctx.Render<DealsPage>();
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".mud-progress-linear")), Patience);

        cut.Find("[data-testid=deal-scope-mine]").Click();

        cut.WaitForAssertion(() => Assert.Contains("You own no deals yet.", cut.Find("[data-testid=deals-empty]").TextContent), Patience);
        Assert.Empty(cut.FindAll("[data-testid=deal-board]"));
    }
}
