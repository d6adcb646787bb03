using System.Text.Json;
using CrmLive.Domain.Campaigns;
using CrmLive.Domain.Common;
using CrmLive.Domain.Lists;
using CrmLive.Domain.Orders;
using CrmLive.Infrastructure.Campaigns;
using CrmLive.Infrastructure.Customers;
using CrmLive.Infrastructure.Lists;
using CrmLive.Infrastructure.Persistence;
using CrmLive.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CrmLive.Tests.Campaigns;

/// <summary>Each kind of audience selects exactly its customers, in the database; launching fixes who is in.</summary>
[Trait("Database", "Any")]
public class CampaignAudienceTests(CrmLiveAppFactory app) : IClassFixture<CrmLiveAppFactory>
{
    private readonly CampaignTestData _data = new(app);

    private async Task<HashSet<Guid>> SelectAsync(CampaignAudience audience)
    {
        await using var db = await app.Service<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync();
        return [.. await (await app.Service<CampaignAudiences>().CustomerIdsAsync(db, audience, CancellationToken.None)).ToListAsync()];
    }

    [Fact]
    public async Task SegmentAndTier_SelectTheirCustomers()
    {
        var gold = await _data.CustomerAsync("Gil Gold", null, false);
        var silver = await _data.CustomerAsync("Sia Silver", null, false, tier: "Silver");
        await _data.CustomerAsync("Olaf Other", null, false, segment: "Another segment");

        Assert.Equal([gold.Id, silver.Id], await SelectAsync(new CampaignAudience(AudienceKind.Segment, _data.Segment)));
        Assert.Contains(silver.Id, await SelectAsync(new CampaignAudience(AudienceKind.Tier, "Silver")));
        Assert.DoesNotContain(gold.Id, await SelectAsync(new CampaignAudience(AudienceKind.Tier, "Silver")));
    }

    [Fact]
    public async Task ASavedView_SelectsWhatTheListWouldShow()
    {
        var gold = await _data.CustomerAsync("Vera View", null, false);
        await _data.CustomerAsync("Vic Silver", null, false, tier: "Silver");
        var definition = new CustomerViewDefinition(null, new CustomerFilter { Segment = _data.Segment, LoyaltyTier = "Gold" });
        var view = await app.Service<SavedViews>().SaveAsync(ListKind.Customers, $"Gold of {_data.Segment}"[..30], true, definition, "test-manager");

        Assert.Equal([gold.Id], await SelectAsync(new CampaignAudience(AudienceKind.SavedView, view.Id.ToString())));
        var plan = _data.Plan(CampaignChannels.Widget) with { Audience = new CampaignAudience(AudienceKind.SavedView, view.Id.ToString()) };
        var id = await app.Service<CampaignService>().SaveDraftAsync(null, plan, "test-manager");
        Assert.Contains(view.Name, (await app.Service<CampaignService>().GetAsync(id))!.AudienceText);

        await app.Service<SavedViews>().DeleteAsync(view.Id, "test-manager");
        var gone = await Assert.ThrowsAsync<DomainException>(() => app.Service<CampaignService>().LaunchAsync(id, CampaignTestData.Manager));
        Assert.Contains("saved view no longer exists", gone.Message);
    }

    [Fact]
    public async Task Launch_ReportsProgress_FromDrawingTheAudienceToTheLastRecipient()
    {
        await _data.CustomerAsync("Pia Progress", null, false);
        await _data.CustomerAsync("Pat Progress", null, false);
        var service = app.Service<CampaignService>();
        var id = await service.SaveDraftAsync(null, _data.Plan(CampaignChannels.Widget), "test-manager");
        var reported = new List<LaunchProgress>();

        var count = await service.LaunchAsync(id, CampaignTestData.Manager, new Reported(reported.Add));

        Assert.True(count >= 2, $"{count} recipients");
        Assert.Equal(new LaunchProgress(0, null), reported[0]);
        Assert.Equal(new LaunchProgress(0, count), reported[1]);
        Assert.Equal(new LaunchProgress(count, count), reported[^1]);
        Assert.Equal(count, (await _data.RecipientsAsync(id)).Count);
    }

    /// <summary>Reports on the caller's thread, unlike Progress&lt;T&gt;, so the list is complete when the call returns.</summary>
    private sealed class Reported(Action<LaunchProgress> report) : IProgress<LaunchProgress>
    {
        public void Report(LaunchProgress value) => report(value);
    }

    [Fact]
    public async Task BoughtOneProductButNotAnother_CountsOnlyOrdersThatStand()
    {
        var shoes = $"SH-{Guid.NewGuid():N}"[..16].ToUpperInvariant();
        var socks = $"SO-{Guid.NewGuid():N}"[..16].ToUpperInvariant();
        var onlyShoes = await _data.CustomerAsync("Ona Shoes", null, false);
        var both = await _data.CustomerAsync("Bo Both", null, false);
        var refundedSocks = await _data.CustomerAsync("Ray Refund", null, false);
        var cancelledShoes = await _data.CustomerAsync("Cai Cancel", null, false);
        await using (var db = await app.Service<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync())
        {
            void Buy(Guid customer, OrderStatus status, params string[] skus)
            {
                var order = new Order(customer, $"A-{Guid.NewGuid():N}"[..20], DateTimeOffset.UtcNow.AddDays(-3), 50m, "EUR", SalesChannel.Web,
                    status, skus.Length, string.Join(", ", skus));
                db.Orders.Add(order);
                foreach (var sku in skus) db.OrderLines.Add(new OrderLine(order.Id, sku, sku, 1, 25m));
            }
            Buy(onlyShoes.Id, OrderStatus.Delivered, shoes);
            Buy(both.Id, OrderStatus.Paid, shoes, socks);
            Buy(refundedSocks.Id, OrderStatus.Delivered, shoes);
            Buy(refundedSocks.Id, OrderStatus.Refunded, socks);
            Buy(cancelledShoes.Id, OrderStatus.Cancelled, shoes);
            await db.SaveChangesAsync();
        }

        var audience = CampaignAudience.Checked(AudienceKind.BoughtNotBought, shoes, socks);

        Assert.Equal([onlyShoes.Id, refundedSocks.Id], await SelectAsync(audience));
        Assert.Equal(2, await app.Service<CampaignService>().AudienceSizeAsync(audience));
        Assert.Contains(await app.Service<CampaignService>().ProductsAsync(shoes[..6]), p => p.Sku == shoes);
    }

    [Fact]
    public async Task ACampaignScheduledForLater_OffersNothingUntilItsStart_AndLaunchFixesTheAudience()
    {
        var externalId = $"shop-{Guid.NewGuid():N}";
        var early = await _data.CustomerAsync("Ezra Early", null, false, chatConsent: true, externalId: externalId);
        var plan = _data.Plan(CampaignChannels.Widget) with { StartsAt = DateTimeOffset.UtcNow.AddDays(1) };
        var id = await _data.LaunchAsync(plan);
        await _data.CustomerAsync("Lena Late", null, false, chatConsent: true);

        Assert.Equal(CampaignStatus.Scheduled, (await app.Service<CampaignService>().GetAsync(id))!.Status);
        await app.Service<CampaignLifecycleJob>().StartAsync(id, CancellationToken.None);
        Assert.Equal(CampaignStatus.Scheduled, (await app.Service<CampaignService>().GetAsync(id))!.Status);
        Assert.Null(await app.Service<CampaignWidget>().OfferAsync(early.Id));
        Assert.Equal([early.Id], (await _data.RecipientsAsync(id)).Select(r => r.CustomerId));
        var edit = await Assert.ThrowsAsync<DomainException>(() => app.Service<CampaignService>().SaveDraftAsync(id, plan, "test-manager"));
        Assert.Contains("Only a draft", edit.Message);
    }

    [Fact]
    public async Task MergingCustomers_KeepsTheDuplicatesCampaignHistory_OncePerCampaign()
    {
        var onlyTier = $"T-{Guid.NewGuid():N}"[..12];
        var survivor = await _data.CustomerAsync("Sam Survivor", null, false);
        var duplicate = await _data.CustomerAsync("Sam Duplicate", null, false, tier: onlyTier);
        var both = await _data.LaunchAsync(_data.Plan(CampaignChannels.Widget));
        var onlyDuplicate = await _data.LaunchAsync(_data.Plan(CampaignChannels.Widget) with
        {
            Audience = new CampaignAudience(AudienceKind.Tier, onlyTier),
        });

        await app.Service<CrmLive.Infrastructure.Customers.Merge.CustomerMerger>().MergeAsync(survivor.Id, duplicate.Id, CampaignTestData.Manager);

        Assert.Equal([survivor.Id], (await _data.RecipientsAsync(both)).Select(r => r.CustomerId));
        Assert.Equal([survivor.Id], (await _data.RecipientsAsync(onlyDuplicate)).Select(r => r.CustomerId));
    }

    [Fact]
    public async Task MergeValues_ForABatch_TakeEachCustomersNewestOrderThatCounts()
    {
        var buyer = await _data.CustomerAsync("Bella Buyer", null, false);
        var never = await _data.CustomerAsync("Nico Never", null, false);
        var now = DateTimeOffset.UtcNow;
        await using var db = await app.Service<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync();
        db.Orders.Add(new Order(buyer.Id, $"M-{Guid.NewGuid():N}"[..20], now.AddDays(-30), 20m, "EUR", SalesChannel.Web, OrderStatus.Paid, 1, "Old"));
        db.Orders.Add(new Order(buyer.Id, $"M-{Guid.NewGuid():N}"[..20], now.AddDays(-5), 84.9m, "EUR", SalesChannel.Web, OrderStatus.Delivered, 1, "Last"));
        db.Orders.Add(new Order(buyer.Id, $"M-{Guid.NewGuid():N}"[..20], now.AddDays(-1), 500m, "EUR", SalesChannel.Web, OrderStatus.Cancelled, 1, "Cancelled"));
        await db.SaveChangesAsync();

        var values = await CampaignContent.MergeValuesAsync(db, [buyer.Id, never.Id], CancellationToken.None);

        Assert.Equal("Hi Bella, your last order: 84.90 EUR.", MergeFields.Apply("Hi {{first_name}}, your last order: {{last_order_total}}.", values[buyer.Id])
            .Replace("\\.", "."));
        Assert.Equal(DateOnly.FromDateTime(now.AddDays(-5).UtcDateTime), values[buyer.Id].LastOrderDate);
        Assert.Null(values[never.Id].LastOrderTotal);
        Assert.Equal("Gold", values[never.Id].LoyaltyTier);
    }

    [Fact]
    public async Task UnknownMergeFields_AreRefused_WithTheirNames()
    {
        var plan = _data.Plan(CampaignChannels.Widget, body: "Hi {{frist_name}}, {{first_name}}!");

        var error = await Assert.ThrowsAsync<DomainException>(() => app.Service<CampaignService>().SaveDraftAsync(null, plan, "test-manager"));

        Assert.Equal("Unknown merge field: {{frist_name}}.", error.Message);
    }
}
