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

/// <summary>Intents and examples in and out as CSV (text,intent): all or nothing, every bad row named.</summary>
[Trait("Database", "Any")]
public class IntentCsvTests(CrmLiveAppFactory app) : IClassFixture<CrmLiveAppFactory>
{
    private IntentCsv Csv => app.Service<IntentCsv>();

    private static MemoryStream File(string text) => new(System.Text.Encoding.UTF8.GetBytes(text));

    [Fact]
    public async Task Export_IsTextCommaIntent_WithEveryExample()
    {
        var text = System.Text.Encoding.UTF8.GetString(await Csv.ExportAsync()).TrimStart('\uFEFF');
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        Assert.Equal("text,intent", lines[0]);
        Assert.Contains("where is my order,order_status", lines);
        var examples = (await app.Service<IntentCatalog>().ListAsync()).Sum(i => i.Examples);
        Assert.Equal(examples, lines.Length - 1);
    }

    [Fact]
    public async Task ABadRow_WritesNothing_AndSaysWhichLine()
    {
        var before = (await app.Service<IntentCatalog>().ListAsync()).Sum(i => i.Examples);

        var result = await Csv.ImportAsync(File("text;intent\n\"do you sell gift cards; really\";gift_cards\n;returns\nhello;???\n"));

        Assert.False(result.Succeeded);
        Assert.Equal([3, 4], result.Errors.Select(e => e.Line));
        Assert.Equal(before, (await app.Service<IntentCatalog>().ListAsync()).Sum(i => i.Examples));
        Assert.DoesNotContain(await app.Service<IntentCatalog>().ListAsync(), i => i.Name == "gift_cards");
    }

    [Fact]
    public async Task AGoodFile_AddsExamples_CreatesNewIntentsSafely_AndSkipsDuplicates()
    {
        var result = await Csv.ImportAsync(File("\uFEFFText,Intent\n\"Can I buy a voucher, please?\",Vouchers\nwhere is my order,order_status\nvoucher for my dad,vouchers\n"));

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        Assert.Equal((3, 2, 1, 1), (result.Rows, result.Added, result.Duplicates, result.NewIntents));
        var vouchers = (await app.Service<IntentCatalog>().ListAsync()).Single(i => i.Name == "vouchers");
        Assert.Equal(CrmLive.Domain.Bot.IntentAction.HandOff, vouchers.Action);
        Assert.Equal(IntentCsv.PlaceholderAnswer, vouchers.Answer);
        Assert.Contains(await app.Service<IntentCatalog>().ExamplesAsync(vouchers.Id), e => e.Text == "Can I buy a voucher, please?");
    }

    [Fact]
    public async Task NotCsvAtAll_IsRefusedWithAReason()
    {
        var result = await Csv.ImportAsync(File("name,email\nAda,ada@example.com\n"));

        Assert.False(result.Succeeded);
        Assert.Contains("text and intent", result.Errors.Single().Reason);
    }
}
