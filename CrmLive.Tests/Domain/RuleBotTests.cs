using CrmLive.Domain.Bot;

namespace CrmLive.Tests.Domain;

public class RuleBotTests
{
    private readonly RuleBot _bot = RuleBot.Default;

    [Theory]
    [InlineData("hello")]
    [InlineData("Hi there")]
    [InlineData("  Good morning!")]
    public void Reply_Greeting_AnswersWithoutHandoff(string text)
    {
        var reply = _bot.Reply(text, previousFallbacks: 0);

        Assert.Equal("greeting", reply.RuleName);
        Assert.False(reply.HandOff);
    }

    [Theory]
    [InlineData("I want to talk to a human")]
    [InlineData("agent please")]
    [InlineData("hello, can I speak to a real person?")]
    [InlineData("HUMAN")]
    public void Reply_AskingForAPerson_AlwaysHandsOff(string text)
    {
        var reply = _bot.Reply(text, previousFallbacks: 0);

        Assert.True(reply.HandOff);
        Assert.Equal(RuleBot.HandoffRuleName, reply.RuleName);
        Assert.Equal("Customer asked for a human", reply.HandoffReason);
    }

    [Fact]
    public void Reply_WordsThatOnlyContainAgent_DoNotHandOff()
    {
        // "agency" and "humane" are not requests for a person.
        Assert.False(_bot.Reply("my agency billing question", 0).HandOff);
        Assert.False(_bot.Reply("is the wool humane?", 0).HandOff);
    }

    [Fact]
    public void Reply_NotUnderstood_AsksOnceToRephraseThenHandsOff()
    {
        var first = _bot.Reply("blorp zzz", previousFallbacks: 0);
        var second = _bot.Reply("still blorp", previousFallbacks: 1);

        Assert.Equal(RuleBot.FallbackRuleName, first.RuleName);
        Assert.False(first.HandOff);
        Assert.Contains("rephrase", first.Text);
        Assert.True(second.HandOff);
        Assert.Equal("Bot did not understand", second.HandoffReason);
    }

    [Fact]
    public void Matches_CatastrophicPattern_TimesOutAsNoMatch()
    {
        var evil = new BotRule("evil", "^(a+)+$", "never");

        Assert.False(evil.Matches(new string('a', 5000) + "!"));
    }
}
