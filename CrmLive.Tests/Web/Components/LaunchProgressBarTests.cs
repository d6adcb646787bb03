using Bunit;
using CrmLive.Infrastructure.Campaigns;
using CrmLive.Web.Components.Campaigns;
using MudBlazor;
using MudBlazor.Services;

namespace CrmLive.Tests.Web.Components;

public sealed class LaunchProgressBarTests : IAsyncLifetime
{
    private readonly BunitContext _ctx = new();

    public LaunchProgressBarTests()
    {
        _ctx.Services.AddMudServices();
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    private IRenderedComponent<LaunchProgressBar> Bar(int added, int? total) =>
        _ctx.Render<LaunchProgressBar>(p => p.Add(c => c.Progress, new LaunchProgress(added, total)));

    [Fact]
    public void WhileTheAudienceIsDrawn_SaysSo_WithoutAPercentage()
    {
        var bar = Bar(0, null);

        Assert.Equal("Drawing the audience…", bar.Find("[data-testid=launch-progress-text]").TextContent);
        Assert.True(bar.FindComponent<MudProgressLinear>().Instance.Indeterminate);
    }

    [Fact]
    public void AddingRecipients_CountsThemOfTheAudience()
    {
        var bar = Bar(250_000, 1_000_000);

        Assert.Equal("Adding recipients: 250,000 of 1,000,000", bar.Find("[data-testid=launch-progress-text]").TextContent);
        Assert.False(bar.FindComponent<MudProgressLinear>().Instance.Indeterminate);
        Assert.Equal("25", bar.Find("[role=progressbar]").GetAttribute("aria-valuenow"));
    }
}
