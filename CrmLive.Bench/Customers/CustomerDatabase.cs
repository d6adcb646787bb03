using System.Diagnostics;
using CrmLive.Domain.Customers;
using CrmLive.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CrmLive.Bench.Customers;

/// <summary>
/// The benchmark's SQLite file: N customers over a set of companies, some tagged, plus one customer with E timeline
/// events. Generated once through the migrated schema and reused while its counts match.
/// </summary>
internal static class CustomerDatabase
{
    /// <summary>ExternalId of the customer whose long timeline the 360 page is measured on.</summary>
    public const string TimelineCustomer = "bench-360";

    private const int Batch = 50_000;

    public static async Task<bool> MatchesAsync(IDbContextFactory<CrmDbContext> dbFactory, string path, int customers, int events)
    {
        if (!File.Exists(path)) return false;
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            if (await db.Customers.CountAsync() != customers) return false;
            var id = await db.Customers.Where(c => c.ExternalId == TimelineCustomer).Select(c => c.Id).SingleAsync();
            return await db.Timeline.CountAsync(t => t.CustomerId == id) == events;
        }
        catch (Exception e) when (e is SqliteException or InvalidOperationException)
        {
            return false; // Not migrated, an older schema, or an interrupted run.
        }
    }

    public static async Task GenerateAsync(IDbContextFactory<CrmDbContext> dbFactory, string connectionString,
        int customers, int events, int companies, TextWriter log)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        await db.Database.MigrateAsync();
        var watch = Stopwatch.StartNew();
        void Step(string what) => log.WriteLine($"  {what,-44} {watch.Elapsed.TotalSeconds,8:0.0} s");

        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        // A throwaway file being filled: no fsyncs, a big page cache, temp B-trees (index builds) in memory.
        Execute(connection, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-1000000; PRAGMA temp_store=MEMORY;");

        // Secondary indexes and the search triggers are dropped while loading and recreated from their exact DDL
        // afterwards: sorted index builds and one FTS 'rebuild' beat a million random B-tree and FTS inserts.
        var ddl = Query(connection, """
            SELECT type, name, sql FROM sqlite_master
            WHERE tbl_name IN ('Customers', 'Companies', 'RecordTags', 'TimelineEntries')
              AND type IN ('index', 'trigger') AND sql IS NOT NULL
            """);
        foreach (var (type, name, _) in ddl) Execute(connection, $"DROP {type.ToUpperInvariant()} \"{name}\";");

        var random = new Random(20261123);
        var sample = new SampleCustomers(random, DateTimeOffset.UtcNow);
        var companyRows = Enumerable.Range(0, companies).Select(_ => sample.NewCompany()).ToList();
        Load(db, connection, companyRows);
        Step($"{companies:N0} companies");

        using (var customerWriter = new EntityRowWriter<Customer>(db, connection))
        using (var tagWriter = new EntityRowWriter<RecordTag>(db, connection))
        {
            for (var start = 0; start < customers; start += Batch)
            {
                using var tx = connection.BeginTransaction();
                customerWriter.Transaction = tx;
                tagWriter.Transaction = tx;
                for (var i = start; i < Math.Min(customers, start + Batch); i++)
                {
                    var company = random.Next(10) < 6 ? companyRows[random.Next(companyRows.Count)] : null;
                    // Oldest first, as records arrive in a real CRM: storage order follows creation order.
                    var age = TimeSpan.FromDays(5 * 365.0 * (customers - i) / customers);
                    var customer = sample.NewCustomer(i, company, age);
                    if (i == 0) customer.SetExternalId(TimelineCustomer);
                    customerWriter.Insert(customer);
                    foreach (var tag in sample.TagsFor()) tagWriter.Insert(new RecordTag(customer.Id, tag));
                    if (i == 0) LoadTimeline(db, connection, tx, sample, customer.Id, events);
                }
                tx.Commit();
            }
        }
        Step($"{customers:N0} customers, tags, {events:N0} events");

        foreach (var (_, _, sql) in ddl.Where(d => d.Type == "index")) Execute(connection, sql);
        Step("indexes");
        Execute(connection, """INSERT INTO "CustomerSearch"("CustomerSearch") VALUES ('rebuild');""");
        Step("FTS5 trigram rebuild");
        foreach (var (_, _, sql) in ddl.Where(d => d.Type == "trigger")) Execute(connection, sql);
        Execute(connection, "ANALYZE; PRAGMA optimize;");
        Step("ANALYZE");
        Execute(connection, "PRAGMA journal_mode=WAL;");
    }

    private static void LoadTimeline(CrmDbContext db, SqliteConnection connection, SqliteTransaction tx,
        SampleCustomers sample, Guid customerId, int events)
    {
        using var writer = new EntityRowWriter<TimelineEntry>(db, connection) { Transaction = tx };
        for (var i = 0; i < events; i++) writer.Insert(sample.NewEvent(customerId, i, events));
    }

    private static void Load<T>(CrmDbContext db, SqliteConnection connection, IEnumerable<T> rows) where T : class
    {
        using var tx = connection.BeginTransaction();
        using var writer = new EntityRowWriter<T>(db, connection) { Transaction = tx };
        foreach (var row in rows) writer.Insert(row);
        tx.Commit();
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        command.ExecuteNonQuery();
    }

    private static List<(string Type, string Name, string Sql)> Query(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<(string, string, string)>();
        while (reader.Read()) rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        return rows;
    }
}
