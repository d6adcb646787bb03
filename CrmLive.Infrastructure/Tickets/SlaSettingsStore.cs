using CrmLive.Domain.Common;
using CrmLive.Domain.Tickets;
using CrmLive.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CrmLive.Infrastructure.Tickets;

/// <summary>The team's one stored SLA policy. Until a manager saves one, the defaults of <see cref="SlaSettings"/> apply.</summary>
public sealed class SlaSettingsStore(IDbContextFactory<CrmDbContext> dbFactory, ILogger<SlaSettingsStore> logger)
{
    public async Task<SlaSettings> GetAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.SlaSettings.AsNoTracking().SingleOrDefaultAsync(s => s.Id == SlaSettings.SingletonId, ct)
            ?? new SlaSettings();
    }

    /// <summary>
    /// The policy new tickets and priority changes are timed by. A stored row that no longer builds (say, a time zone
    /// this server does not know) must not stop tickets being opened, so it falls back to the defaults.
    /// </summary>
    public async Task<SlaPolicy> PolicyAsync(CancellationToken ct = default)
    {
        try
        {
            return (await GetAsync(ct)).ToPolicy();
        }
        catch (DomainException ex)
        {
            logger.LogWarning("The stored SLA policy is unusable ({Reason}); timing tickets by the defaults.", ex.Message);
            return new SlaSettings().ToPolicy();
        }
    }

    /// <summary>Validates and saves; a <see cref="DomainException"/> says what is wrong and nothing is stored.</summary>
    public async Task<SlaSettings> UpdateAsync(double urgentHours, double highHours, double normalHours, double lowHours,
        string? businessHours, string timeZone, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var settings = await db.SlaSettings.SingleOrDefaultAsync(s => s.Id == SlaSettings.SingletonId, ct);
        var isNew = settings is null;
        settings ??= new SlaSettings();
        settings.Update(urgentHours, highHours, normalHours, lowHours, businessHours, timeZone);
        if (isNew) db.SlaSettings.Add(settings);
        await db.SaveChangesAsync(ct);
        return settings;
    }
}
