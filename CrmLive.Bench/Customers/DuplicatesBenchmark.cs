using System.Diagnostics;
using CrmLive.Infrastructure;
using CrmLive.Infrastructure.Customers.Merge;
using CrmLive.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CrmLive.Bench.Customers;

/// <summary>
/// Duplicate suggestions on an existing customers database (the <c>customers</c> scenario's file): the 360 page's
/// "possible duplicates" lookup for random customers, and the first pages of the suggestions list.
/// </summary>
internal static class DuplicatesBenchmark
{
    public static async Task<int> RunAsync(string dbPath, int samples)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration["ConnectionStrings:Crm"] = new SqliteConnectionStringBuilder { DataSource = dbPath }.ToString();
        builder.Configuration["Jobs:RunServer"] = "false";
        builder.AddInfrastructure();
        using var host = builder.Build();
        var finder = host.Services.GetRequiredService<DuplicateFinder>();
        List<Guid> ids;
        int total;
        await using (var db = await host.Services.GetRequiredService<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync())
        {
            total = await db.Customers.CountAsync();
            // Spread over the table: every (total / samples)-th customer in creation order.
            var step = Math.Max(1, total / samples);
            ids = [];
            for (var i = 0; i < samples; i++)
                ids.Add(await db.Customers.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id).Skip(i * step).Select(c => c.Id).FirstAsync());
        }

        var latencies = new Latencies();
        var found = 0;
        for (var round = 0; round < 2; round++)
            foreach (var id in ids)
            {
                var watch = Stopwatch.StartNew();
                var matches = await finder.ForCustomerAsync(id);
                if (round == 1) { latencies.Add("360 possible duplicates", watch.Elapsed.TotalMilliseconds); found += matches.Count > 0 ? 1 : 0; }
            }
        DuplicateCursor? cursor = null;
        var groups = 0;
        var pages = 0;
        for (var page = 0; page < 5; page++)
        {
            var watch = Stopwatch.StartNew();
            var result = await finder.SuggestionsAsync(cursor);
            latencies.Add("suggestions page", watch.Elapsed.TotalMilliseconds);
            groups += result.Groups.Count;
            pages++;
            cursor = result.Next;
            if (cursor is null) break;
        }
        latencies.Print(Console.Out);
        Console.WriteLine($"RESULT duplicates customers={total} hint_p95_ms={latencies.Percentile("360 possible duplicates", 0.95):0.0} " +
            $"hint_with_match={found}/{ids.Count} suggestions_p95_ms={latencies.Percentile("suggestions page", 0.95):0.0} " +
            $"groups_in_{pages}_pages={groups}");
        return 0;
    }
}
