using CrmLive.Domain.Bot;
using CrmLive.Infrastructure.Demo;
using CrmLive.Infrastructure.Identity;
using CrmLive.Infrastructure.Jobs;
using Hangfire;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmLive.Infrastructure.Persistence;

/// <summary>Brings the database up to date at start-up: migrations, roles, and the demo company when empty.</summary>
public static class DatabaseInitializer
{
    public static async Task InitializeDatabaseAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseInitializer));
        var dbOptions = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var demo = sp.GetRequiredService<IOptions<DemoOptions>>().Value;
        var db = sp.GetRequiredService<CrmDbContext>();

        if (dbOptions.MigrateOnStartup)
        {
            if (db.Database.IsSqlite())
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            await db.Database.MigrateAsync(ct);
            // SQLite plans list queries from table statistics: refresh them where the data has grown since last time.
            if (db.Database.IsSqlite())
                await db.Database.ExecuteSqlRawAsync("PRAGMA optimize=0x10002;", ct);
        }

        var roles = sp.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
                EnsureSucceeded(await roles.CreateAsync(new IdentityRole(role)), $"create role {role}");
        }

        if (!await db.BotSettings.AnyAsync(ct))
        {
            // A new installation: the bot's settings and its starter rules, which managers edit from then on.
            db.BotSettings.Add(new BotSettings());
            var now = sp.GetRequiredService<TimeProvider>().GetUtcNow();
            db.BotRules.AddRange(RuleBot.StarterRules.Select((r, i) =>
                new BotRuleDefinition(r.Name, RuleMatch.Regex, r.Pattern, r.Answer, r.HandOff, r.Condition, i + 1, now)));
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear(); // another instance starting at the same moment created it
            }
        }

        if (!demo.Seed || await db.Customers.AnyAsync(ct)) return;

        var users = sp.GetRequiredService<UserManager<StaffUser>>();
        foreach (var (email, name, role) in DemoAccounts.All)
        {
            if (await users.FindByEmailAsync(email) is not null) continue;
            var user = new StaffUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name };
            EnsureSucceeded(await users.CreateAsync(user, demo.Password), $"create demo account {email}");
            EnsureSucceeded(await users.AddToRoleAsync(user, role), $"add {email} to {role}");
        }

        var clock = sp.GetRequiredService<TimeProvider>();
        await sp.GetRequiredService<DemoCompanySeeder>().SeedAsync(db, demo, clock.GetUtcNow(), ct);
        if (db.Database.IsSqlite()) await db.Database.ExecuteSqlRawAsync("ANALYZE;", ct);

        // Score the fresh company right away so the 360 page and dashboards show segments without waiting for tonight.
        sp.GetService<IBackgroundJobClient>()?.Enqueue<Analytics.AnalyticsRecomputeJob>(j => j.RunAsync(CancellationToken.None));
        sp.GetService<IBackgroundJobClient>()?.Enqueue<Offers.OfferRulesJob>(j => j.RunAsync(CancellationToken.None));
        // And train the bot on the demo shop's intents, so the widget's bot answers them from the first visit.
        sp.GetService<IBackgroundJobClient>()?.Enqueue<Bot.BotTrainingJob>(j => j.RunAsync(CancellationToken.None));
        logger.LogInformation("Demo company ready");
    }

    private static void EnsureSucceeded(IdentityResult result, string what)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException(
                $"Could not {what}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
    }
}
