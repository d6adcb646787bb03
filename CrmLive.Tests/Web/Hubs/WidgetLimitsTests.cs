using CrmLive.Infrastructure.Chat;
using CrmLive.Tests.Support;
using CrmLive.Web.Chat;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace CrmLive.Tests.Web.Hubs;

/// <summary>The app with a small per-visitor message budget, so a flood is refused where a test can reach it.</summary>
public sealed class TightLimitsAppFactory() : CrmLiveAppFactory(null, new Dictionary<string, string?>
{
    ["Widget:Limits:MessagesPerMinutePerVisitor"] = "5",
});

/// <summary>The app with a small per-address budget of new conversations.</summary>
public sealed class ConversationBudgetAppFactory() : CrmLiveAppFactory(null, new Dictionary<string, string?>
{
    ["Widget:Limits:ConversationsPerHourPerAddress"] = "3",
});

/// <summary>A flooding visitor is slowed with a clear message; other visitors chat on undisturbed.</summary>
[Trait("Database", "Any")]
public class WidgetLimitsTests(TightLimitsAppFactory app) : IClassFixture<TightLimitsAppFactory>
{
    [Fact]
    public async Task AVisitorSendingTooFast_IsToldWhenToSendAgain_AndOthersAreNotAffected()
    {
        await using var flooder = await StartAsync();
        for (var i = 0; i < 5; i++) await SendAsync(flooder, $"message {i}");

        // Held back rather than refused: the widget keeps the message and sends it when the answer says.
        var held = await flooder.InvokeAsync<WidgetSendResult>("Send", Guid.NewGuid().ToString("N"), "one too many");
        Assert.Null(held.ConversationId);
        Assert.Equal(WidgetLimits.TooFast, held.Wait);
        Assert.InRange(held.RetryAfterSeconds, 1, 60);
        Assert.Equal(HubConnectionState.Connected, flooder.State);
        var stored = await flooder.InvokeAsync<IReadOnlyList<WidgetMessage>>("History", 0L);
        Assert.DoesNotContain(stored, m => m.Text == "one too many");
        Assert.Equal(5, stored.Count(m => m.Text.StartsWith("message ", StringComparison.Ordinal)));

        await using var neighbour = await StartAsync();
        await SendAsync(neighbour, "hello, I'm someone else");
    }

    [Fact]
    public async Task AMalformedHubCall_IsRefused_AndTheConnectionCarriesOn()
    {
        await using var visitor = await StartAsync();

        await Assert.ThrowsAnyAsync<Exception>(() => visitor.InvokeAsync<SendResult>("Send", new { not = "a string" }, 42));
        await Assert.ThrowsAnyAsync<Exception>(() => visitor.InvokeAsync<object>("NoSuchMethod"));

        Assert.Equal(HubConnectionState.Connected, visitor.State);
        await SendAsync(visitor, "a well-formed message still goes through");
    }

    [Fact]
    public async Task AnOversizedHubCall_IsRejected_WithoutDisturbingOtherConnections()
    {
        await using var bystander = await StartAsync();
        await using var attacker = await StartAsync();
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        attacker.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };

        try
        {
            await attacker.InvokeAsync<SendResult>("Send", "big", new string('x', 80 * 1024));
        }
        catch (Exception)
        {
            // The server drops a connection whose message exceeds the size limit; the call fails either way.
        }
        await closed.Task.WaitAsync(Eventually.Limit);

        await SendAsync(bystander, "still here");
    }

    private Task<HubConnection> StartAsync() => WidgetVisitor.StartAsync(app);

    private static Task<SendResult> SendAsync(HubConnection connection, string text) => WidgetVisitor.SendAsync(connection, text);
}

/// <summary>One address starting chat after chat is stopped at its hourly budget of new conversations.</summary>
[Trait("Database", "Any")]
public class ConversationBudgetTests(ConversationBudgetAppFactory app) : IClassFixture<ConversationBudgetAppFactory>
{
    [Fact]
    public async Task AnAddressStartingConversationAfterConversation_IsStoppedAtItsHourlyBudget()
    {
        // Each fresh visitor's first message starts a conversation.
        WidgetSendResult? held = null;
        for (var i = 0; i < 5 && held is null; i++)
        {
            await using var visitor = await StartAsync();
            var answer = await visitor.InvokeAsync<WidgetSendResult>("Send", Guid.NewGuid().ToString("N"), "new chat");
            if (answer.Wait is not null) held = answer;
        }
        Assert.NotNull(held);
        Assert.Equal(WidgetLimits.TooManyConversations, held.Wait);
        Assert.Null(held.ConversationId);
        Assert.InRange(held.RetryAfterSeconds, 1, 3600);
    }

    private Task<HubConnection> StartAsync() => WidgetVisitor.StartAsync(app);

    private static Task<SendResult> SendAsync(HubConnection connection, string text) => WidgetVisitor.SendAsync(connection, text);
}

/// <summary>A visitor's widget connection on the demo inbox, as these tests drive it.</summary>
internal static class WidgetVisitor
{
    public static async Task<HubConnection> StartAsync(CrmLiveAppFactory app)
    {
        var connection = app.CreateWidgetConnection();
        await connection.StartAsync();
        await connection.InvokeAsync<WidgetStart>("Start", "demo", null, null);
        return connection;
    }

    public static Task<SendResult> SendAsync(HubConnection connection, string text) =>
        connection.InvokeAsync<SendResult>("Send", Guid.NewGuid().ToString("N"), text);
}
