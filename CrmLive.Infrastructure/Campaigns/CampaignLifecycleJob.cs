using CrmLive.Domain.Campaigns;
using CrmLive.Domain.Live;
using CrmLive.Infrastructure.Persistence;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace CrmLive.Infrastructure.Campaigns;

/// <summary>Hangfire jobs scheduled at launch for the campaign's start and end.</summary>
public sealed class CampaignLifecycleJob(IDbContextFactory<CrmDbContext> dbFactory, IBackgroundJobClient jobs,
    CampaignWidget widget, ILiveEventBus bus, TimeProvider clock)
{
    /// <summary>Sending begins: e-mail in batches, and the widget message to customers online right now.</summary>
    [AutomaticRetry(Attempts = 3)]
    public async Task StartAsync(Guid campaignId, CancellationToken ct)
    {
        var campaign = await AdvanceAsync(campaignId, ct);
        if (campaign is null || !campaign.IsSending(clock.GetUtcNow())) return;
        if (campaign.Uses(CampaignChannels.Email)) jobs.Enqueue<CampaignEmailJob>(j => j.RunAsync(campaignId, CancellationToken.None));
        if (campaign.Uses(CampaignChannels.Widget)) await widget.OfferToOnlineVisitorsAsync(campaignId, ct);
    }

    [AutomaticRetry(Attempts = 3)]
    public async Task EndAsync(Guid campaignId, CancellationToken ct) => await AdvanceAsync(campaignId, ct);

    private async Task<Campaign?> AdvanceAsync(Guid campaignId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var campaign = await db.Campaigns.SingleOrDefaultAsync(c => c.Id == campaignId, ct);
        if (campaign is null || !campaign.Advance(clock.GetUtcNow())) return campaign;
        await db.SaveChangesAsync(ct);
        await bus.PublishAsync(new CampaignChanged(campaignId, campaign.Status.ToString()), ct);
        return campaign;
    }
}
