using System.Linq.Expressions;
using CrmLive.Domain.Conversations;
using CrmLive.Domain.Customers;
using Microsoft.EntityFrameworkCore;

namespace CrmLive.Infrastructure.Persistence.Sqlite;

/// <summary>
/// SQLite: customer search reads the FTS5 trigram index <c>CustomerSearch</c> (kept in step with
/// <c>Customers.SearchText</c> by triggers, see the CrmCore migration); LIKE is case-insensitive for ASCII.
/// </summary>
internal sealed class SqliteProviderSql : IProviderSql
{
    public IQueryable<Guid> SearchCustomerIds(CrmDbContext db, string term, int limit)
    {
        var normalized = CustomerSearchText.NormalizeTerm(term);
        if (normalized.Length < 3)
            return NamePrefix(db, normalized, limit);
        var phrase = "\"" + normalized.Replace("\"", "\"\"") + "\"";
        return db.Database.SqlQuery<Guid>($"""
            SELECT c."Id" AS "Value" FROM "CustomerSearch" s JOIN "Customers" c ON c.rowid = s.rowid
            WHERE "CustomerSearch" MATCH {phrase} LIMIT {limit}
            """);
    }

    /// <summary>SearchText starts with the lower-cased name, so its index answers a name prefix as a range.</summary>
    internal static IQueryable<Guid> NamePrefix(CrmDbContext db, string prefix, int limit)
    {
        var upper = prefix + '\uffff';
        return db.Customers.Where(c => string.Compare(c.SearchText, prefix) >= 0 && string.Compare(c.SearchText, upper) < 0)
            .OrderBy(c => c.SearchText).Take(limit).Select(c => c.Id);
    }

    public bool NeedsBroadFilterHint => true;

    public Expression<Func<T, bool>> WithoutIndex<T>(Expression<Func<T, bool>> predicate) => SqliteNoIndex.Rewrite(predicate);

    public async Task<IAsyncDisposable> PrepareBulkLoadAsync(CrmDbContext db, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        // A bulk load touches pages all over every index: a bigger cache and rarer checkpoints write each page once
        // per few batches instead of once per batch. The search trigger makes every insert keep a statement journal,
        // which spills to a temp file past 64 KB (a dozen writes per row) unless temp_store is MEMORY, and SQLite reads
        // that setting when the write transaction begins. All put back afterwards, as the connection is pooled.
        await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size=-262144; PRAGMA wal_autocheckpoint=65536; PRAGMA temp_store=MEMORY;", ct);
        return new BulkLoadSettings(async () =>
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size=-32000; PRAGMA wal_autocheckpoint=1000; PRAGMA temp_store=DEFAULT;");
            await db.Database.CloseConnectionAsync();
        });
    }

    public async Task<CustomerBulkInsert> BeginCustomerBulkInsertAsync(CrmDbContext db, CancellationToken ct)
    {
        await db.Database.ExecuteSqlRawAsync("""INSERT INTO "CustomerSearchDeferred" ("Flag") VALUES (1)""", ct);
        var before = await db.Database.SqlQueryRaw<long>("""SELECT coalesce(max(rowid), 0) AS "Value" FROM "Customers" """)
            .SingleAsync(ct);
        return new CustomerBulkInsert(async token =>
        {
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "CustomerSearch"(rowid, "SearchText") SELECT rowid, "SearchText" FROM "Customers" WHERE rowid > {before}
                """, token);
            await db.Database.ExecuteSqlRawAsync("""DELETE FROM "CustomerSearchDeferred" """, token);
        });
    }

    public IQueryable<Message> SearchMessages(IQueryable<Message> messages, string term)
    {
        var contains = ProviderSqlPatterns.Contains(term);
        return messages.Where(m => EF.Functions.Like(m.Text.ToLower(), contains, "\\"));
    }
}

/// <summary>LIKE patterns with the user's wildcards escaped, so "50%" searches for a literal percent sign.</summary>
internal static class ProviderSqlPatterns
{
    public static string Escape(string term) =>
        term.Trim().ToLowerInvariant().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");

    public static string Prefix(string term) => Escape(term) + "%";

    public static string Contains(string term) => "%" + Escape(term) + "%";
}
