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

    public async Task<Guid> CreateAsync(string name, string? domain, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var company = new Company(name, domain, clock.GetUtcNow());
        if (company.Domain is not null && await db.Companies.AnyAsync(c => c.Domain == company.Domain, ct))
            throw new DomainException($"A company with the domain {company.Domain} already exists.");
        db.Companies.Add(company);
        await db.SaveChangesAsync(ct);
        return company.Id;
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
