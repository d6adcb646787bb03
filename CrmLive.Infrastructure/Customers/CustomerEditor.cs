using CrmLive.Domain.Common;
using CrmLive.Domain.Customers;
using CrmLive.Domain.Customers.Attributes;
using CrmLive.Domain.Live;
using CrmLive.Infrastructure.Identity;
using CrmLive.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CrmLive.Infrastructure.Customers;

/// <summary>
/// Changes to one customer's record, as the 360 page's inline edits make them: each validated by the entity
/// (a <see cref="DomainException"/> carries the message to show), saved at once, and the ones that matter put on the
/// timeline.
/// </summary>
public sealed class CustomerEditor(IDbContextFactory<CrmDbContext> dbFactory, StaffDirectory staff, RecordExtras extras,
    ILiveEventBus bus, TimeProvider clock)
{
    /// <summary>A new customer; an e-mail already on file is refused, so the team doesn't split one person's history.</summary>
    public Task<Guid> CreateAsync(string name, string? email, string? phone, Guid? companyId, CancellationToken ct = default) =>
        CreateAsync(new CustomerChanges { Name = name, Email = email, Phone = phone, CompanyId = companyId }, ct);

    /// <summary>
    /// A new customer with as much of the record as the caller has (the API, imports). An e-mail or external id
    /// already on file is refused with a <see cref="DuplicateRecordException"/>.
    /// </summary>
    public async Task<Guid> CreateAsync(CustomerChanges details, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var companyId = details.CompanyId == Guid.Empty ? null : details.CompanyId;
        var companyName = companyId is null ? null
            : await db.Companies.Where(c => c.Id == companyId).Select(c => c.Name).SingleOrDefaultAsync(ct)
              ?? throw new DomainException("That company no longer exists.");
        var now = clock.GetUtcNow();
        var customer = new Customer(details.Name ?? "", details.Email, details.Phone, companyId, now, companyName);
        await ApplyAsync(db, customer, details with { Name = null, Email = null, Phone = null, CompanyId = null }, ct);
        if (customer.Email is not null && await db.Customers.AnyAsync(c => c.Email == customer.Email, ct))
            throw new DuplicateRecordException($"A customer with the e-mail {customer.Email} already exists.");
        db.Customers.Add(customer);
        db.Timeline.Add(new TimelineEntry(customer.Id, now, TimelineKind.Profile, "Customer created", null, null));
        await db.SaveChangesAsync(ct);
        if (details.Tags is { } tags) await extras.SetTagsAsync(customer.Id, tags, ct);
        await bus.PublishAsync(new CustomerChanged(customer.Id, "created"), ct);
        return customer.Id;
    }

    /// <summary>
    /// Several changes at once, saved together (the API's PATCH): fields left null stay as they are. Each change is
    /// checked by the entity; a <see cref="DomainException"/> leaves the record untouched.
    /// </summary>
    public async Task UpdateAsync(Guid id, CustomerChanges changes, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var customer = await db.Customers.SingleOrDefaultAsync(c => c.Id == id, ct)
            ?? throw new DomainException("This customer no longer exists.");
        var titles = await ApplyAsync(db, customer, changes, ct);
        var now = clock.GetUtcNow();
        foreach (var title in titles)
            db.Timeline.Add(new TimelineEntry(id, now, TimelineKind.Profile, title, null, null));
        await db.SaveChangesAsync(ct);
        if (changes.Tags is { } tags) await extras.SetTagsAsync(id, tags, ct);
        await bus.PublishAsync(new CustomerChanged(id, "profile"), ct);
    }

    /// <summary>Applies the given fields; returns the timeline titles of the changes that matter.</summary>
    private async Task<List<string>> ApplyAsync(CrmDbContext db, Customer c, CustomerChanges x, CancellationToken ct)
    {
        var titles = new List<string>();
        if (x.Name is not null) c.Rename(x.Name);
        if (x.Email is not null || x.Phone is not null)
        {
            c.SetContact(x.Email ?? c.Email, x.Phone ?? c.Phone);
            if (c.Email is not null && await db.Customers.AnyAsync(o => o.Email == c.Email && o.Id != c.Id, ct))
                throw new DuplicateRecordException($"A customer with the e-mail {c.Email} already exists.");
        }
        if (x.OtherEmails is not null || x.OtherPhones is not null)
            c.SetOtherContacts(x.OtherEmails ?? c.OtherEmails, x.OtherPhones ?? c.OtherPhones);
        if (x.CompanyId is { } companyId)
        {
            var name = companyId == Guid.Empty ? null
                : await db.Companies.Where(o => o.Id == companyId).Select(o => o.Name).SingleOrDefaultAsync(ct)
                  ?? throw new DomainException("That company no longer exists.");
            c.SetCompany(companyId == Guid.Empty ? null : companyId, name);
        }
        if (x.ExternalId is not null)
        {
            c.SetExternalId(x.ExternalId);
            if (c.ExternalId is not null && await db.Customers.AnyAsync(o => o.ExternalId == c.ExternalId && o.Id != c.Id, ct))
                throw new DuplicateRecordException($"A customer with the external id {c.ExternalId} already exists.");
        }
        if (x.Address is { } a) c.SetAddress(Address.Create(a.Street, a.City, a.PostalCode, a.Country));
        if (x.Language is not null || x.TimeZone is not null)
            c.SetLocale(x.Language ?? c.Language, x.TimeZone ?? c.TimeZone);
        if (x.Stage is { } stage && stage != c.Stage)
        {
            titles.Add($"Lifecycle stage: {c.Stage} → {stage}");
            c.MoveToStage(stage);
        }
        if (x.OwnerId is not null && (x.OwnerId.Length == 0 ? null : x.OwnerId) is var ownerId && ownerId != c.OwnerId)
        {
            var name = ownerId is null ? null : await staff.NameOfAsync(ownerId, ct)
                ?? throw new DomainException("That person is not on the team.");
            c.AssignOwner(ownerId);
            titles.Add(name is null ? "Owner removed" : $"Owner: {name}");
        }
        if (x.MarketingEmailConsent is not null || x.ProactiveChatConsent is not null)
        {
            var marketing = x.MarketingEmailConsent ?? c.MarketingEmailConsent;
            var proactive = x.ProactiveChatConsent ?? c.ProactiveChatConsent;
            if (marketing != c.MarketingEmailConsent || proactive != c.ProactiveChatConsent)
                titles.Add($"Consent: marketing e-mail {(marketing ? "yes" : "no")}, proactive chat {(proactive ? "yes" : "no")}");
            c.SetConsent(marketing, proactive, clock.GetUtcNow());
        }
        return titles;
    }

    public Task RenameAsync(Guid id, string name, CancellationToken ct = default) =>
        EditAsync(id, (c, _) => { c.Rename(name); return Task.FromResult<string?>(null); }, ct);

    public Task SetContactAsync(Guid id, string? email, string? phone, IEnumerable<string> otherEmails,
        IEnumerable<string> otherPhones, CancellationToken ct = default) =>
        EditAsync(id, (c, _) =>
        {
            c.SetContact(email, phone);
            c.SetOtherContacts(otherEmails, otherPhones);
            return Task.FromResult<string?>(null);
        }, ct);

    public Task SetAddressAsync(Guid id, string? street, string? city, string? postalCode, string? country,
        CancellationToken ct = default) =>
        EditAsync(id, (c, _) => { c.SetAddress(Address.Create(street, city, postalCode, country)); return Task.FromResult<string?>(null); }, ct);

    public Task SetLocaleAsync(Guid id, string? language, string? timeZone, CancellationToken ct = default) =>
        EditAsync(id, (c, _) => { c.SetLocale(language, timeZone); return Task.FromResult<string?>(null); }, ct);

    public Task SetConsentAsync(Guid id, bool marketingEmail, bool proactiveChat, CancellationToken ct = default) =>
        EditAsync(id, (c, _) =>
        {
            var changed = c.MarketingEmailConsent != marketingEmail || c.ProactiveChatConsent != proactiveChat;
            c.SetConsent(marketingEmail, proactiveChat, clock.GetUtcNow());
            return Task.FromResult(changed
                ? $"Consent: marketing e-mail {(marketingEmail ? "yes" : "no")}, proactive chat {(proactiveChat ? "yes" : "no")}"
                : null);
        }, ct);

    public Task SetStageAsync(Guid id, LifecycleStage stage, CancellationToken ct = default) =>
        EditAsync(id, (c, _) =>
        {
            var before = c.Stage;
            c.MoveToStage(stage);
            return Task.FromResult(before == stage ? null : $"Lifecycle stage: {before} → {stage}");
        }, ct);

    public Task SetOwnerAsync(Guid id, string? ownerId, CancellationToken ct = default) =>
        EditAsync(id, async (c, token) =>
        {
            if (c.OwnerId == ownerId) return null;
            var name = ownerId is null ? null : await staff.NameOfAsync(ownerId, token)
                ?? throw new DomainException("That person is not on the team.");
            c.AssignOwner(ownerId);
            return name is null ? "Owner removed" : $"Owner: {name}";
        }, ct);

    public Task SetCompanyAsync(Guid id, Guid? companyId, CancellationToken ct = default) =>
        EditAsync(id, async (c, token) =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(token);
            var name = companyId is null ? null : await db.Companies.Where(x => x.Id == companyId).Select(x => x.Name)
                .SingleOrDefaultAsync(token) ?? throw new DomainException("That company no longer exists.");
            c.SetCompany(companyId, name);
            return null;
        }, ct);

    public async Task SetTagsAsync(Guid id, IEnumerable<string> tags, CancellationToken ct = default)
    {
        await EnsureExistsAsync(id, ct);
        await extras.SetTagsAsync(id, tags, ct);
        await bus.PublishAsync(new CustomerChanged(id, "tags"), ct);
    }

    public async Task SetAttributeAsync(Guid id, Guid definitionId, string? input, CancellationToken ct = default)
    {
        await EnsureExistsAsync(id, ct);
        await extras.SetAttributeAsync(id, AttributeTarget.Customer, definitionId, input, ct);
        await bus.PublishAsync(new CustomerChanged(id, "attributes"), ct);
    }

    private async Task EnsureExistsAsync(Guid id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Customers.AnyAsync(c => c.Id == id, ct)) throw new DomainException("This customer no longer exists.");
    }

    private async Task EditAsync(Guid id, Func<Customer, CancellationToken, Task<string?>> change, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var customer = await db.Customers.SingleOrDefaultAsync(c => c.Id == id, ct)
            ?? throw new DomainException("This customer no longer exists.");
        var timelineTitle = await change(customer, ct);
        if (timelineTitle is not null)
            db.Timeline.Add(new TimelineEntry(id, clock.GetUtcNow(), TimelineKind.Profile, timelineTitle, null, null));
        await db.SaveChangesAsync(ct);
        await bus.PublishAsync(new CustomerChanged(id, "profile"), ct);
    }
}

/// <summary>
/// A customer's fields as the API (and imports) send them. Null leaves a field as it is; an empty string clears a
/// text field; <see cref="Guid.Empty"/> as <see cref="CompanyId"/> removes the company.
/// </summary>
public sealed record CustomerChanges
{
    public string? Name { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public IReadOnlyList<string>? OtherEmails { get; init; }
    public IReadOnlyList<string>? OtherPhones { get; init; }
    public Guid? CompanyId { get; init; }

    /// <summary>The customer's id in the shop or ERP; orders can name the customer by it.</summary>
    public string? ExternalId { get; init; }

    /// <summary>Replaces the whole address when given.</summary>
    public Address? Address { get; init; }

    public string? Language { get; init; }
    public string? TimeZone { get; init; }
    public LifecycleStage? Stage { get; init; }

    /// <summary>A team member's id; an empty string removes the owner.</summary>
    public string? OwnerId { get; init; }

    public bool? MarketingEmailConsent { get; init; }
    public bool? ProactiveChatConsent { get; init; }

    /// <summary>Replaces the tags when given.</summary>
    public IReadOnlyList<string>? Tags { get; init; }
}
