using System.Collections.Concurrent;
using System.Diagnostics;
using CrmLive.Domain.Live;
using CrmLive.Infrastructure;
using CrmLive.Infrastructure.Analytics;
using CrmLive.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CrmLive.Bench.Analytics;

internal sealed record RecomputeBenchmarkOptions(int Customers, int Orders, string? DbPath);

/// <summary>
/// The full analytics recompute (RFM, segments, loyalty, lifetime value, churn) at a million customers and ten million
/// orders on SQLite, through the same job the schedule runs, timed per stage.
/// </summary>
internal static class RecomputeBenchmark
{
    public static async Task<int> RunAsync(RecomputeBenchmarkOptions o)
    {
        var dbPath = o.DbPath ?? RecomputeDatabase.DefaultPath(o.Customers, o.Orders);
        var (host, connectionString) = SqliteBenchHost.Create(dbPath);
        using var owned = host;
        var dbFactory = host.Services.GetRequiredService<IDbContextFactory<CrmDbContext>>();
        await RecomputeDatabase.EnsureAsync(dbFactory, dbPath, connectionString, o.Customers, o.Orders);

        var stages = new ConcurrentQueue<(string Stage, TimeSpan At)>();
        var watch = Stopwatch.StartNew();
        using var _ = host.Services.GetRequiredService<ILiveEventBus>().Subscribe<AnalyticsProgressed>(e =>
        {
            if (stages.LastOrDefault().Stage != e.Stage) stages.Enqueue((e.Stage, watch.Elapsed));
            return Task.CompletedTask;
        });
        var run = await host.Services.GetRequiredService<AnalyticsRecomputeJob>().RunAsync(null, CancellationToken.None);
        var seconds = watch.Elapsed.TotalSeconds;
        var peakMb = Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024);

        var marks = stages.ToList();
        Console.WriteLine($"{"stage",-28} {"seconds",10}");
        for (var i = 0; i < marks.Count; i++)
        {
            var end = i + 1 < marks.Count ? marks[i + 1].At : watch.Elapsed;
            Console.WriteLine($"{marks[i].Stage,-28} {(end - marks[i].At).TotalSeconds,10:0.0}");
        }
        Console.WriteLine($"{"total",-28} {seconds,10:0.0}");
        var summary = AnalyticsJson.Summary(run.Summary);
        foreach (var s in summary.Segments)
            Console.WriteLine($"  {s.Name,-16} {s.Customers,9:N0} customers  loyalty {s.AverageLoyalty,5:0}  churn {s.AverageChurnRisk,6:P0}");
        Console.WriteLine(
            $"RESULT recompute customers={run.Total} orders={o.Orders} seconds={seconds:0.0} peak_rss_mb={peakMb} churn_auc={run.ChurnAuc:0.000}");
        return 0;
    }
}
