using CrmLive.Infrastructure.Demo;
using CrmLive.Infrastructure.Persistence;
using CrmLive.Infrastructure.Persistence.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace CrmLive.Tests.Infrastructure;

public class DemoCompanySeederTests
{
    private static readonly DateTimeOffset Today = new(2026, 11, 23, 9, 30, 0, TimeSpan.Zero);

    private static async Task<(List<string> Customers, List<string> Orders, int Conversations, int Tickets)> SeedAsync(int seed)
    {
        var path = Path.Combine(Path.GetTempPath(), $"crmlive-seed-{Guid.NewGuid():N}.db");
        try
        {
            await using var db = new SqliteCrmDbContext(new DbContextOptionsBuilder<SqliteCrmDbContext>()
                .UseSqlite($"Data Source={path}").Options);
            await db.Database.MigrateAsync();
            await new DemoCompanySeeder(NullLogger<DemoCompanySeeder>.Instance)
                .SeedAsync(db, new DemoOptions { Customers = 120, RandomSeed = seed }, Today, CancellationToken.None);

            var customers = await db.Customers.OrderBy(c => c.Email).Select(c => c.Name + "|" + c.Email + "|" + c.CreatedAt).ToListAsync();
            var orders = (await db.Orders.Select(o => new { o.Number, o.PlacedAt, o.Amount, o.Status }).ToListAsync())
                .OrderBy(o => o.Number).Select(o => $"{o.Number}|{o.PlacedAt:O}|{o.Amount}|{o.Status}").ToList();
            return (customers, orders, await db.Conversations.CountAsync(), await db.Tickets.CountAsync());
        }
        finally
        {
            SqliteFiles.Delete(path);
        }
    }

    [Fact]
    public async Task Seed_SameSeedAndDay_BuildsTheSameCompany()
    {
        var first = await SeedAsync(7);
        var second = await SeedAsync(7);
        var other = await SeedAsync(8);

        Assert.Equal(120, first.Customers.Count);
        Assert.Equal(first.Customers, second.Customers);
        Assert.Equal(first.Orders, second.Orders);
        Assert.Equal(first.Conversations, second.Conversations);
        Assert.NotEqual(first.Customers, other.Customers);
    }

    [Fact]
    public async Task Seed_OrdersSpanTwoYears_WithPastChatsAndTickets()
    {
        var company = await SeedAsync(20261123);
        var placed = company.Orders.Select(o => DateTimeOffset.Parse(o.Split('|')[1])).ToList();

        Assert.True(company.Orders.Count > company.Customers.Count, "most customers order more than once");
        Assert.True(placed.Min() >= Today.AddYears(-2).AddDays(-1));
        Assert.True(placed.Max() <= Today);
        Assert.True((placed.Max() - placed.Min()).TotalDays > 365, "orders spread over more than a year");
        Assert.True(company.Conversations > 0);
        Assert.True(company.Tickets > 0);
    }
}
