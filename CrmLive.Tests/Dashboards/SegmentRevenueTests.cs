using CrmLive.Domain.Customers;
using CrmLive.Domain.Orders;
using CrmLive.Infrastructure.Dashboards;
using CrmLive.Infrastructure.Persistence;
using CrmLive.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CrmLive.Tests.Dashboards;

/// <summary>Revenue by segment over the dashboard's ranges: closed hours kept, the current hour counted live, runs recount.</summary>
[Trait("Database", "Any")]
public class SegmentRevenueTests(CrmLiveAppFactory app) : IClassFixture<CrmLiveAppFactory>
{
    private IDbContextFactory<CrmDbContext> Db => app.Service<IDbContextFactory<CrmDbContext>>();

    private async Task<Guid> CustomerInAsync(string segment)
    {
        await using var db = await Db.CreateDbContextAsync();
        var customer = new Customer($"Revenue {segment}", null, null, null, DateTimeOffset.UtcNow.AddYears(-1));
        customer.SetMetrics(CustomerMetrics.NotComputed with { Segment = segment });
        db.Customers.Add(customer);
        await db.SaveChangesAsync();
        return customer.Id;
    }

    private async Task OrderAsync(Guid customerId, DateTimeOffset placedAt, decimal amount, OrderStatus status = OrderStatus.Delivered)
    {
        await using var db = await Db.CreateDbContextAsync();
        db.Orders.Add(new Order(customerId, $"R-{Guid.NewGuid():N}"[..20], placedAt, amount, "EUR", SalesChannel.Web, status, 1, "test"));
        await db.SaveChangesAsync();
    }

    private async Task MoveToAsync(Guid customerId, string segment)
    {
        await using var db = await Db.CreateDbContextAsync();
        var customer = await db.Customers.SingleAsync(c => c.Id == customerId);
        customer.SetMetrics(customer.Metrics with { Segment = segment });
        await db.SaveChangesAsync();
    }

    private static SegmentRevenueLine? Line(IReadOnlyList<SegmentRevenueLine> lines, string segment) =>
        lines.SingleOrDefault(l => l.Segment == segment);

    [Fact]
    public async Task EachRange_SumsItsOrdersBySegment_KeepsClosedHours_AndARecountFollowsNewSegments()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        string alpha = $"Alpha {tag}", beta = $"Beta {tag}";
        var customer = await CustomerInAsync(alpha);
        var now = DateTimeOffset.UtcNow;
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var currentHour = new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerHour, TimeSpan.Zero);
        await OrderAsync(customer, currentHour, 100m);
        await OrderAsync(customer, today.AddDays(-3).AddHours(12), 50m);
        await OrderAsync(customer, today.AddDays(-3).AddHours(13), 999m, OrderStatus.Cancelled);
        await OrderAsync(customer, today.AddDays(-3).AddHours(14), 999m, OrderStatus.Refunded);
        await OrderAsync(customer, today.AddDays(-10).AddHours(12), 20m);
        await OrderAsync(customer, today.AddDays(-40), 7m);
        var revenue = app.Service<SegmentRevenue>();

        Assert.Equal((1, 100m), Figures(Line(await revenue.ForAsync(TeamPerformance.Start(DashboardRange.Today, now)), alpha)));
        Assert.Equal((2, 150m), Figures(Line(await revenue.ForAsync(TeamPerformance.Start(DashboardRange.Week, now)), alpha)));
        Assert.Equal((3, 170m), Figures(Line(await revenue.ForAsync(TeamPerformance.Start(DashboardRange.Month, now)), alpha)));

        await using (var db = await Db.CreateDbContextAsync())
        {
            var kept = await db.SegmentRevenueHours.AsNoTracking().Where(h => h.Segment == alpha).ToListAsync();
            Assert.Equal([today.AddDays(-10).AddHours(12), today.AddDays(-3).AddHours(12)],
                kept.Select(h => h.Hour.ToUniversalTime()).Order().ToList());
            Assert.False(await db.SegmentRevenueHours.AnyAsync(h => h.Hour >= currentHour)); // still filling: never kept
        }

        // A kept hour keeps the segment it was counted under; the current hour follows the customer at once.
        await MoveToAsync(customer, beta);
        var month = await revenue.ForAsync(TeamPerformance.Start(DashboardRange.Month, now));
        Assert.Equal((2, 70m), Figures(Line(month, alpha)));
        Assert.Equal((1, 100m), Figures(Line(month, beta)));

        // An analytics run recounts the recent days under the segments it has just saved.
        await revenue.RecountAsync();
        month = await revenue.ForAsync(TeamPerformance.Start(DashboardRange.Month, now));
        Assert.Null(Line(month, alpha));
        Assert.Equal((3, 170m), Figures(Line(month, beta)));
    }

    private static (int, decimal)? Figures(SegmentRevenueLine? line) => line is null ? null : (line.Orders, line.Revenue);
}
