using CrmLive.Domain.Customers;
using CrmLive.Infrastructure.Persistence;
using CrmLive.Infrastructure.Persistence.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CrmLive.Infrastructure.Customers.Merge;

/// <summary>A customer that looks like the same person as another, and why.</summary>
public sealed record DuplicateMatch(Guid Id, string Name, string? Email, string? Phone, string? CompanyName,
    DateTimeOffset CreatedAt, IReadOnlyList<DuplicateReason> Reasons);

/// <summary>A newer customer and the older records it looks like.</summary>
public sealed record DuplicateGroup(DuplicateMatch Customer, IReadOnlyList<DuplicateMatch> Matches);

/// <summary>Where the next page of suggestions continues: customers created before this one.</summary>
public sealed record DuplicateCursor(DateTimeOffset CreatedAt, Guid Id);

/// <summary>
/// One page of suggestions. <paramref name="CheckedDownTo"/> tells how far back this page looked (pages may find
/// nothing in a stretch of clean records and still have a next cursor).
/// </summary>
public sealed record DuplicatePage(IReadOnlyList<DuplicateGroup> Groups, DuplicateCursor? Next, int Checked,
    DateTimeOffset? CheckedDownTo);

/// <summary>
/// Finds customers that look like one person. Every lookup is an index probe for one e-mail or phone's digits (the
/// search index: FTS5 trigrams on SQLite, pg_trgm on PostgreSQL) or the name (a range on <c>SearchText</c>, which
/// starts with the lower-cased name), then the candidates are checked exactly in memory; nothing scans the table. The suggestions list walks customers newest first (new
/// records are where duplicates come from: imports, widget sign-ins, hand-typed leads) and reports each pair once,
/// at its newer record.
/// </summary>
public sealed class DuplicateFinder(IDbContextFactory<CrmDbContext> dbFactory, IProviderSql providerSql)
{
    /// <summary>Candidates read per probe: enough for any real duplicate, bounded for "John Smith".</summary>
    private const int ProbeLimit = 50;

    public const int MaxCustomersPerPage = 200;

    public async Task<IReadOnlyList<DuplicateMatch>> ForCustomerAsync(Guid customerId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var customer = await Candidates(db.Customers.Where(c => c.Id == customerId)).SingleOrDefaultAsync(ct);
        if (customer is null) return [];
        return (await MatchesAsync(db, customer, olderOnly: false, ct)).Select(m => m.Match).ToList();
    }

    /// <summary>Walks customers newest first from <paramref name="after"/> until it has <paramref name="groups"/> groups
    /// or has checked <see cref="MaxCustomersPerPage"/> customers.</summary>
    public async Task<DuplicatePage> SuggestionsAsync(DuplicateCursor? after, int groups = 20, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var found = new List<DuplicateGroup>();
        var checkedCount = 0;
        DuplicateCursor? cursor = after;
        var exhausted = false;
        while (found.Count < groups && checkedCount < MaxCustomersPerPage && !exhausted)
        {
            var query = db.Customers.AsQueryable();
            if (cursor is not null)
            {
                var (at, id) = (cursor.CreatedAt, cursor.Id);
                query = query.Where(c => c.CreatedAt < at || (c.CreatedAt == at && c.Id.CompareTo(id) < 0));
            }
            var batch = await Candidates(query.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id)
                .Take(Math.Min(50, MaxCustomersPerPage - checkedCount))).ToListAsync(ct);
            exhausted = batch.Count == 0;
            foreach (var customer in batch)
            {
                checkedCount++;
                cursor = new DuplicateCursor(customer.CreatedAt, customer.Id);
                var matches = await MatchesAsync(db, customer, olderOnly: true, ct);
                if (matches.Count > 0)
                    found.Add(new DuplicateGroup(customer.ToMatch([]), matches.Select(m => m.Match).ToList()));
                if (found.Count >= groups) break;
            }
        }
        return new DuplicatePage(found, exhausted ? null : cursor, checkedCount, cursor?.CreatedAt);
    }

    private static IQueryable<CandidateRow> Candidates(IQueryable<Customer> customers) =>
        customers.AsNoTracking().Select(c => new CandidateRow(c.Id, c.Name, c.Email, c.OtherEmails, c.Phone,
            c.OtherPhones, c.CompanyName, c.CreatedAt));

    private async Task<List<(CandidateRow Row, DuplicateMatch Match)>> MatchesAsync(CrmDbContext db, CandidateRow customer,
        bool olderOnly, CancellationToken ct)
    {
        var keys = customer.Keys;
        var ids = new HashSet<Guid>();
        // An e-mail is probed by its local part and "@": the domain's trigrams ("gma", "com") are in every other row,
        // and reading their posting lists cost several times the rest. Other domains are dropped by the exact check.
        var emailProbes = keys.Emails.Select(e => e.IndexOf('@') is var at and >= 3 ? e[..(at + 1)] : e);
        foreach (var probe in emailProbes.Concat(keys.Phones).Distinct())
            ids.UnionWith(await providerSql.SearchCustomerIds(db, probe, ProbeLimit).ToListAsync(ct));
        if (keys.Name.Length > 0 && keys.Name != Customer.ErasedName.ToLowerInvariant())
        {
            // SearchText starts with the lower-cased name: a range on its index finds the name in any case. A trigram
            // probe would read the huge posting lists of common names' trigrams instead.
            foreach (var name in new[] { customer.Name.ToLowerInvariant(), keys.Name }.Distinct())
                ids.UnionWith(await NameStart(db, name).ToListAsync(ct));
        }
        ids.Remove(customer.Id);
        if (ids.Count == 0) return [];
        var rows = await Candidates(db.Customers.Where(c => ids.Contains(c.Id))).ToListAsync(ct);
        return rows
            .Where(r => !olderOnly || r.CreatedAt < customer.CreatedAt || (r.CreatedAt == customer.CreatedAt && r.Id.CompareTo(customer.Id) < 0))
            .Select(r => (Row: r, Reasons: keys.Match(r.Keys)))
            .Where(x => x.Reasons.Count > 0)
            .OrderBy(x => x.Reasons[0]).ThenByDescending(x => x.Reasons.Count).ThenBy(x => x.Row.CreatedAt)
            .Select(x => (x.Row, x.Row.ToMatch(x.Reasons)))
            .ToList();
    }

    private static IQueryable<Guid> NameStart(CrmDbContext db, string lowerName) =>
        db.Database.IsNpgsql()
            ? db.Customers.Where(c => EF.Functions.Like(c.SearchText, ProviderSqlPatterns.Prefix(lowerName), "\\"))
                .Take(ProbeLimit).Select(c => c.Id)
            : SqliteProviderSql.NamePrefix(db, lowerName, ProbeLimit);

    private sealed record CandidateRow(Guid Id, string Name, string? Email, List<string> OtherEmails, string? Phone,
        List<string> OtherPhones, string? CompanyName, DateTimeOffset CreatedAt)
    {
        public DuplicateKeys Keys => DuplicateKeys.Of(Name, [Email, .. OtherEmails], [Phone, .. OtherPhones]);

        public DuplicateMatch ToMatch(IReadOnlyList<DuplicateReason> reasons) =>
            new(Id, Name, Email, Phone, CompanyName, CreatedAt, reasons);
    }
}
