using CrmLive.Domain.Bot;
using CrmLive.Domain.Conversations;
using CrmLive.Infrastructure.Bot;
using CrmLive.Infrastructure.Chat;
using CrmLive.Infrastructure.Demo;
using CrmLive.Tests.Support;
using CrmLive.Web.Chat;
using Microsoft.AspNetCore.SignalR.Client;

namespace CrmLive.Tests.Web.Hubs;

/// <summary>Managers' rules reach the live bot on save: keywords, conditions, order, on/off.</summary>
[Trait("Database", "Any")]
public class BotRulesTests(CrmLiveAppFactory app) : IClassFixture<CrmLiveAppFactory>
{
    private async Task<string> BotAnswerAsync(string text, WidgetIdentity? identity = null)
    {
        await using var widget = app.CreateWidgetConnection();
        var answers = new List<MessageDto>();
        widget.On<MessageDto>("MessageReceived", m => { lock (answers) answers.Add(m); });
        await widget.StartAsync();
        await widget.InvokeAsync<WidgetStart>("Start", "demo", null, identity);
        await widget.InvokeAsync<SendResult>("Send", Guid.NewGuid().ToString(), text);
        await Eventually.TrueAsync(() => Task.FromResult(answers.Any(m => m.Sender == MessageSender.Bot)), "the bot's answer");
        return answers.First(m => m.Sender == MessageSender.Bot).Text;
    }

    [Fact]
    public async Task AKeywordRule_ForKnownCustomersOnly_AnswersThemAndNobodyElse_UntilDisabled()
    {
        var rules = app.Service<RuleCatalog>();
        var brain = app.Service<IntentBrain>();
        var id = await rules.SaveAsync(null, "Loyalty points", RuleMatch.Keywords, "loyalty points, bonus card",
            "You can see your **points** under My account.", handOff: false, RuleCondition.KnownCustomer);
        await Eventually.TrueAsync(() => Task.FromResult(brain.Bot.Reply("bonus card?", 0, context: new BotContext(true, true))
            .RuleName == "loyalty_points"), "the rule to reach the bot");

        var known = await BotAnswerAsync("how many Loyalty  Points do I have", await app.SignedIdentityAsync(DemoAccounts.ShopUserId(2)));
        var anonymous = await BotAnswerAsync("how many loyalty points do I have");

        Assert.Contains("under My account", known);
        Assert.DoesNotContain("under My account", anonymous);

        await rules.SetEnabledAsync(id, false);
        await Eventually.TrueAsync(() => Task.FromResult(brain.Bot.Reply("bonus card?", 0, context: new BotContext(true, true))
            .RuleName != "loyalty_points"), "the disabled rule to leave the bot");
    }

    [Fact]
    public async Task ABadPatternOrABuiltInName_IsRefusedWithAReason()
    {
        var rules = app.Service<RuleCatalog>();

        var regex = await Assert.ThrowsAsync<ChatException>(() =>
            rules.SaveAsync(null, "broken", RuleMatch.Regex, "(unclosed", "x", false, RuleCondition.Always));
        var builtIn = await Assert.ThrowsAsync<ChatException>(() =>
            rules.SaveAsync(null, "human", RuleMatch.Keywords, "person", "x", false, RuleCondition.Always));

        Assert.Contains("not a valid regular expression", regex.Message);
        Assert.Contains("built-in", builtIn.Message);
        Assert.Contains(await rules.ListAsync(), r => r.Name == "greeting"); // the starter rules are there to edit
    }
}
