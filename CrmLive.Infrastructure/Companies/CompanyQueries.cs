using CrmLive.Domain.Customers;
using CrmLive.Domain.Customers.Attributes;
using CrmLive.Infrastructure.Customers;
using CrmLive.Infrastructure.Persistence;
using CrmLive.Infrastructure.Persistence.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CrmLive.Infrastructure.Companies;

public sealed record CompanyRow(Guid Id, string Name, string? Domain, string? Industry, int? Employees, string? OwnerId,
    LifecycleStage Stage, int Customers, DateTimeOffset CreatedAt)
{
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Custom field values by definition id, for the columns the user chose.</summary>
    public IReadOnlyDictionary<Guid, string> Attributes { get; init; } = new Dictionary<Guid, string>();
}

public enum CompanySort { Name, Domain, Industry, Employees, CreatedAt }

public sealed record CompanyListQuery(string? Search, CompanySort SortBy = CompanySort.Name, bool Descending = false,
    int Page = 0, int PageSize = 25, string? OwnerId = null, LifecycleStage? Stage = null, string? Tag = null,
    IReadOnlyList<AttributeCondition>? Attributes = null, IReadOnlyList<Guid>? AttributeColumns = null);

public sealed record CompanyProfile(Guid Id, string Name, string? Domain, string? Industry, int? Employees, string? Phone,
    Address Address, string? OwnerId, LifecycleStage Stage, DateTimeOffset CreatedAt, IReadOnlyList<string> Tags,
    int CustomerCount);

/// <summary>Read side of the companies list and page.</summary>
public sealed class CompanyQueries(IDbContextFactory<CrmDbContext> dbFactory)
{
    public async Task<Paged<CompanyRow>> ListAsync(CompanyListQuery q, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var companies = await FilterAsync(db, db.Companies.AsNoTracking(), q, ct);
        var total = await companies.CountAsync(ct);
        companies = (q.SortBy, q.Descending) switch
        {
            (CompanySort.Domain, false) => companies.OrderBy(c => c.Domain).ThenBy(c => c.Id),
            (CompanySort.Domain, true) => companies.OrderByDescending(c => c.Domain).ThenBy(c => c.Id),
            (CompanySort.Industry, false) => companies.OrderBy(c => c.Industry).ThenBy(c => c.Id),
            (CompanySort.Industry, true) => companies.OrderByDescending(c => c.Industry).ThenBy(c => c.Id),
            (CompanySort.Employees, false) => companies.OrderBy(c => c.Employees).ThenBy(c => c.Id),
            (CompanySort.Employees, true) => companies.OrderByDescending(c => c.Employees).ThenBy(c => c.Id),
            (CompanySort.CreatedAt, false) => companies.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id),
            (CompanySort.CreatedAt, true) => companies.OrderByDescending(c => c.CreatedAt).ThenBy(c => c.Id),
            (_, true) => companies.OrderByDescending(c => c.Name).ThenBy(c => c.Id),
            _ => companies.OrderBy(c => c.Name).ThenBy(c => c.Id),
        };
        var size = Math.Clamp(q.PageSize, 1, CustomerQueries.MaxPageSize);
        var rows = await companies.Skip(Math.Max(0, q.Page) * size).Take(size)
            .Select(c => new CompanyRow(c.Id, c.Name, c.Domain, c.Industry, c.Employees, c.OwnerId, c.Stage,
                db.Customers.Count(x => x.CompanyId == c.Id), c.CreatedAt))
            .ToListAsync(ct);
        var extras = await RowExtras.ForPageAsync(db, rows.Select(r => r.Id).ToList(), q.AttributeColumns ?? [], ct);
        rows = rows.Select(r => r with { Tags = extras.TagsOf(r.Id), Attributes = extras.ValuesOf(r.Id) }).ToList();
        return new Paged<CompanyRow>(rows, total);
    }

    /// <summary>The list's search and filters (not its sort or page); bulk actions act on exactly this result.</summary>
    internal static async Task<IQueryable<Company>> FilterAsync(CrmDbContext db, IQueryable<Company> companies,
        CompanyListQuery q, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(q.Search))
        {
            // Tens of thousands of companies at most: a prefix of the name or domain is quick enough on the name index.
            var prefix = ProviderSqlPatterns.Prefix(q.Search);
            var word = "% " + prefix;
            companies = companies.Where(c => EF.Functions.Like(c.Name.ToLower(), prefix, "\\")
                || EF.Functions.Like(c.Name.ToLower(), word, "\\")
                || (c.Domain != null && EF.Functions.Like(c.Domain, prefix, "\\")));
        }
        if (q.OwnerId == CustomerFilter.NoOwner) companies = companies.Where(c => c.OwnerId == null);
        else if (q.OwnerId is { } owner) companies = companies.Where(c => c.OwnerId == owner);
        if (q.Stage is { } stage) companies = companies.Where(c => c.Stage == stage);
        if (q.Tag is { Length: > 0 } tag)
        {
            var normalized = RecordTag.Normalize(tag);
            companies = companies.Where(c => db.RecordTags.Any(t => t.RecordId == c.Id && t.Tag == normalized));
        }
        foreach (var match in await AttributeConditions.ResolveAsync(db, q.Attributes ?? [], AttributeTarget.Company, ct))
            companies = match.Keep
                ? companies.Where(c => match.RecordIds.Contains(c.Id))
                : companies.Where(c => !match.RecordIds.Contains(c.Id));
        return companies;
    }

    public async Task<CompanyProfile?> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var c = await db.Companies.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
        if (c is null) return null;
        var tags = await db.RecordTags.AsNoTracking().Where(t => t.RecordId == id).Select(t => t.Tag).OrderBy(t => t).ToListAsync(ct);
        var customers = await db.Customers.CountAsync(x => x.CompanyId == id, ct);
        return new CompanyProfile(c.Id, c.Name, c.Domain, c.Industry, c.Employees, c.Phone, c.Address, c.OwnerId, c.Stage,
            c.CreatedAt, tags, customers);
    }

    /// <summary>For pickers: companies whose name starts with what was typed.</summary>
    public async Task<IReadOnlyList<(Guid Id, string Name)>> LookupAsync(string? prefix, CancellationToken ct = default)
    {
        var page = await ListAsync(new CompanyListQuery(prefix, PageSize: 15), ct);
        return page.Items.Select(r => (r.Id, r.Name)).ToList();
    }
}
