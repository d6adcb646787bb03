using CrmLive.Domain.Bot;
using CrmLive.Domain.Common;

namespace CrmLive.Tests.Domain;

public class BotIntentTests
{
    private static readonly IReadOnlyDictionary<string, IntentAnswer> Answers = new Dictionary<string, IntentAnswer>
    {
        ["order_status"] = new("Your last order is on its way.", IntentAction.LastOrder),
        ["complaint"] = new("I'm sorry to hear that — a colleague will take over.", IntentAction.HandOff),
    };

    [Fact]
    public void AConfidentGuess_AnswersWithTheIntentAndItsAction()
    {
        var reply = RuleBot.Default.Reply("where's my parcel", 0, new IntentGuess("order_status", 0.82f), 0.5f, Answers);

        Assert.Equal("Your last order is on its way.", reply.Text);
        Assert.Equal(IntentAction.LastOrder, reply.Action);
        Assert.Equal("intent:order_status", reply.RuleName);
        Assert.False(reply.HandOff);
    }

    [Fact]
    public void BelowTheThreshold_AsksOnceToRephrase_ThenHandsOffWithTheBestGuess()
    {
        var guess = new IntentGuess("order_status", 0.31f);

        var first = RuleBot.Default.Reply("the thing with the stuff", 0, guess, 0.5f, Answers);
        var second = RuleBot.Default.Reply("the stuff thing", 1, guess, 0.5f, Answers);

        Assert.False(first.HandOff);
        Assert.Contains("rephrase", first.Text);
        Assert.True(second.HandOff);
        Assert.Equal("Bot did not understand (best guess: order_status (31%))", second.HandoffReason);
        Assert.Equal(guess, second.Guess);
    }

    [Fact]
    public void OutOfScope_OrAnIntentWithoutAnswer_IsNotUnderstood()
    {
        Assert.Equal(RuleBot.FallbackRuleName,
            RuleBot.Default.Reply("what's the meaning of life", 0, new IntentGuess("oos", 0.99f), 0.5f, Answers).RuleName);
        Assert.Equal(RuleBot.FallbackRuleName,
            RuleBot.Default.Reply("blah", 0, new IntentGuess("retired_intent", 0.99f), 0.5f, Answers).RuleName);
    }

    [Fact]
    public void AskingForAHuman_AlwaysWins_EvenOverAConfidentIntent()
    {
        var reply = RuleBot.Default.Reply("let me talk to a human about my order", 0,
            new IntentGuess("order_status", 0.97f), 0.5f, Answers);

        Assert.True(reply.HandOff);
        Assert.Equal(RuleBot.HandoffRuleName, reply.RuleName);
    }

    [Fact]
    public void AnIntentThatHandsOff_AnswersAndGoesToTheTeam()
    {
        var reply = RuleBot.Default.Reply("this is unacceptable", 0, new IntentGuess("complaint", 0.9f), 0.5f, Answers);

        Assert.True(reply.HandOff);
        Assert.Equal("Intent complaint goes to the team", reply.HandoffReason);
    }

    [Theory]
    [InlineData(0.91, null, true)]
    [InlineData(0.91, 0.91, true)]
    [InlineData(0.92, 0.91, true)]
    [InlineData(0.89, 0.91, false)]
    public void PromotionGate_NeverPromotesAWorseModel(double candidate, double? active, bool promoted) =>
        Assert.Equal(promoted, PromotionGate.Decide(candidate, active).Promote);

    [Theory]
    [InlineData("Order status", "order_status")]
    [InlineData("  where-is MY order?? ", "where_is_my_order")]
    public void IntentNames_AreStableKeys(string typed, string expected) =>
        Assert.Equal(expected, Intent.NormalizeName(typed));

    [Fact]
    public void IntentNames_NeedLettersOrDigits() =>
        Assert.Throws<DomainException>(() => Intent.NormalizeName("???"));
}
