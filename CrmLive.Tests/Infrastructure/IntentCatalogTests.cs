using CrmLive.Domain.Bot;
using CrmLive.Infrastructure.Bot;
using CrmLive.Infrastructure.Chat;
using CrmLive.Tests.Support;

namespace CrmLive.Tests.Infrastructure;

/// <summary>Managers' edits to the bot's knowledge, against the real database.</summary>
[Trait("Database", "Any")]
public class IntentCatalogTests(CrmLiveAppFactory app) : IClassFixture<CrmLiveAppFactory>
{
    private IntentCatalog Catalog => app.Service<IntentCatalog>();

    [Fact]
    public async Task TheDemoShopShipsWithIntentsForItsCommonQuestions()
    {
        var intents = await Catalog.ListAsync();

        Assert.Superset(new HashSet<string> { "order_status", "delivery_options", "returns", "opening_hours", "payment", "account" },
            intents.Select(i => i.Name).ToHashSet());
        Assert.All(intents, i => Assert.True(i.Examples >= 8, $"{i.Name} has {i.Examples} examples"));
    }

    [Fact]
    public async Task NamesAreUnique_ExamplesAreNotAddedTwice()
    {
        var id = await Catalog.SaveAsync(null, "Gift Cards " + Guid.NewGuid().ToString("N")[..4], "Gift cards never expire.", IntentAction.None);
        var name = (await Catalog.ListAsync()).Single(i => i.Id == id).Name;

        var clash = await Assert.ThrowsAsync<ChatException>(() => Catalog.SaveAsync(null, name, "Again", IntentAction.None));
        Assert.True(await Catalog.AddExampleAsync(id, "do gift cards expire", ExampleSource.Manager));
        Assert.False(await Catalog.AddExampleAsync(id, "  do gift cards expire ", ExampleSource.Manager));

        Assert.Contains("already an intent", clash.Message);
        Assert.Single(await Catalog.ExamplesAsync(id));
    }

    [Fact]
    public async Task TheThresholdStaysWithinSensibleBounds()
    {
        await Catalog.SetThresholdAsync(0.6f);
        Assert.Equal(0.6f, await Catalog.ThresholdAsync());
        await Assert.ThrowsAsync<ChatException>(() => Catalog.SetThresholdAsync(0.99f));
        await Catalog.SetThresholdAsync(BotSettings.DefaultThreshold);
    }
}
