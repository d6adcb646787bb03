using CrmLive.Domain.Conversations;
using CrmLive.Domain.Customers;

namespace CrmLive.Infrastructure.Persistence;

/// <summary>
/// What each database does its own way, behind one interface with one implementation per provider
/// (<see cref="Sqlite.SqliteProviderSql"/>, <see cref="PostgreSql.PostgreSqlProviderSql"/>,
/// <see cref="SqlServer.SqlServerProviderSql"/>).
/// </summary>
public interface IProviderSql
{
    /// <summary>
    /// Customers whose name, a word of their name, or e-mail starts with <paramref name="term"/>, ignoring case.
    /// </summary>
    IQueryable<Customer> SearchCustomers(IQueryable<Customer> customers, string term);

    /// <summary>Messages whose text contains <paramref name="term"/>, ignoring case.</summary>
    IQueryable<Message> SearchMessages(IQueryable<Message> messages, string term);
}
