using System.Linq.Expressions;
using CrmLive.Domain.Conversations;
using CrmLive.Domain.Customers;
using CrmLive.Infrastructure.Persistence.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CrmLive.Infrastructure.Persistence.SqlServer;

/// <summary>
/// SQL Server: LIKE under the database's default case-insensitive collation. Name prefixes use the SearchText
/// index; substrings scan it (SQL Server's full-text search has no infix matching), which is bounded by the limit.
/// </summary>
internal sealed class SqlServerProviderSql : IProviderSql
{
    public IQueryable<Guid> SearchCustomerIds(CrmDbContext db, string term, int limit)
    {
        var normalized = CustomerSearchText.NormalizeTerm(term);
        var pattern = normalized.Length < 3
            ? ProviderSqlPatterns.Prefix(normalized)
            : ProviderSqlPatterns.Contains(normalized);
        return db.Customers.Where(c => EF.Functions.Like(c.SearchText, pattern, "\\")).Take(limit).Select(c => c.Id);
    }

    public bool NeedsBroadFilterHint => false;

    public Expression<Func<T, bool>> WithoutIndex<T>(Expression<Func<T, bool>> predicate) => predicate;

    public IQueryable<Message> SearchMessages(IQueryable<Message> messages, string term)
    {
        var contains = ProviderSqlPatterns.Contains(term);
        return messages.Where(m => EF.Functions.Like(m.Text, contains, "\\"));
    }
}
