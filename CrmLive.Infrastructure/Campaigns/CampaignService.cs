using CrmLive.Domain.Audit;
using CrmLive.Domain.Campaigns;
using CrmLive.Domain.Common;
using CrmLive.Domain.Live;
using CrmLive.Infrastructure.Audit;
using CrmLive.Infrastructure.Persistence;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CrmLive.Infrastructure.Campaigns;

/// <summary>How far a launch is: recipients added, of the audience's size (null while the audience is drawn).</summary>
public sealed record LaunchProgress(int Added, int? Total);

public sealed record CampaignRow(Guid Id, string Name, CampaignStatus Status, string Audience, CampaignChannels Channels,
    DateTimeOffset StartsAt, DateTimeOffset EndsAt, int AudienceSize, int Reached);

public sealed record CampaignDetails(Guid Id, CampaignPlan Plan, CampaignStatus Status, string AudienceText,
    DateTimeOffset CreatedAt, DateTimeOffset? LaunchedAt, DateTimeOffset? EndedAt, int AudienceSize);

/// <summary>Managers' campaigns: drafts, launch (the audience drawn and split once), stop.</summary>
public sealed class CampaignService(IDbContextFactory<CrmDbContext> dbFactory, CampaignAudiences audiences, AuditLog audit,
    IBackgroundJobClient jobs, ILiveEventBus bus, TimeProvider clock, ILogger<CampaignService> logger)
{
    private const int InsertChunk = 5_000;

    public async Task<IReadOnlyList<CampaignRow>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var campaigns = await db.Campaigns.AsNoTracking().OrderByDescending(c => c.CreatedAt).ToListAsync(ct);
        var reached = await db.CampaignRecipients.AsNoTracking().Where(r => r.ReachedAt != null)
            .GroupBy(r => r.CampaignId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var views = await ViewNamesAsync(db, campaigns, ct);
        var now = clock.GetUtcNow();
        return [.. campaigns.Select(c =>
        {
            c.Advance(now);
            return new CampaignRow(c.Id, c.Name, c.Status, c.Audience.Describe(views.GetValueOrDefault(c.AudienceValue)), c.Channels,
                c.StartsAt, c.EndsAt, c.AudienceSize, reached.GetValueOrDefault(c.Id));
        })];
    }

    public async Task<CampaignDetails?> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var c = await db.Campaigns.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
        if (c is null) return null;
        c.Advance(clock.GetUtcNow());
        var views = await ViewNamesAsync(db, [c], ct);
        return new CampaignDetails(c.Id, c.Plan, c.Status, c.Audience.Describe(views.GetValueOrDefault(c.AudienceValue)),
            c.CreatedAt, c.LaunchedAt, c.EndedAt, c.AudienceSize);
    }

    /// <summary>How many customers the audience holds now (before the control group is held out).</summary>
    public async Task<int> AudienceSizeAsync(CampaignAudience audience, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await audiences.CountAsync(db, audience, ct);
    }

    /// <summary>Products customers bought, by SKU or name, for the "bought A but not B" audience.</summary>
    public async Task<IReadOnlyList<(string Sku, string Name)>> ProductsAsync(string? term, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var lines = db.OrderLines.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(term))
        {
            var t = term.Trim();
            lines = lines.Where(l => l.Sku.StartsWith(t.ToUpper()) || l.ProductName.Contains(t));
        }
        var products = await lines.Select(l => new { l.Sku, l.ProductName }).Distinct().OrderBy(p => p.Sku).Take(20).ToListAsync(ct);
        return [.. products.Select(p => (p.Sku, p.ProductName))];
    }

    /// <summary>Creates a draft (no id) or changes one. Rules the plan breaks come back as <see cref="DomainException"/>.</summary>
    public async Task<Guid> SaveDraftAsync(Guid? id, CampaignPlan plan, string userId, CancellationToken ct = default)
    {
        var unknown = MergeFields.UnknownFields(plan.Body).Concat(MergeFields.UnknownFields(plan.EmailSubject ?? "")).Distinct().ToList();
        if (unknown.Count > 0)
            throw new DomainException($"Unknown merge field{(unknown.Count > 1 ? "s" : "")}: {string.Join(", ", unknown.Select(f => $"{{{{{f}}}}}"))}.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (plan.Audience.Kind == AudienceKind.SavedView) await CampaignAudiences.ViewAsync(db, plan.Audience.Value, ct);
        Campaign campaign;
        if (id is { } existing)
        {
            campaign = await db.Campaigns.SingleOrDefaultAsync(c => c.Id == existing, ct)
                ?? throw new DomainException("This campaign no longer exists.");
            campaign.Edit(plan);
        }
        else
        {
            campaign = new Campaign(plan, userId, clock.GetUtcNow());
            db.Campaigns.Add(campaign);
        }
        await db.SaveChangesAsync(ct);
        return campaign.Id;
    }

    public async Task DeleteDraftAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var campaign = await db.Campaigns.SingleOrDefaultAsync(c => c.Id == id, ct);
        if (campaign is null) return;
        if (campaign.Status != CampaignStatus.Draft) throw new DomainException("Only a draft can be deleted; stop a campaign instead.");
        db.Campaigns.Remove(campaign);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Draws the audience as it is now and splits it into treatment and control, all in one transaction: a failure
    /// leaves the draft as it was. Then sending starts, now or at the campaign's start.
    /// </summary>
    /// <param name="progress">Recipients added so far out of the audience (none while it is drawn), chunk by chunk.</param>
    public async Task<int> LaunchAsync(Guid id, AuditActor actor, IProgress<LaunchProgress>? progress = null,
        CancellationToken ct = default)
    {
        progress?.Report(new LaunchProgress(0, null));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var campaign = await db.Campaigns.SingleOrDefaultAsync(c => c.Id == id, ct)
            ?? throw new DomainException("This campaign no longer exists.");
        if (campaign.Status != CampaignStatus.Draft) throw new DomainException("This campaign has already been launched.");
        var now = clock.GetUtcNow();
        var ids = await (await audiences.CustomerIdsAsync(db, campaign.Audience, ct)).ToListAsync(ct);
        campaign.Launch(ids.Count, now);
        progress?.Report(new LaunchProgress(0, ids.Count));
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var added = 0;
        foreach (var chunk in ids.Chunk(InsertChunk))
        {
            db.CampaignRecipients.AddRange(chunk.Select(customerId => new CampaignRecipient(campaign.Id, customerId,
                ControlGroup.IsHeldOut(campaign.Id, customerId, campaign.ControlPercent) ? CampaignGroup.Control : CampaignGroup.Treatment,
                campaign.Channels, now)));
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            db.Attach(campaign);
            progress?.Report(new LaunchProgress(added += chunk.Length, ids.Count));
        }
        db.Entry(campaign).State = EntityState.Modified;
        audit.Add(db, actor, AuditActions.CampaignLaunched, $"Campaign {campaign.Name} ({campaign.Id})",
            $"{ids.Count} customers, {campaign.ControlPercent}% held out as control");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        logger.LogInformation("Campaign {Campaign} launched to {Count} customers ({Status})", campaign.Id, ids.Count, campaign.Status);

        if (campaign.Status == CampaignStatus.Running) jobs.Enqueue<CampaignLifecycleJob>(j => j.StartAsync(campaign.Id, CancellationToken.None));
        else jobs.Schedule<CampaignLifecycleJob>(j => j.StartAsync(campaign.Id, CancellationToken.None), campaign.StartsAt);
        jobs.Schedule<CampaignLifecycleJob>(j => j.EndAsync(campaign.Id, CancellationToken.None), campaign.EndsAt);
        await bus.PublishAsync(new CampaignChanged(campaign.Id, "launched"), ct);
        return ids.Count;
    }

    public async Task StopAsync(Guid id, AuditActor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var campaign = await db.Campaigns.SingleOrDefaultAsync(c => c.Id == id, ct)
            ?? throw new DomainException("This campaign no longer exists.");
        campaign.Stop(clock.GetUtcNow());
        audit.Add(db, actor, AuditActions.CampaignStopped, $"Campaign {campaign.Name} ({campaign.Id})");
        await db.SaveChangesAsync(ct);
        await bus.PublishAsync(new CampaignChanged(campaign.Id, "stopped"), ct);
    }

    private static async Task<Dictionary<string, string>> ViewNamesAsync(CrmDbContext db, IEnumerable<Campaign> campaigns,
        CancellationToken ct)
    {
        var ids = campaigns.Where(c => c.AudienceKind == AudienceKind.SavedView)
            .Select(c => Guid.TryParse(c.AudienceValue, out var v) ? v : Guid.Empty).Distinct().ToList();
        if (ids.Count == 0) return [];
        return await db.SavedViews.AsNoTracking().Where(v => ids.Contains(v.Id))
            .ToDictionaryAsync(v => v.Id.ToString(), v => v.Name, ct);
    }
}
