using System.Diagnostics;
using CrmLive.Domain.Bot;
using CrmLive.Domain.Live;
using CrmLive.Infrastructure.Bot.Classifier;
using CrmLive.Infrastructure.Operations;
using CrmLive.Infrastructure.Persistence;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CrmLive.Infrastructure.Bot;

public sealed record TrainingOutcome(int Version, bool Promoted, string Decision, double Accuracy, double? ActiveAccuracy);

/// <summary>
/// Retrains the intent classifier from every example, evaluates it on a held-out split, and promotes it only
/// when it does at least as well on that split as the active model (<see cref="PromotionGate"/>). Every version is
/// kept with its scores. Runs nightly and whenever a manager asks.
/// </summary>
public sealed class BotTrainingJob(IDbContextFactory<CrmDbContext> dbFactory, ILiveEventBus bus, TimeProvider clock,
    WordVectorsSource wordVectors, CrmLiveMetrics metrics, Audit.AuditLog audit, ILogger<BotTrainingJob> logger)
{
    public const string JobId = "bot-retrain";

    /// <summary>Every fifth example (by a stable hash of its text) is held out: the same split run after run.</summary>
    public const int HoldOutEvery = 5;

    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    [AutomaticRetry(Attempts = 1)]
    public async Task<TrainingOutcome?> RunAsync(CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        await ProgressAsync(5, "Reading examples");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // In a fixed order: the same examples train the same model on every database.
        var examples = await db.IntentExamples.AsNoTracking().OrderBy(e => e.Id)
            .Join(db.Intents, e => e.IntentId, i => i.Id, (e, i) => new LabelledUtterance(e.Text, i.Name))
            .ToListAsync(ct);
        var (train, heldOut) = Split(examples);
        if (train.Select(e => e.Intent).Distinct().Count() < 2 || heldOut.Count == 0)
        {
            await ProgressAsync(100, "Not enough examples: add a few more to at least two intents", finished: true);
            logger.LogWarning("Bot training skipped: {Examples} examples over {Intents} intents", examples.Count,
                examples.Select(e => e.Intent).Distinct().Count());
            return null;
        }

        await ProgressAsync(15, $"Training on {train.Count} examples");
        // Stages are announced in order from here; ML.NET's own progress would arrive out of order on the pool.
        using var candidate = await Task.Run(() => IntentModel.Train(train, vectors: wordVectors.Vectors, ct: ct), ct);
        var trainSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;

        await ProgressAsync(80, $"Evaluating on {heldOut.Count} held-out examples");
        var score = IntentEvaluator.Evaluate(candidate, heldOut);
        var active = await db.BotModelVersions.Where(v => v.IsActive).SingleOrDefaultAsync(ct);
        double? activeAccuracy = null;
        if (active is not null)
        {
            activeAccuracy = ActiveAccuracy(active, heldOut);
        }
        var (promote, why) = PromotionGate.Decide(score.Accuracy, activeAccuracy);

        using var bytes = new MemoryStream();
        candidate.Save(bytes);
        var number = (await db.BotModelVersions.MaxAsync(v => (int?)v.Version, ct) ?? 0) + 1;
        var version = new BotModelVersion(number, clock.GetUtcNow(), examples.Count, score.Intents, score.Accuracy,
            score.MacroF1, trainSeconds, bytes.ToArray());
        db.BotModelVersions.Add(version);
        if (promote)
        {
            active?.Retire();
            version.Promote(why);
            audit.Add(db, Domain.Audit.AuditActor.System, Domain.Audit.AuditActions.BotModelPromoted, $"Bot model v{number}",
                $"Accuracy {score.Accuracy:0.000} on {heldOut.Count} held-out examples; {why}");
        }
        else version.Reject(why);
        await db.SaveChangesAsync(ct);

        metrics.JobFinished(JobId, Stopwatch.GetElapsedTime(started));
        logger.LogInformation("Bot model v{Version}: accuracy {Accuracy:0.000} on {HeldOut} held-out; {Decision}",
            number, score.Accuracy, heldOut.Count, why);
        if (promote) await bus.PublishAsync(new BotKnowledgeChanged($"model v{number}"), ct);
        await ProgressAsync(100, $"v{number}: {why}", finished: true);
        return new TrainingOutcome(number, promote, why, score.Accuracy, activeAccuracy);
    }

    /// <summary>
    /// The active model's accuracy on the same held-out examples; null when it can no longer be read here (trained
    /// with word vectors this installation does not have), so any model that can be read replaces it.
    /// </summary>
    private double? ActiveAccuracy(BotModelVersion active, List<LabelledUtterance> heldOut)
    {
        try
        {
            using var current = IntentModel.Load(new MemoryStream(active.Model), wordVectors.Vectors);
            return IntentEvaluator.Evaluate(current, heldOut).Accuracy;
        }
        catch (InvalidDataException ex)
        {
            logger.LogWarning(ex, "Active bot model v{Version} cannot be read here; the new model is compared with nothing", active.Version);
            return null;
        }
    }

    /// <summary>A stable split: the same example lands on the same side every run, for every model compared.</summary>
    public static (List<LabelledUtterance> Train, List<LabelledUtterance> HeldOut) Split(IEnumerable<LabelledUtterance> examples)
    {
        var train = new List<LabelledUtterance>();
        var heldOut = new List<LabelledUtterance>();
        foreach (var group in examples.GroupBy(e => e.Intent))
        {
            // Intents with very few examples are all trained on: holding one out would leave too little to learn.
            var items = group.ToList();
            foreach (var e in items)
                (items.Count >= HoldOutEvery && IsHeldOut(e.Text) ? heldOut : train).Add(e);
        }
        return (train, heldOut);
    }

    /// <summary>Whether this text is one of the held-out examples (in an intent with enough examples).</summary>
    public static bool IsHeldOut(string text) => StableHash(text) % HoldOutEvery == 0;

    private static uint StableHash(string text) =>
        text.Trim().ToLowerInvariant().Aggregate(2166136261u, (h, c) => (h ^ c) * 16777619u);

    private Task ProgressAsync(int percent, string stage, bool finished = false) =>
        bus.PublishAsync(new BotTrainingProgress(percent, stage, finished));
}
