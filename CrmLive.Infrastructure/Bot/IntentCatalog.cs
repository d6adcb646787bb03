using CrmLive.Domain.Bot;
using CrmLive.Domain.Common;
using CrmLive.Domain.Live;
using CrmLive.Infrastructure.Chat;
using CrmLive.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CrmLive.Infrastructure.Bot;

public sealed record IntentSummary(Guid Id, string Name, string Answer, IntentAction Action, int Examples);

public sealed record IntentExampleDto(long Id, string Text, ExampleSource Source, DateTimeOffset CreatedAt);

/// <summary>What the bot knows: intents, their answers and examples, and its threshold. Managers edit it.</summary>
public sealed class IntentCatalog(IDbContextFactory<CrmDbContext> dbFactory, TimeProvider clock, ILiveEventBus bus,
    ILogger<IntentCatalog> logger)
{
    public async Task<IReadOnlyList<IntentSummary>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Intents.AsNoTracking().OrderBy(i => i.Name)
            .Select(i => new IntentSummary(i.Id, i.Name, i.Answer, i.Action, db.IntentExamples.Count(e => e.IntentId == i.Id)))
            .ToListAsync(ct);
    }

    public async Task<IReadOnlyList<IntentExampleDto>> ExamplesAsync(Guid intentId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.IntentExamples.AsNoTracking().Where(e => e.IntentId == intentId).OrderByDescending(e => e.Id)
            .Select(e => new IntentExampleDto(e.Id, e.Text, e.Source, e.CreatedAt)).ToListAsync(ct);
    }

    /// <summary>Creates (when <paramref name="id"/> is null) or edits an intent; names are unique.</summary>
    public async Task<Guid> SaveAsync(Guid? id, string name, string answer, IntentAction action, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        Intent intent;
        try
        {
            if (id is { } existing)
            {
                intent = await db.Intents.SingleOrDefaultAsync(i => i.Id == existing, ct)
                    ?? throw new ChatException("That intent no longer exists.");
                intent.Rename(name);
                intent.Edit(answer, action);
            }
            else
            {
                intent = new Intent(name, answer, action, clock.GetUtcNow());
                db.Intents.Add(intent);
            }
        }
        catch (DomainException ex)
        {
            throw new ChatException(ex.Message);
        }
        if (await db.Intents.AnyAsync(i => i.Name == intent.Name && i.Id != intent.Id, ct))
            throw new ChatException($"There is already an intent called {intent.Name}.");
        await db.SaveChangesAsync(ct);
        await bus.PublishAsync(new BotKnowledgeChanged($"intent {intent.Name}"), ct);
        return intent.Id;
    }

    public async Task DeleteAsync(Guid intentId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Intents.Where(i => i.Id == intentId).ExecuteDeleteAsync(ct);
        await bus.PublishAsync(new BotKnowledgeChanged("intent deleted"), ct);
    }

    /// <summary>Adds a training example; an example the intent already has is not added twice.</summary>
    public async Task<bool> AddExampleAsync(Guid intentId, string text, ExampleSource source, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Intents.AnyAsync(i => i.Id == intentId, ct)) throw new ChatException("That intent no longer exists.");
        IntentExample example;
        try
        {
            example = new IntentExample(intentId, text, source, clock.GetUtcNow());
        }
        catch (DomainException ex)
        {
            throw new ChatException(ex.Message);
        }
        if (await db.IntentExamples.AnyAsync(e => e.IntentId == intentId && e.Text == example.Text, ct)) return false;
        db.IntentExamples.Add(example);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Example added to intent {IntentId} ({Source})", intentId, source);
        return true;
    }

    public async Task RemoveExampleAsync(long exampleId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.IntentExamples.Where(e => e.Id == exampleId).ExecuteDeleteAsync(ct);
    }

    public async Task<float> ThresholdAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.BotSettings.AsNoTracking().Select(s => (float?)s.Threshold).SingleOrDefaultAsync(ct)
            ?? BotSettings.DefaultThreshold;
    }

    public async Task SetThresholdAsync(float threshold, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var settings = await db.BotSettings.SingleOrDefaultAsync(ct);
        if (settings is null) db.BotSettings.Add(settings = new BotSettings());
        try
        {
            settings.SetThreshold(threshold);
        }
        catch (DomainException ex)
        {
            throw new ChatException(ex.Message);
        }
        await db.SaveChangesAsync(ct);
        await bus.PublishAsync(new BotKnowledgeChanged("threshold"), ct);
    }
}
