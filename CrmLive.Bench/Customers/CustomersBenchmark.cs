using System.Diagnostics;
using CrmLive.Infrastructure;
using CrmLive.Infrastructure.Customers;
using CrmLive.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CrmLive.Bench.Customers;

internal sealed record CustomersBenchmarkOptions(int Customers, int Events, int Companies, int Rounds, string? DbPath, bool Plans);

/// <summary>
/// Search-as-you-type, list pages and the customer 360 at a million customers, on SQLite, through the product's
/// read side (<see cref="CustomerQueries"/>) exactly as the Blazor pages call it.
/// </summary>
internal static class CustomersBenchmark
{
    public static async Task<int> RunAsync(CustomersBenchmarkOptions o)
    {
        var dbPath = o.DbPath ?? Path.Combine(Path.GetTempPath(), $"crmlive-bench-customers-{o.Customers}-{o.Events}.db");
        var (host, connectionString) = SqliteBenchHost.Create(dbPath);
        using var owned = host;
        var dbFactory = host.Services.GetRequiredService<IDbContextFactory<CrmDbContext>>();

        if (await CustomerDatabase.MatchesAsync(dbFactory, dbPath, o.Customers, o.Events))
            Console.WriteLine($"Reusing {dbPath} ({o.Customers:N0} customers, {o.Events:N0} events).");
        else
        {
            Console.WriteLine($"Generating {dbPath}: {o.Customers:N0} customers, {o.Companies:N0} companies, {o.Events:N0} events");
            SqliteBenchHost.Delete(dbPath);
            var watch = Stopwatch.StartNew();
            await CustomerDatabase.GenerateAsync(dbFactory, connectionString, o.Customers, o.Events, o.Companies, Console.Out);
            Console.WriteLine($"Generated in {watch.Elapsed.TotalSeconds:0.0} s.");
        }
        var dbMb = new[] { "", "-wal" }.Select(s => new FileInfo(dbPath + s)).Where(f => f.Exists).Sum(f => f.Length) / 1048576.0;

        Guid timelineCustomer, company;
        List<(string, string)> terms;
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            timelineCustomer = await db.Customers.Where(c => c.ExternalId == CustomerDatabase.TimelineCustomer).Select(c => c.Id).SingleAsync();
            company = await db.Customers.Where(c => c.Id == timelineCustomer || c.CompanyId != null)
                .Select(c => c.CompanyId).FirstAsync() ?? Guid.Empty;
            terms = await CustomerWorkload.TermsAsync(db, 6);
        }

        var queries = host.Services.GetRequiredService<CustomerQueries>();
        var filters = CustomerWorkload.Filters(company, DateTimeOffset.UtcNow);
        var cursors = await new CustomerWorkload(queries, new Latencies()).DeepCursorsAsync(timelineCustomer, o.Events);

        // Round 0 warms the JIT, EF's query cache and SQLite's page cache; it is not counted.
        var latencies = new Latencies();
        for (var round = 0; round <= o.Rounds; round++)
        {
            // Plans are printed in the uncounted round only: running EXPLAIN first would add to the measurements.
            using var plans = o.Plans && round == 0 ? QueryPlans.Start(Console.Out) : null;
            var workload = new CustomerWorkload(queries, round == 0 ? new Latencies() : latencies);
            await workload.SearchAsync(terms);
            await workload.SortedPagesAsync();
            await workload.FilteredPagesAsync(filters);
            for (var i = 0; i < 10; i++)
            {
                await workload.OpenCustomerAsync(timelineCustomer);
                await workload.DeepTimelineAsync(timelineCustomer, cursors);
            }
        }

        latencies.Print(Console.Out);
        var search = latencies.Percentile("search ", 0.95);
        var list = latencies.Percentile("list ", 0.95);
        var first = latencies.Percentile("360 first page", 0.95);
        var deep = latencies.Percentile("360 timeline, page after", 0.95);
        Console.WriteLine($"db {dbPath}: {dbMb:0} MB");
        Console.WriteLine(FormattableString.Invariant(
            $"RESULT customers n={o.Customers} search_p95_ms={search:0.0} list_page_p95_ms={list:0.0} c360_first_ms={first:0.0} c360_deep_ms={deep:0.0} db_mb={dbMb:0}"));
        return 0;
    }
}
