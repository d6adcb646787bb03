using System.Linq.Expressions;
using CrmLive.Domain.Conversations;

namespace CrmLive.Infrastructure.Persistence;

/// <summary>
/// What each database does its own way, behind one interface with one implementation per provider
/// (<see cref="Sqlite.SqliteProviderSql"/>, <see cref="PostgreSql.PostgreSqlProviderSql"/>,
/// <see cref="SqlServer.SqlServerProviderSql"/>).
/// </summary>
public interface IProviderSql
{
    /// <summary>
    /// Ids of at most <paramref name="limit"/> customers whose name, e-mails, phone digits or company contain the
    /// (normalised) term; one or two characters match the start of the name. Answered from an index on every
    /// provider that has one (FTS5 trigrams on SQLite, pg_trgm on PostgreSQL), so it stays fast at a million rows.
    /// </summary>
    IQueryable<Guid> SearchCustomerIds(CrmDbContext db, string term, int limit);

    /// <summary>
    /// Whether the planner has to be told that a filter keeps a large share of the rows. SQLite has no histograms
    /// (no STAT4), so it reads any indexed range as selective and prefers the filter's index to the ORDER BY's, then
    /// sorts every match. PostgreSQL and SQL Server estimate a range's share from their column statistics.
    /// </summary>
    bool NeedsBroadFilterHint { get; }

    /// <summary>
    /// <paramref name="predicate"/> in a form no index answers, so the ORDER BY's index drives the query and the
    /// predicate is checked row by row (see <see cref="NeedsBroadFilterHint"/>). Unchanged where not needed.
    /// </summary>
    Expression<Func<T, bool>> WithoutIndex<T>(Expression<Func<T, bool>> predicate);

    /// <summary>Messages whose text contains <paramref name="term"/>, ignoring case.</summary>
    IQueryable<Message> SearchMessages(IQueryable<Message> messages, string term);

    /// <summary>
    /// Readies the context's connection for a bulk load, before its transaction begins; disposing puts the
    /// connection's settings back once the transaction is over. Only SQLite has settings to change.
    /// </summary>
    Task<IAsyncDisposable> PrepareBulkLoadAsync(CrmDbContext db, CancellationToken ct) =>
        Task.FromResult<IAsyncDisposable>(BulkLoadSettings.Unchanged);

    /// <summary>
    /// Prepares the current transaction for many new customers at once; <see cref="CustomerBulkInsert.CompleteAsync"/>
    /// makes them searchable before the commit. Only SQLite needs it (its FTS5 index is slow row by row, see
    /// <see cref="Sqlite.CustomerSearchIndex.AllowDeferredInserts"/>); elsewhere the indexes keep up by themselves.
    /// </summary>
    Task<CustomerBulkInsert> BeginCustomerBulkInsertAsync(CrmDbContext db, CancellationToken ct) =>
        Task.FromResult(CustomerBulkInsert.Nothing);
}

/// <summary>What finishes a bulk insert of customers (see <see cref="IProviderSql.BeginCustomerBulkInsertAsync"/>).</summary>
public sealed class CustomerBulkInsert(Func<CancellationToken, Task> complete)
{
    public static readonly CustomerBulkInsert Nothing = new(_ => Task.CompletedTask);

    public Task CompleteAsync(CancellationToken ct) => complete(ct);
}

/// <summary>Connection settings changed for a bulk load, put back when disposed.</summary>
public sealed class BulkLoadSettings(Func<Task> restore) : IAsyncDisposable
{
    public static readonly BulkLoadSettings Unchanged = new(() => Task.CompletedTask);

    public async ValueTask DisposeAsync() => await restore();
}
