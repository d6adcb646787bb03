using System.Diagnostics;
using CrmLive.Domain.Orders;
using CrmLive.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CrmLive.Bench.Offers;

/// <summary>
/// Lines for every order of the recompute database, written through the domain: a catalogue of 400 products with a
/// long tail of popularity, each order's item count honoured, and some products pulling a companion into the basket
/// so there are rules to find.
/// </summary>
internal static class OrderLineHistory
{
    private const int Products = 400;
    private const int Batch = 200_000;

    /// <summary>Every order has its lines (an interrupted generation leaves some without).</summary>
    public static async Task<bool> CompleteAsync(IDbContextFactory<CrmDbContext> dbFactory)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        return await db.OrderLines.Select(l => l.OrderId).Distinct().CountAsync() == await db.Orders.CountAsync();
    }

    public static async Task GenerateAsync(IDbContextFactory<CrmDbContext> dbFactory, string connectionString, TextWriter log)
    {
        var watch = Stopwatch.StartNew();
        await using var db = await dbFactory.CreateDbContextAsync();
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        Execute(connection, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-1000000; PRAGMA temp_store=MEMORY;");
        using var writer = new EntityRowWriter<OrderLine>(db, connection);

        var random = new Random(20261124);
        // Popularity falls off like 1/rank; every tenth product has a companion bought with it half the time.
        var weights = Enumerable.Range(1, Products).Select(r => 1.0 / r).ToArray();
        var cumulative = new double[Products];
        for (double sum = 0, i = 0; i < Products; i++) cumulative[(int)i] = sum += weights[(int)i];
        int Pick()
        {
            var at = Array.BinarySearch(cumulative, random.NextDouble() * cumulative[^1]);
            return Math.Min(Products - 1, at < 0 ? ~at : at);
        }

        var count = 0L;
        SqliteTransaction? tx = null;
        Execute(connection, "DELETE FROM OrderLines;"); // what an interrupted generation left
        // Read first, then write: a reader still open on the file would keep the writer's commits waiting. In order of
        // the order's id, so the (OrderId, Sku) index grows at its end instead of at random places.
        var orders = new List<(Guid Id, int ItemCount)>();
        await foreach (var o in db.Orders.AsNoTracking().OrderBy(o => o.Id).Select(o => new { o.Id, o.ItemCount }).AsAsyncEnumerable())
            orders.Add((o.Id, o.ItemCount));
        log.WriteLine($"  {$"{orders.Count:N0} orders read",-44} {watch.Elapsed.TotalSeconds,8:0.0} s");
        var basket = new HashSet<int>();
        foreach (var order in orders)
        {
            if (count % Batch == 0)
            {
                tx?.Commit();
                tx = connection.BeginTransaction();
                writer.Transaction = tx;
            }
            basket.Clear();
            var items = Math.Clamp(order.ItemCount, 1, 6);
            while (basket.Count < items)
            {
                var product = Pick();
                basket.Add(product);
                if (product % 10 == 0 && basket.Count < items + 1 && random.NextDouble() < 0.5) basket.Add(product + 1);
            }
            foreach (var product in basket)
            {
                writer.Insert(new OrderLine(order.Id, $"SKU-{product:D4}", $"Product {product:D4}", 1, 10m + product % 90));
                count++;
            }
        }
        tx?.Commit();
        log.WriteLine($"  {$"{count:N0} order lines",-44} {watch.Elapsed.TotalSeconds,8:0.0} s");
        Execute(connection, "ANALYZE; PRAGMA optimize; PRAGMA journal_mode=WAL;");
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        command.ExecuteNonQuery();
    }
}
