using System.Diagnostics;
using CrmLive.Bench.Customers;
using CrmLive.Domain.Orders;
using CrmLive.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CrmLive.Bench.Analytics;

/// <summary>
/// The recompute benchmark's SQLite file: the customers benchmark's N customers plus M orders with a shape that gives
/// the models something to find — buying rates that differ by customer, and a share of customers who stopped buying
/// at some point (churned) — generated once and reused while its counts match.
/// </summary>
internal static class RecomputeDatabase
{
    private const int Batch = 100_000;

    public static string DefaultPath(int customers, int orders) =>
        Path.Combine(Path.GetTempPath(), $"crmlive-bench-recompute-{customers}-{orders}.db");

    /// <summary>The file at <paramref name="path"/>, generated first unless its counts already match.</summary>
    public static async Task EnsureAsync(IDbContextFactory<CrmDbContext> dbFactory, string path, string connectionString,
        int customers, int orders)
    {
        if (await MatchesAsync(dbFactory, path, customers, orders))
        {
            Console.WriteLine($"Reusing {path} ({customers:N0} customers, {orders:N0} orders).");
            return;
        }
        Console.WriteLine($"Generating {path}: {customers:N0} customers, {orders:N0} orders");
        SqliteBenchHost.Delete(path);
        var generation = Stopwatch.StartNew();
        await GenerateAsync(dbFactory, connectionString, customers, orders, Console.Out);
        Console.WriteLine($"Generated in {generation.Elapsed.TotalSeconds:0.0} s.");
    }

    public static async Task<bool> MatchesAsync(IDbContextFactory<CrmDbContext> dbFactory, string path, int customers, int orders)
    {
        if (!File.Exists(path)) return false;
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            return await db.Customers.CountAsync() == customers && await db.Orders.CountAsync() == orders;
        }
        catch (Exception e) when (e is SqliteException or InvalidOperationException)
        {
            return false;
        }
    }

    public static async Task GenerateAsync(IDbContextFactory<CrmDbContext> dbFactory, string connectionString, int customers,
        int orders, TextWriter log)
    {
        await CustomerDatabase.GenerateAsync(dbFactory, connectionString, customers, events: 0, companies: Math.Max(1, customers / 50), log);
        var watch = Stopwatch.StartNew();
        List<(Guid Id, DateTimeOffset CreatedAt)> people;
        await using var db = await dbFactory.CreateDbContextAsync();
        people = (await db.Customers.AsNoTracking().Select(c => new { c.Id, c.CreatedAt }).ToListAsync())
            .Select(c => (c.Id, c.CreatedAt)).ToList();

        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        Execute(connection, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-1000000; PRAGMA temp_store=MEMORY;");
        var indexes = Indexes(connection);
        foreach (var (name, _) in indexes) Execute(connection, $"DROP INDEX \"{name}\";");

        var random = new Random(20261124);
        var now = DateTimeOffset.UtcNow;
        // Each customer gets a weight (how much they buy) and, for 45 % of them, a moment they stop buying.
        var weights = people.Select(_ => random.NextDouble() < 0.15 ? 0 : -Math.Log(1 - random.NextDouble())).ToArray();
        var total = weights.Sum();
        var written = 0;
        using var writer = new EntityRowWriter<Order>(db, connection);
        SqliteTransaction? tx = null;
        for (var c = 0; c < people.Count && written < orders; c++)
        {
            var (id, created) = people[c];
            var count = c == people.Count - 1 ? orders - written : (int)Math.Round(weights[c] / total * orders);
            count = Math.Min(count, orders - written);
            if (count == 0) continue;
            var span = (now - created).TotalSeconds;
            var stopsAt = random.NextDouble() < 0.45 ? span * random.NextDouble() : span;
            var basket = 15 + 120 * -Math.Log(1 - random.NextDouble());
            for (var i = 0; i < count; i++)
            {
                if (written % Batch == 0)
                {
                    tx?.Commit();
                    tx = connection.BeginTransaction();
                    writer.Transaction = tx;
                }
                var placed = created + TimeSpan.FromSeconds(random.NextDouble() * stopsAt);
                var roll = random.Next(100);
                var status = roll < 4 ? OrderStatus.Cancelled : roll < 6 ? OrderStatus.Refunded : OrderStatus.Delivered;
                var amount = Math.Round((decimal)(basket * (0.5 + random.NextDouble())), 2);
                writer.Insert(new Order(id, $"B{written:D9}", placed, amount, "EUR", (SalesChannel)random.Next(4), status,
                    1 + random.Next(4), "bench items"));
                written++;
            }
        }
        tx?.Commit();
        log.WriteLine($"  {$"{written:N0} orders",-44} {watch.Elapsed.TotalSeconds,8:0.0} s");
        foreach (var (_, sql) in indexes) Execute(connection, sql);
        Execute(connection, "ANALYZE; PRAGMA optimize; PRAGMA journal_mode=WAL;");
        log.WriteLine($"  {"order indexes, ANALYZE",-44} {watch.Elapsed.TotalSeconds,8:0.0} s");
    }

    private static List<(string Name, string Sql)> Indexes(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name, sql FROM sqlite_master WHERE tbl_name = 'Orders' AND type = 'index' AND sql IS NOT NULL";
        using var reader = command.ExecuteReader();
        var rows = new List<(string, string)>();
        while (reader.Read()) rows.Add((reader.GetString(0), reader.GetString(1)));
        return rows;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        command.ExecuteNonQuery();
    }
}
