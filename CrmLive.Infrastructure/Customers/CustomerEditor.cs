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
    public async Task<Guid> CreateAsync(string name, string? email, string? phone, Guid? companyId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var companyName = companyId is null ? null
            : await db.Companies.Where(c => c.Id == companyId).Select(c => c.Name).SingleOrDefaultAsync(ct)
              ?? throw new DomainException("That company no longer exists.");
        var now = clock.GetUtcNow();
        var customer = new Customer(name, email, phone, companyId, now, companyName);
        if (customer.Email is not null && await db.Customers.AnyAsync(c => c.Email == customer.Email, ct))
            throw new DomainException($"A customer with the e-mail {customer.Email} already exists.");
        db.Customers.Add(customer);
        db.Timeline.Add(new TimelineEntry(customer.Id, now, TimelineKind.Profile, "Customer created", null, null));
        await db.SaveChangesAsync(ct);
        await bus.PublishAsync(new CustomerChanged(customer.Id, "created"), ct);
        return customer.Id;
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
