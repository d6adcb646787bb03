using CrmLive.Infrastructure.Persistence;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace CrmLive.Infrastructure.Bot;

public sealed record BotModelSummary(int Version, DateTimeOffset TrainedAt, int Examples, int Intents, double Accuracy,
    double MacroF1, double TrainSeconds, bool IsActive, string? Decision);

/// <summary>The bot's model versions for managers, and retraining on demand.</summary>
public sealed class BotModels(IDbContextFactory<CrmDbContext> dbFactory, IBackgroundJobClient jobs)
{
    public async Task<IReadOnlyList<BotModelSummary>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.BotModelVersions.AsNoTracking().OrderByDescending(v => v.Version)
            .Select(v => new BotModelSummary(v.Version, v.TrainedAt, v.Examples, v.Intents, v.Accuracy, v.MacroF1,
                v.TrainSeconds, v.IsActive, v.Decision))
            .ToListAsync(ct);
    }

    /// <summary>Queues a training run now; progress arrives as BotTrainingProgress live events.</summary>
    public string RetrainNow() => jobs.Enqueue<BotTrainingJob>(j => j.RunAsync(CancellationToken.None));
}
