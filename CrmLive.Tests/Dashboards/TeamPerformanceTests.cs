using CrmLive.Infrastructure.Chat;
using CrmLive.Infrastructure.Dashboards;
using CrmLive.Infrastructure.Identity;
using CrmLive.Tests.Support;
using CrmLive.Web.Chat;
using Microsoft.AspNetCore.SignalR.Client;

namespace CrmLive.Tests.Dashboards;

[Trait("Database", "Any")]
public class TeamPerformanceTests(CrmLiveAppFactory app) : IClassFixture<CrmLiveAppFactory>
{
    [Fact]
    public async Task AChatHandedOffAnsweredResolvedAndRated_CountsForTheServiceFigures_AndForItsAgent()
    {
        var performance = app.Service<TeamPerformance>();
        var agent = (await app.Service<StaffDirectory>().AllAsync()).First();
        var before = await performance.ForAsync(DashboardRange.Today);

        await using var widget = app.CreateWidgetConnection();
        await widget.StartAsync();
        await widget.InvokeAsync<WidgetStart>("Start", "demo", null, null);
        var sent = await widget.InvokeAsync<SendResult>("Send", Guid.NewGuid().ToString(), "a human please");
        var chat = app.Service<ConversationService>();
        await chat.ReplyAsAgentAsync(sent.ConversationId, agent.Id, agent.DisplayName, "Hello, how can I help?");
        await chat.ResolveAsync(sent.ConversationId);
        await widget.InvokeAsync("Rate", sent.ConversationId, 4, null);

        var after = await performance.ForAsync(DashboardRange.Today);
        Assert.Equal(before.Started + 1, after.Started);
        Assert.Equal(before.Resolved + 1, after.Resolved);
        Assert.Equal(before.Ratings + 1, after.Ratings);
        Assert.NotNull(after.MedianFirstResponse);
        Assert.NotNull(after.MedianResolution);
        Assert.NotNull(after.Containment);
        Assert.Equal(before.Started + 1, after.Volume.Sum(v => v.Started));
        var row = Assert.Single(after.Team, t => t.AgentId == agent.Id);
        Assert.Equal(agent.DisplayName, row.Name);
        Assert.True(row.Resolved >= 1);
        Assert.NotNull(row.Csat);
        var month = await performance.ForAsync(DashboardRange.Month);
        Assert.True(month.Started >= after.Started);
        Assert.InRange(month.Volume.Count, 30, 31); // a bar per day
    }

    [Fact]
    public void Median_OfAnEvenCount_IsTheMeanOfTheMiddleTwo()
    {
        Assert.Null(TeamPerformance.Median([]));
        Assert.Equal(TimeSpan.FromSeconds(3), TeamPerformance.Median([TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(9)]));
        Assert.Equal(TimeSpan.FromSeconds(2), TeamPerformance.Median([TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(7)]));
    }
}
