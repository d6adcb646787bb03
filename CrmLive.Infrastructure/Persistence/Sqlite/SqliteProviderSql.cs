using CrmLive.Domain.Conversations;
using CrmLive.Domain.Customers;
using Microsoft.EntityFrameworkCore;

namespace CrmLive.Infrastructure.Persistence.Sqlite;

/// <summary>SQLite: LIKE is case-insensitive for ASCII; names are lowered for the rest.</summary>
internal sealed class SqliteProviderSql : IProviderSql
{
    public IQueryable<Customer> SearchCustomers(IQueryable<Customer> customers, string term)
    {
        var prefix = ProviderSqlPatterns.Prefix(term);
        var word = ProviderSqlPatterns.WordPrefix(term);
        return customers.Where(c => EF.Functions.Like(c.Name.ToLower(), prefix, "\\")
            || EF.Functions.Like(c.Name.ToLower(), word, "\\")
            || (c.Email != null && EF.Functions.Like(c.Email, prefix, "\\")));
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

    public static string WordPrefix(string term) => "% " + Escape(term) + "%";

    public static string Contains(string term) => "%" + Escape(term) + "%";
}
