using CrmLive.Domain.Bot;
using CrmLive.Domain.Common;
using CrmLive.Domain.Live;
using CrmLive.Infrastructure.Chat;
using CrmLive.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CrmLive.Infrastructure.Bot;

public sealed record BotRuleDto(Guid Id, string Name, RuleMatch Match, string Pattern, string Answer, bool HandOff,
    RuleCondition Condition, int Position, bool Enabled);

/// <summary>The bot's rules as managers keep them; every change reaches every instance's bot at once.</summary>
public sealed class RuleCatalog(IDbContextFactory<CrmDbContext> dbFactory, TimeProvider clock, ILiveEventBus bus)
{
    public async Task<IReadOnlyList<BotRuleDto>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.BotRules.AsNoTracking().OrderBy(r => r.Position).ThenBy(r => r.Name)
            .Select(r => new BotRuleDto(r.Id, r.Name, r.Match, r.Pattern, r.Answer, r.HandOff, r.Condition, r.Position, r.Enabled))
            .ToListAsync(ct);
    }

    /// <summary>Creates (when <paramref name="id"/> is null; it goes last) or edits a rule.</summary>
    public async Task<Guid> SaveAsync(Guid? id, string name, RuleMatch match, string pattern, string answer, bool handOff,
        RuleCondition condition, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        BotRuleDefinition rule;
        try
        {
            if (id is { } existing)
            {
                rule = await db.BotRules.SingleOrDefaultAsync(r => r.Id == existing, ct)
                    ?? throw new ChatException("That rule no longer exists.");
                rule.Edit(name, match, pattern, answer, handOff, condition);
            }
            else
            {
                var last = await db.BotRules.MaxAsync(r => (int?)r.Position, ct) ?? 0;
                rule = new BotRuleDefinition(name, match, pattern, answer, handOff, condition, last + 1, clock.GetUtcNow());
                db.BotRules.Add(rule);
            }
        }
        catch (DomainException ex)
        {
            throw new ChatException(ex.Message);
        }
        if (await db.BotRules.AnyAsync(r => r.Name == rule.Name && r.Id != rule.Id, ct))
            throw new ChatException($"There is already a rule called {rule.Name}.");
        await db.SaveChangesAsync(ct);
        await bus.PublishAsync(new BotKnowledgeChanged($"rule {rule.Name}"), ct);
        return rule.Id;
    }

    public Task SetEnabledAsync(Guid id, bool enabled, CancellationToken ct = default) =>
        ChangeAsync(id, r => r.SetEnabled(enabled), ct);

    /// <summary>Swaps the rule with its neighbour above (-1) or below (+1): earlier rules win.</summary>
    public async Task MoveAsync(Guid id, int direction, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rules = await db.BotRules.OrderBy(r => r.Position).ThenBy(r => r.Name).ToListAsync(ct);
        var index = rules.FindIndex(r => r.Id == id);
        var other = index + Math.Sign(direction);
        if (index < 0 || other < 0 || other >= rules.Count) return;
        (rules[index], rules[other]) = (rules[other], rules[index]);
        for (var i = 0; i < rules.Count; i++) rules[i].MoveTo(i + 1);
        await db.SaveChangesAsync(ct);
        await bus.PublishAsync(new BotKnowledgeChanged("rule order"), ct);
    }

    public async Task DeleteAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.BotRules.Where(r => r.Id == id).ExecuteDeleteAsync(ct);
        await bus.PublishAsync(new BotKnowledgeChanged("rule deleted"), ct);
    }

    private async Task ChangeAsync(Guid id, Action<BotRuleDefinition> change, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rule = await db.BotRules.SingleOrDefaultAsync(r => r.Id == id, ct) ?? throw new ChatException("That rule no longer exists.");
        change(rule);
        await db.SaveChangesAsync(ct);
        await bus.PublishAsync(new BotKnowledgeChanged($"rule {rule.Name}"), ct);
    }
}
