using Bunit;
using CrmLive.Web.Components.Tickets;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace CrmLive.Tests.Web.Components;

public sealed class SlaChipTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private readonly BunitContext _ctx = new();

    public SlaChipTests()
    {
        _ctx.Services.AddMudServices();
        _ctx.Services.AddSingleton<TimeProvider>(new FixedClock(Now));
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        _ctx.Render<MudPopoverProvider>();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    private IRenderedComponent<SlaChip> Chip(DateTimeOffset due, bool open = true, DateTimeOffset? solved = null) =>
        _ctx.Render<SlaChip>(p => p.Add(c => c.DueAt, due).Add(c => c.IsOpen, open).Add(c => c.SolvedAt, solved));

    [Fact]
    public void OpenTicketBeforeItsDueTime_SaysHowLongIsLeft_Quietly()
    {
        var chip = Chip(Now.AddHours(3).AddMinutes(20)).Find("[data-testid=sla-chip]");

        Assert.Equal("due in 3 h", chip.TextContent.Trim());
        Assert.Equal("false", chip.GetAttribute("data-breached"));
        Assert.DoesNotContain("mud-chip-color-error", chip.ClassName);
    }

    [Fact]
    public void OpenTicketPastItsDueTime_SaysBreachedHowLongAgo_InRed()
    {
        var chip = Chip(Now.AddHours(-2).AddMinutes(-5)).Find("[data-testid=sla-chip]");

        Assert.Equal("breached 2 h ago", chip.TextContent.Trim());
        Assert.Equal("true", chip.GetAttribute("data-breached"));
        Assert.Contains("mud-chip-color-error", chip.ClassName);
    }

    [Fact]
    public void SolvedTicket_SaysWhetherItMetTheSla_WhateverTheClockSaysNow()
    {
        Assert.Equal("SLA met", Chip(Now.AddDays(-3), open: false, solved: Now.AddDays(-3).AddHours(-1))
            .Find("[data-testid=sla-chip]").TextContent.Trim());
        Assert.Equal("missed by 2 d", Chip(Now.AddDays(-5), open: false, solved: Now.AddDays(-3))
            .Find("[data-testid=sla-chip]").TextContent.Trim());
    }

    [Fact]
    public void NowParameter_MovesTheChipWithThePagesClock()
    {
        var cut = Chip(Now.AddMinutes(30));
        Assert.Equal("due in 30 min", cut.Find("[data-testid=sla-chip]").TextContent.Trim());

        cut.Render(p => p.Add(c => c.Now, Now.AddMinutes(45)));

        Assert.Equal("breached 15 min ago", cut.Find("[data-testid=sla-chip]").TextContent.Trim());
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
