using CrmLive.Domain.Common;
using CrmLive.Domain.Customers;
using CrmLive.Domain.Customers.Attributes;
using CrmLive.Infrastructure.Customers;
using CrmLive.Infrastructure.Identity;
using CrmLive.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CrmLive.Infrastructure.Companies;

/// <summary>Creates and edits companies; a new name is copied onto their customers so lists and search follow.</summary>
public sealed class CompanyEditor(IDbContextFactory<CrmDbContext> dbFactory, StaffDirectory staff, RecordExtras extras,
    TimeProvider clock)
{
    private const int RenameChunk = 500;

    public Task<Guid> CreateAsync(string name, string? domain, CancellationToken ct = default) =>
        CreateAsync(new CompanyChanges { Name = name, Domain = domain }, ct);

    /// <summary>A new company with as much of the record as the caller has; a domain already on file is a duplicate.</summary>
    public async Task<Guid> CreateAsync(CompanyChanges details, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var company = new Company(details.Name ?? "", details.Domain, clock.GetUtcNow());
        await ApplyAsync(company, details with { Name = null, Domain = null }, ct);
        if (company.Domain is not null && await db.Companies.AnyAsync(c => c.Domain == company.Domain, ct))
            throw new DuplicateRecordException($"A company with the domain {company.Domain} already exists.");
        db.Companies.Add(company);
        await db.SaveChangesAsync(ct);
        if (details.Tags is { } tags) await extras.SetTagsAsync(company.Id, tags, ct);
        return company.Id;
    }

    /// <summary>Several changes at once, saved together (the API's PATCH): fields left null stay as they are.</summary>
    public async Task UpdateAsync(Guid id, CompanyChanges changes, CancellationToken ct = default)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var company = await db.Companies.SingleOrDefaultAsync(c => c.Id == id, ct)
                ?? throw new DomainException("This company no longer exists.");
            await ApplyAsync(company, changes with { Name = null }, ct);
            if (company.Domain is not null && await db.Companies.AnyAsync(c => c.Domain == company.Domain && c.Id != id, ct))
                throw new DuplicateRecordException($"A company with the domain {company.Domain} already exists.");
            await db.SaveChangesAsync(ct);
        }
        if (changes.Tags is { } tags) await extras.SetTagsAsync(id, tags, ct);
        if (changes.Name is { } name) await RenameAsync(id, name, ct);
    }

    private async Task ApplyAsync(Company c, CompanyChanges x, CancellationToken ct)
    {
        if (x.Name is not null) c.Rename(x.Name);
        if (x.Domain is not null || x.Industry is not null || x.Employees is not null || x.Phone is not null)
            c.SetDetails(x.Domain ?? c.Domain, x.Industry ?? c.Industry, x.Employees ?? c.Employees, x.Phone ?? c.Phone);
        if (x.Address is { } a) c.SetAddress(Address.Create(a.Street, a.City, a.PostalCode, a.Country));
        if (x.Stage is { } stage) c.MoveToStage(stage);
        if (x.OwnerId is not null)
        {
            var ownerId = x.OwnerId.Length == 0 ? null : x.OwnerId;
            if (ownerId is not null && await staff.NameOfAsync(ownerId, ct) is null)
                throw new DomainException("That person is not on the team.");
            c.AssignOwner(ownerId);
        }
    }

    /// <summary>Renames the company and, chunk by chunk, the copy of its name on each of its customers.</summary>
    public async Task RenameAsync(Guid id, string name, CancellationToken ct = default)
    {
        await EditAsync(id, c => c.Rename(name), ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var newName = await db.Companies.Where(c => c.Id == id).Select(c => c.Name).SingleAsync(ct);
        while (true)
        {
            var stale = await db.Customers.Where(c => c.CompanyId == id && c.CompanyName != newName).Take(RenameChunk).ToListAsync(ct);
            if (stale.Count == 0) break;
            foreach (var customer in stale) customer.SetCompany(id, newName);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
    }

    public Task SetDetailsAsync(Guid id, string? domain, string? industry, int? employees, string? phone, CancellationToken ct = default) =>
        EditAsync(id, c => c.SetDetails(domain, industry, employees, phone), ct);

    public Task SetAddressAsync(Guid id, string? street, string? city, string? postalCode, string? country, CancellationToken ct = default) =>
        EditAsync(id, c => c.SetAddress(Address.Create(street, city, postalCode, country)), ct);

    public Task SetStageAsync(Guid id, LifecycleStage stage, CancellationToken ct = default) =>
        EditAsync(id, c => c.MoveToStage(stage), ct);

    public async Task SetOwnerAsync(Guid id, string? ownerId, CancellationToken ct = default)
    {
        if (ownerId is not null && await staff.NameOfAsync(ownerId, ct) is null)
            throw new DomainException("That person is not on the team.");
        await EditAsync(id, c => c.AssignOwner(ownerId), ct);
    }

    public async Task SetTagsAsync(Guid id, IEnumerable<string> tags, CancellationToken ct = default)
    {
        await EditAsync(id, _ => { }, ct);
        await extras.SetTagsAsync(id, tags, ct);
    }

    public async Task SetAttributeAsync(Guid id, Guid definitionId, string? input, CancellationToken ct = default)
    {
        await EditAsync(id, _ => { }, ct);
        await extras.SetAttributeAsync(id, AttributeTarget.Company, definitionId, input, ct);
    }

    private async Task EditAsync(Guid id, Action<Company> change, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var company = await db.Companies.SingleOrDefaultAsync(c => c.Id == id, ct)
            ?? throw new DomainException("This company no longer exists.");
        change(company);
        await db.SaveChangesAsync(ct);
    }
}

/// <summary>A company's fields as the API sends them. Null leaves a field as it is; an empty string clears a text field.</summary>
public sealed record CompanyChanges
{
    public string? Name { get; init; }
    public string? Domain { get; init; }
    public string? Industry { get; init; }
    public int? Employees { get; init; }
    public string? Phone { get; init; }

    /// <summary>Replaces the whole address when given.</summary>
    public Address? Address { get; init; }

    public LifecycleStage? Stage { get; init; }

    /// <summary>A team member's id; an empty string removes the owner.</summary>
    public string? OwnerId { get; init; }

    /// <summary>Replaces the tags when given.</summary>
    public IReadOnlyList<string>? Tags { get; init; }
}
