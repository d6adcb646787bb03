using CrmLive.Domain.Conversations;
using CrmLive.Domain.Customers;
using CrmLive.Infrastructure.Persistence.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CrmLive.Infrastructure.Persistence.SqlServer;

/// <summary>SQL Server: LIKE under the database's default case-insensitive collation, so no LOWER() to defeat indexes.</summary>
internal sealed class SqlServerProviderSql : IProviderSql
{
    public IQueryable<Customer> SearchCustomers(IQueryable<Customer> customers, string term)
    {
        var prefix = ProviderSqlPatterns.Prefix(term);
        var word = ProviderSqlPatterns.WordPrefix(term);
        return customers.Where(c => EF.Functions.Like(c.Name, prefix, "\\")
            || EF.Functions.Like(c.Name, word, "\\")
            || (c.Email != null && EF.Functions.Like(c.Email, prefix, "\\")));
    }

    public IQueryable<Message> SearchMessages(IQueryable<Message> messages, string term)
    {
        var contains = ProviderSqlPatterns.Contains(term);
        return messages.Where(m => EF.Functions.Like(m.Text, contains, "\\"));
    }
}
