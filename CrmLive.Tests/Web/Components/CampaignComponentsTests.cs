using Bunit;
using CrmLive.Domain.Campaigns;
using CrmLive.Infrastructure.Campaigns;
using CrmLive.Web.Components.Campaigns;
using MudBlazor;
using MudBlazor.Services;

namespace CrmLive.Tests.Web.Components;

public sealed class CampaignComponentsTests : IAsyncLifetime
{
    private readonly BunitContext _ctx = new();

    public CampaignComponentsTests()
    {
        _ctx.Services.AddMudServices();
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    [Fact]
    public void TheUpliftBar_IsGreenOnlyWhenTheWholeIntervalIsAboveZero()
    {
        var clear = _ctx.Render<UpliftBar>(p => p.Add(b => b.Estimate, Uplift.Estimate(60, 200, 10, 200)));
        var unsure = _ctx.Render<UpliftBar>(p => p.Add(b => b.Estimate, Uplift.Estimate(31, 250, 4, 50)));

        Assert.Contains("positive", clear.Find(".uplift-range").ClassName);
        Assert.DoesNotContain("positive", unsure.Find(".uplift-range").ClassName);
        Assert.DoesNotContain("negative", unsure.Find(".uplift-range").ClassName);
        // Zero sits in the middle of a scale symmetric around it.
        Assert.Contains("left:50%", clear.Find(".uplift-zero").GetAttribute("style"));
    }

    [Fact]
    public void AChannelPanel_ShowsProgressAndWhyMessagesWereNotSent()
    {
        var results = new ChannelResults(Pending: 10, Waiting: 5, Sent: 80, Skipped: 4, Bounced: 1, Failed: 0,
            [("No consent to marketing e-mail", 4), ("Quiet hours", 5)]);

        var panel = _ctx.Render<ChannelPanel>(p => p.Add(c => c.Title, "E-mail").Add(c => c.Results, results).Add(c => c.TestId, "email"));

        Assert.Equal("85 of 100 done", panel.Find("[data-testid=email-count]").TextContent.Trim());
        Assert.Equal("80", panel.Find("[data-testid=email-sent]").TextContent);
        Assert.Contains("No consent to marketing e-mail", panel.Markup);
        Assert.Contains("bounced", panel.Markup);
        Assert.DoesNotContain("failed", panel.Markup);
    }

    [Fact]
    public void LaunchProgress_WhileTheAudienceIsDrawn_SaysSo_WithoutAPercentage()
    {
        var bar = _ctx.Render<LaunchProgressBar>(p => p.Add(c => c.Progress, new LaunchProgress(0, null)));

        Assert.Equal("Drawing the audience…", bar.Find("[data-testid=launch-progress-text]").TextContent);
        Assert.True(bar.FindComponent<MudProgressLinear>().Instance.Indeterminate);
    }

    [Fact]
    public void LaunchProgress_AddingRecipients_CountsThemOfTheAudience()
    {
        var bar = _ctx.Render<LaunchProgressBar>(p => p.Add(c => c.Progress, new LaunchProgress(250_000, 1_000_000)));

        Assert.Equal("Adding recipients: 250,000 of 1,000,000", bar.Find("[data-testid=launch-progress-text]").TextContent);
        Assert.False(bar.FindComponent<MudProgressLinear>().Instance.Indeterminate);
        Assert.Equal("25", bar.Find("[role=progressbar]").GetAttribute("aria-valuenow"));
    }
}
