using CrmLive.Domain.Audit;
using CrmLive.Domain.Campaigns;
using CrmLive.Domain.Customers;
using CrmLive.Infrastructure.Campaigns;
using CrmLive.Infrastructure.Persistence;
using CrmLive.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CrmLive.Tests.Campaigns;

/// <summary>Customers made for one test, in a segment of their own so no other test's customers join the audience.</summary>
internal sealed class CampaignTestData(CrmLiveAppFactory app)
{
    public static readonly AuditActor Manager = new(null, "Mona Manager", null);

    public string Segment { get; } = $"Test segment {Guid.NewGuid():N}"[..30];

    public async Task<Customer> CustomerAsync(string name, string? email, bool emailConsent, bool chatConsent = false,
        string? externalId = null, string? segment = null, string? timeZone = null, string tier = "Gold")
    {
        var now = DateTimeOffset.UtcNow;
        var customer = new Customer(name, email, null, null, now.AddDays(-100));
        customer.SetConsent(emailConsent, chatConsent, now);
        customer.SetExternalId(externalId);
        customer.SetLocale(null, timeZone);
        customer.SetMetrics(new CustomerMetrics(segment ?? Segment, 60, tier, 500m, 0.2, null, now));
        await using var db = await app.Service<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync();
        db.Customers.Add(customer);
        await db.SaveChangesAsync();
        return customer;
    }

    public CampaignPlan Plan(CampaignChannels channels, int controlPercent = 0, TimeOnly quietFrom = default, TimeOnly quietTo = default,
        int capMessages = 0, string body = "Hi {{first_name|there}}, **20% off** socks this week.") =>
        new($"Campaign {Guid.NewGuid():N}"[..20], new CampaignAudience(AudienceKind.Segment, Segment), channels,
            channels.HasFlag(CampaignChannels.Email) ? "A treat for {{first_name}}" : null, body,
            DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(7), quietFrom, quietTo, "UTC",
            capMessages, capMessages > 0 ? 7 : 0, controlPercent, 14);

    public async Task<Guid> LaunchAsync(CampaignPlan plan)
    {
        var service = app.Service<CampaignService>();
        var id = await service.SaveDraftAsync(null, plan, "test-manager");
        await service.LaunchAsync(id, Manager);
        return id;
    }

    public async Task<List<CampaignRecipient>> RecipientsAsync(Guid campaignId)
    {
        await using var db = await app.Service<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync();
        return await db.CampaignRecipients.AsNoTracking().Where(r => r.CampaignId == campaignId).ToListAsync();
    }

    public async Task<List<TimelineEntry>> TimelineAsync(Guid customerId)
    {
        await using var db = await app.Service<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync();
        return await db.Timeline.AsNoTracking().Where(t => t.CustomerId == customerId && t.Kind == TimelineKind.Campaign).ToListAsync();
    }
}
