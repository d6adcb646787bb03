using CrmLive.Domain.Bot;
using CrmLive.Infrastructure.Bot;
using CrmLive.Infrastructure.Bot.Classifier;
using CrmLive.Infrastructure.Persistence;
using CrmLive.Tests.Bot;
using CrmLive.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CrmLive.Tests.Web.Hubs;

/// <summary>
/// A stored model trained with word vectors this installation does not have (another build, another file) cannot be
/// read: the bot keeps answering with rules, and the next training run replaces it instead of comparing against it.
/// </summary>
[Trait("Database", "Any")]
public class BotWordVectorsTests(CrmLiveAppFactory app) : IClassFixture<CrmLiveAppFactory>
{
    [Fact]
    public async Task ActiveModelFromOtherVectors_IsSetAside_AndTheNextTrainingReplacesIt()
    {
        var brain = app.Service<IntentBrain>();
        byte[] foreign;
        using (var model = IntentModel.Train(ShopIntents.Training,
                   vectors: TestWordVectors.Made("other-vectors", [("parcel", [1f, 0f]), ("refund", [0f, 1f])])))
        using (var bytes = new MemoryStream())
        {
            model.Save(bytes);
            foreign = bytes.ToArray();
        }
        await using (var db = await app.Service<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync())
        {
            var version = new BotModelVersion(1, DateTimeOffset.UtcNow, 40, 5, 0.9, 0.9, 1, foreign);
            version.Promote("trained elsewhere");
            db.BotModelVersions.Add(version);
            await db.SaveChangesAsync();
        }

        await brain.ReloadAsync();

        Assert.Null(brain.ActiveVersion);
        Assert.Null(brain.Guess("where is my parcel"));

        var outcome = await app.Service<BotTrainingJob>().RunAsync(CancellationToken.None);

        Assert.NotNull(outcome);
        Assert.True(outcome.Promoted, outcome.Decision);
        Assert.Null(outcome.ActiveAccuracy);
        await Eventually.TrueAsync(() => Task.FromResult(brain.ActiveVersion == outcome.Version), "the brain to load the new model");
        Assert.NotNull(brain.Guess("where is my parcel"));
    }
}
