using System.Linq.Expressions;
using CrmLive.Domain.Common;
using CrmLive.Domain.Customers;
using CrmLive.Domain.Customers.Attributes;
using CrmLive.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CrmLive.Infrastructure.Customers;

/// <summary>Turns a <see cref="CustomerFilter"/> into WHERE clauses the database answers from its indexes.</summary>
internal static class CustomerFilters
{
    /// <param name="withoutIndex">Given, the conditions on indexed columns are written so that no index answers
    /// them (<see cref="IProviderSql.WithoutIndex{T}"/>): for a filter that keeps a large share of the rows.</param>
    public static async Task<IQueryable<Customer>> ApplyAsync(CrmDbContext db, IQueryable<Customer> customers,
        CustomerFilter? filter, CancellationToken ct, IProviderSql? withoutIndex = null)
    {
        if (filter is null || filter.IsEmpty) return customers;
        IQueryable<Customer> Where(Expression<Func<Customer, bool>> predicate) =>
            customers.Where(withoutIndex is null ? predicate : withoutIndex.WithoutIndex(predicate));
        if (filter.Tags.Count > 0)
        {
            var tags = filter.Tags.Select(RecordTag.Normalize).ToList();
            // IN (ids under the tags) rather than a correlated EXISTS: the (Tag, RecordId) index drives it, so
            // counting "vip" reads the tagged ids instead of probing the tags of a million customers.
            var tagged = db.RecordTags.Where(t => tags.Contains(t.Tag)).Select(t => t.RecordId);
            customers = Where(c => tagged.Contains(c.Id));
        }
        if (filter.OwnerId == CustomerFilter.NoOwner) customers = Where(c => c.OwnerId == null);
        else if (filter.OwnerId is { } owner) customers = Where(c => c.OwnerId == owner);
        if (filter.Stage is { } stage) customers = Where(c => c.Stage == stage);
        if (filter.CompanyId is { } company) customers = Where(c => c.CompanyId == company);
        if (filter.Segment is { } segment) customers = customers.Where(c => c.Metrics.Segment == segment);
        if (filter.LoyaltyTier is { } tier) customers = customers.Where(c => c.Metrics.LoyaltyTier == tier);
        if (filter.CreatedFrom is { } from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            customers = Where(c => c.CreatedAt >= start);
        }
        if (filter.CreatedTo is { } to)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            customers = Where(c => c.CreatedAt < end);
        }
        foreach (var match in await AttributeConditions.ResolveAsync(db, filter.Attributes, AttributeTarget.Customer, ct))
            customers = match.Keep
                ? customers.Where(c => match.RecordIds.Contains(c.Id))
                : customers.Where(c => !match.RecordIds.Contains(c.Id));
        return customers;
    }

    /// <summary>
    /// Whether one index answers both the filter and the order, so the database reads matches already sorted and
    /// nothing is to be gained by hiding the filter from its index: an owner's customers by name or by last seen,
    /// a stage's by name, a creation-date range by creation date (see CustomerEntityTypeConfiguration).
    /// </summary>
    public static bool OneIndexServes(CustomerFilter filter, CustomerSort sort)
    {
        var only = filter with { OwnerId = null, Stage = null, CreatedFrom = null, CreatedTo = null };
        if (!only.IsEmpty) return false;
        var owner = filter.OwnerId is not null;
        var stage = filter.Stage is not null;
        var created = filter.CreatedFrom is not null || filter.CreatedTo is not null;
        return (owner, stage, created, sort) switch
        {
            (true, false, false, CustomerSort.Name or CustomerSort.LastSeenAt) => true,
            (false, true, false, CustomerSort.Name) => true,
            (false, false, true, CustomerSort.CreatedAt) => true,
            _ => false,
        };
    }
}
