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

    /// <summary>Messages whose text contains <paramref name="term"/>, ignoring case.</summary>
    IQueryable<Message> SearchMessages(IQueryable<Message> messages, string term);
}
