using CrmLive.Domain.Bot;
using CrmLive.Domain.Conversations;
using CrmLive.Domain.Live;
using CrmLive.Infrastructure.Bot.Classifier;
using CrmLive.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CrmLive.Infrastructure.Bot;

/// <summary>
/// What the bot knows right now, in memory for the hot path: the active model, the intents' answers and the
/// threshold. Reloaded at start and whenever any instance announces <see cref="BotKnowledgeChanged"/>.
/// </summary>
public sealed class IntentBrain(IDbContextFactory<CrmDbContext> dbFactory, ILiveEventBus bus, WordVectorsSource wordVectors,
    ILogger<IntentBrain> logger)
    : IHostedService
{
    private sealed record State(IntentModel? Model, int? Version, IReadOnlyDictionary<string, IntentAnswer> Answers,
        float Threshold, RuleBot Bot, IReadOnlyDictionary<Guid, Inbox> Inboxes);

    private volatile State _state = new(null, null, new Dictionary<string, IntentAnswer>(), BotSettings.DefaultThreshold,
        RuleBot.Default, new Dictionary<Guid, Inbox>());
    private IDisposable? _subscription;
    private readonly SemaphoreSlim _reload = new(1, 1);

    public IReadOnlyDictionary<string, IntentAnswer> Answers => _state.Answers;
    public float Threshold => _state.Threshold;
    public int? ActiveVersion => _state.Version;

    /// <summary>The managers' rules, in order, after the built-in "talk to a human".</summary>
    public RuleBot Bot => _state.Bot;

    /// <summary>What rule conditions see: the inbox's business hours now, and whether the customer is known.</summary>
    public BotContext ContextFor(Guid inboxId, bool knownCustomer, DateTimeOffset now) =>
        new(!_state.Inboxes.TryGetValue(inboxId, out var inbox) || inbox.IsOpenAt(now), knownCustomer);

    /// <summary>The active model's best guess, or null when no model has been trained yet.</summary>
    public Domain.Bot.IntentGuess? Guess(string text)
    {
        var state = _state;
        if (state.Model is null || string.IsNullOrWhiteSpace(text)) return null;
        try
        {
            var prediction = state.Model.Predict(text);
            return new Domain.Bot.IntentGuess(prediction.Intent, prediction.Confidence);
        }
        catch (ObjectDisposedException)
        {
            return null; // swapped out this very moment; the rules and fallback still answer
        }
    }

    public async Task ReloadAsync(CancellationToken ct = default)
    {
        await _reload.WaitAsync(ct);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var answers = await db.Intents.AsNoTracking()
                .ToDictionaryAsync(i => i.Name, i => new IntentAnswer(i.Answer, i.Action), ct);
            var threshold = await db.BotSettings.AsNoTracking().Select(s => (float?)s.Threshold).SingleOrDefaultAsync(ct)
                ?? BotSettings.DefaultThreshold;
            var active = await db.BotModelVersions.AsNoTracking().Where(v => v.IsActive)
                .Select(v => new { v.Version, v.Model }).SingleOrDefaultAsync(ct);
            var rules = await db.BotRules.AsNoTracking().Where(r => r.Enabled).OrderBy(r => r.Position).ThenBy(r => r.Name)
                .ToListAsync(ct);
            var inboxes = await db.Inboxes.AsNoTracking().ToDictionaryAsync(i => i.Id, ct);
            var old = _state;
            var model = old.Model;
            if (active?.Version != old.Version)
                model = active is null ? null : LoadModel(active.Version, active.Model);
            _state = new State(model, model is null ? null : active?.Version, answers, threshold,
                new RuleBot([.. rules.Select(r => r.ToRule())]), inboxes);
            if (!ReferenceEquals(model, old.Model)) old.Model?.Dispose();
            logger.LogInformation("Bot knowledge loaded: model v{Version}, {Intents} intents, threshold {Threshold:0.00}",
                active?.Version, answers.Count, threshold);
        }
        finally
        {
            _reload.Release();
        }
    }

    private IntentModel? LoadModel(int version, byte[] bytes)
    {
        try
        {
            return IntentModel.Load(new MemoryStream(bytes), wordVectors.Vectors);
        }
        catch (InvalidDataException ex)
        {
            // Rules and the fallback still answer; the next training run replaces the model (BotTrainingJob).
            logger.LogError(ex, "Bot model v{Version} cannot be used here; the classifier is off until the bot is retrained", version);
            return null;
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = bus.Subscribe<BotKnowledgeChanged>(_ => ReloadAsync());
        try
        {
            await ReloadAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A fresh database may not be migrated yet when this runs; the first change reloads it.
            logger.LogWarning(ex, "Bot knowledge could not be loaded at start");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }
}
