using CrmLive.Infrastructure.Bot;
using CrmLive.Infrastructure.Chat;
using CrmLive.Tests.Support;
using CrmLive.Web.Chat;
using Microsoft.AspNetCore.SignalR.Client;

namespace CrmLive.Tests.Web.Hubs;

/// <summary>The bot's reports read what it really decided in real conversations.</summary>
[Trait("Database", "Any")]
public class BotReportsTests(CrmLiveAppFactory app) : IClassFixture<CrmLiveAppFactory>
{
    private async Task SayAsync(params string[] messages)
    {
        await using var widget = app.CreateWidgetConnection();
        await widget.StartAsync();
        await widget.InvokeAsync<WidgetStart>("Start", "demo", null, null);
        foreach (var m in messages) await widget.InvokeAsync<SendResult>("Send", Guid.NewGuid().ToString(), m);
    }

    [Fact]
    public async Task Containment_HandoffReasons_Unmatched_AndVolume()
    {
        var from = DateTimeOffset.UtcNow.AddMinutes(-1);
        await SayAsync("hello", "thanks");                       // answered by rules: contained
        await SayAsync("qwzx blorp", "still blorp");             // not understood twice: handed off
        await SayAsync("I want a human");                        // asked for a person

        var report = await app.Service<BotReports>().ForAsync(from, DateTimeOffset.UtcNow.AddMinutes(1));

        Assert.Equal(3, report.Conversations);
        Assert.Equal(1, report.Contained);
        Assert.Equal(1.0 / 3, report.ContainmentRate!.Value, 3);
        Assert.Contains(report.HandoffReasons, r => r.Reason == "Bot did not understand" && r.Count == 1);
        Assert.Contains(report.HandoffReasons, r => r.Reason == "Customer asked for a human" && r.Count == 1);
        Assert.Equal(["still blorp", "qwzx blorp"], report.Unmatched.Select(u => u.Text));
        Assert.Contains(report.Volume, v => v.Rule == "greeting" && v.Messages == 1 && v.HandOffs == 0);
        Assert.Contains(report.Volume, v => v.Rule == "fallback" && v.Messages == 2 && v.HandOffs == 1);
    }
}
