using System.Diagnostics;
using CrmLive.Infrastructure;
using CrmLive.Infrastructure.Demo;
using CrmLive.Infrastructure.Analytics;
using CrmLive.Infrastructure.Persistence;
using CrmLive.Infrastructure.Persistence.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CrmLive.Bench;

/// <summary>Seeds the demo company on a fresh SQLite file, then times the analytics recompute (RFM, segments, loyalty, LTV, churn) over it.</summary>
internal static class SeedRfmBenchmark
{
    public static async Task RunAsync(int customers)
    {
        var dbPath = Path.Combine(Path.GetTempPath(), $"crmlive-bench-{Guid.NewGuid():N}.db");
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration["ConnectionStrings:Crm"] = $"Data Source={dbPath}";
        builder.Configuration["Jobs:RunServer"] = "false";
        builder.AddInfrastructure();
        using var host = builder.Build();
        var dbFactory = host.Services.GetRequiredService<IDbContextFactory<CrmDbContext>>();
        try
        {
            await using (var db = await dbFactory.CreateDbContextAsync())
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
                await db.Database.MigrateAsync();
            }

            var seedWatch = Stopwatch.StartNew();
            await using (var db = await dbFactory.CreateDbContextAsync())
            {
                await host.Services.GetRequiredService<DemoCompanySeeder>()
                    .SeedAsync(db, new DemoOptions { Customers = customers }, DateTimeOffset.UtcNow, CancellationToken.None);
            }
            seedWatch.Stop();

            int orders;
            await using (var db = await dbFactory.CreateDbContextAsync()) orders = await db.Orders.CountAsync();

            var job = host.Services.GetRequiredService<AnalyticsRecomputeJob>();
            var rfmWatch = Stopwatch.StartNew();
            var scored = (await job.RunAsync(null, CancellationToken.None)).Total;
            rfmWatch.Stop();
            var peakMb = Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024);

            Console.WriteLine($"{"step",-14} {"rows",12} {"seconds",10}");
            Console.WriteLine($"{"seed",-14} {customers + orders,12} {seedWatch.Elapsed.TotalSeconds,10:0.00}");
            Console.WriteLine($"{"rfm recompute",-14} {scored,12} {rfmWatch.Elapsed.TotalSeconds,10:0.00}");
            Console.WriteLine(
                $"RESULT seed-rfm customers={customers} orders={orders} seed_s={seedWatch.Elapsed.TotalSeconds:0.00} rfm_s={rfmWatch.Elapsed.TotalSeconds:0.00} peak_mb={peakMb}");
        }
        finally
        {
            SqliteFiles.Delete(dbPath);
        }
    }
}
