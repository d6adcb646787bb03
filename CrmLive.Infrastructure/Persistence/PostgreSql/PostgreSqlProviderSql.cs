using System.Linq.Expressions;
using CrmLive.Domain.Conversations;
using CrmLive.Domain.Customers;
using CrmLive.Infrastructure.Persistence.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CrmLive.Infrastructure.Persistence.PostgreSql;

/// <summary>
/// PostgreSQL: customer search is LIKE on the lower-cased <c>SearchText</c>, served by a pg_trgm GIN index for
/// substrings and a text_pattern_ops index for name prefixes (see the CrmCore migration); ILIKE for messages.
/// </summary>
internal sealed class PostgreSqlProviderSql : IProviderSql
{
    public IQueryable<Guid> SearchCustomerIds(CrmDbContext db, string term, int limit)
    {
        var normalized = CustomerSearchText.NormalizeTerm(term);
        var pattern = normalized.Length < 3
            ? ProviderSqlPatterns.Prefix(normalized)
            : ProviderSqlPatterns.Contains(normalized);
        var query = db.Customers.Where(c => EF.Functions.Like(c.SearchText, pattern, "\\"));
        return (normalized.Length < 3 ? query.OrderBy(c => c.SearchText) : query).Take(limit).Select(c => c.Id);
    }

    public bool NeedsBroadFilterHint => false;

    public Expression<Func<T, bool>> WithoutIndex<T>(Expression<Func<T, bool>> predicate) => predicate;

    public IQueryable<Message> SearchMessages(IQueryable<Message> messages, string term)
    {
        var contains = ProviderSqlPatterns.Contains(term);
        return messages.Where(m => EF.Functions.ILike(m.Text, contains, "\\"));
    }
}
