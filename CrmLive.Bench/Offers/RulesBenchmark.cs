using System.Diagnostics;
using CrmLive.Bench.Analytics;
using CrmLive.Infrastructure.Offers;
using CrmLive.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmLive.Bench.Offers;

internal sealed record RulesBenchmarkOptions(int Customers, int Orders, string? DbPath);

/// <summary>
/// Mines the product rules of the recompute benchmark's database (ten million orders, with lines added) through
/// the same job the schedule runs, and reports its time and memory.
/// </summary>
internal static class RulesBenchmark
{
    public static async Task<int> RunAsync(RulesBenchmarkOptions o)
    {
        var dbPath = o.DbPath ?? RecomputeDatabase.DefaultPath(o.Customers, o.Orders);
        var (host, connectionString) = SqliteBenchHost.Create(dbPath);
        using var owned = host;
        var services = host.Services;
        var dbFactory = services.GetRequiredService<IDbContextFactory<CrmDbContext>>();
        await RecomputeDatabase.EnsureAsync(dbFactory, dbPath, connectionString, o.Customers, o.Orders);
        await using (var db = await dbFactory.CreateDbContextAsync()) await db.Database.MigrateAsync();
        if (!await OrderLineHistory.CompleteAsync(dbFactory))
        {
            Console.WriteLine("Adding order lines");
            await OrderLineHistory.GenerateAsync(dbFactory, connectionString, Console.Out);
        }
        else Console.WriteLine($"Reusing {dbPath} with its order lines.");

        GC.Collect();
        var watch = Stopwatch.StartNew();
        var mined = await services.GetRequiredService<OfferRulesJob>().RunAsync(CancellationToken.None);
        var seconds = watch.Elapsed.TotalSeconds;
        var peakMb = Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024);

        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            var top = await db.ProductRules.AsNoTracking().OrderByDescending(r => r.Lift).Take(5).ToListAsync();
            Console.WriteLine();
            Console.WriteLine($"{"rule",-36} {"support",9} {"confidence",11} {"lift",7}");
            foreach (var r in top)
                Console.WriteLine($"{r.IfNames.Replace("|", " + ") + " → " + r.ThenName,-36} {r.Support,9:P2} {r.Confidence,11:P1} {r.Lift,7:0.00}");
        }
        Console.WriteLine();
        Console.WriteLine($"{"orders with lines",-20} {mined.Orders,12:N0}");
        Console.WriteLine($"{"products",-20} {mined.Products,12:N0}");
        Console.WriteLine($"{"rules kept",-20} {mined.Rules,12:N0}");
        Console.WriteLine($"{"seconds",-20} {seconds,12:0.0}");
        Console.WriteLine($"{"peak RSS (MB)",-20} {peakMb,12:N0}");
        Console.WriteLine($"RESULT rules orders={mined.Orders} seconds={seconds:0.0} rules={mined.Rules} peak_rss_mb={peakMb}");
        return 0;
    }
}
