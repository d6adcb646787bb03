using CrmLive.Domain.Conversations;
using CrmLive.Domain.Customers;
using CrmLive.Infrastructure.Persistence.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CrmLive.Infrastructure.Persistence.PostgreSql;

/// <summary>PostgreSQL: ILIKE, case-insensitive for every alphabet.</summary>
internal sealed class PostgreSqlProviderSql : IProviderSql
{
    public IQueryable<Customer> SearchCustomers(IQueryable<Customer> customers, string term)
    {
        var prefix = ProviderSqlPatterns.Prefix(term);
        var word = ProviderSqlPatterns.WordPrefix(term);
        return customers.Where(c => EF.Functions.ILike(c.Name, prefix, "\\")
            || EF.Functions.ILike(c.Name, word, "\\")
            || (c.Email != null && EF.Functions.ILike(c.Email, prefix, "\\")));
    }

    public IQueryable<Message> SearchMessages(IQueryable<Message> messages, string term)
    {
        var contains = ProviderSqlPatterns.Contains(term);
        return messages.Where(m => EF.Functions.ILike(m.Text, contains, "\\"));
    }
}
