using CrmLive.Domain.Campaigns;
using CrmLive.Domain.Common;
using CrmLive.Domain.Live;
using CrmLive.Infrastructure.Campaigns;
using CrmLive.Infrastructure.Text;
using CrmLive.Web.Audit;
using CrmLive.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CrmLive.Web.Components.Campaigns;

/// <summary>A campaign and its results, pushed live: every delivery, open, reply and order of a recipient moves them.</summary>
public partial class CampaignPage : IDisposable
{
    [Parameter] public Guid Id { get; set; }

    [Inject] private CampaignService Campaigns { get; set; } = default!;
    [Inject] private CampaignResultsQuery ResultsQuery { get; set; } = default!;
    [Inject] private MarkdownRenderer Markdown { get; set; } = default!;
    [Inject] private ILiveEventBus Bus { get; set; } = default!;
    [Inject] private AuditActorAccessor Actor { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private ILogger<CampaignPage> Logger { get; set; } = default!;

    private readonly List<IDisposable> _subscriptions = [];
    private readonly MergeValues _sample = MergeFields.Sample(DateOnly.FromDateTime(DateTime.Today));
    private CampaignDetails? _campaign;
    private CampaignResults? _results;
    private int? _audienceSize;
    private bool _missing;
    private bool _busy;
    private bool _live;
    private LaunchProgress? _launching;

    protected override async Task OnParametersSetAsync() => await LoadAsync();

    protected override void OnAfterRender(bool firstRender)
    {
        if (!firstRender) return;
        _subscriptions.Add(Bus.SubscribeQueued<CampaignChanged>(e => e.CampaignId == Id ? ReloadSoonAsync() : Task.CompletedTask));
        // An order by anyone may convert a recipient; the recount is a few indexed queries.
        _subscriptions.Add(Bus.SubscribeQueued<CustomerChanged>(e => e.What == "order" && _campaign?.Status != CampaignStatus.Draft
            ? ReloadSoonAsync() : Task.CompletedTask));
        _live = true;
        StateHasChanged();
    }

    /// <summary>A burst of events (a batch of e-mail, many orders) folds into one or two recounts.</summary>
    private Task ReloadSoonAsync() => Reloader.RequestAsync();

    private CoalescedRefresh? _reloadGate;

    private CoalescedRefresh Reloader => _reloadGate ??= new CoalescedRefresh(() => InvokeAsync(async () =>
    {
        try
        {
            await LoadAsync();
            StateHasChanged();
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not ObjectDisposedException)
        {
            Logger.LogWarning(ex, "Campaign {Campaign}: live refresh failed", Id);
        }
    }));

    private async Task LoadAsync()
    {
        _campaign = await Campaigns.GetAsync(Id);
        _missing = _campaign is null;
        if (_campaign is null) return;
        if (_campaign.Status == CampaignStatus.Draft)
        {
            _results = null;
            try
            {
                _audienceSize = await Campaigns.AudienceSizeAsync(_campaign.Plan.Audience);
            }
            catch (DomainException)
            {
                _audienceSize = 0;
            }
        }
        else _results = await ResultsQuery.GetAsync(Id);
    }

    private DateTimeOffset Local(DateTimeOffset at) =>
        _campaign is { } c && TimeZoneInfo.TryFindSystemTimeZoneById(c.Plan.TimeZone, out var zone) ? TimeZoneInfo.ConvertTime(at, zone) : at;

    private static string Rate(int part, int whole, string of = "") =>
        whole == 0 ? "—" : $"{part * 100.0 / whole:0.0}%{(of.Length > 0 ? " " + of : "")}";

    private async Task LaunchAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Launch the campaign?",
            $"{_audienceSize:N0} customers are in the audience now; {_campaign!.Plan.ControlPercent}% of them are held out as the control group. "
            + "Messages start going out as planned. A launched campaign cannot be edited, only stopped.",
            yesText: "Launch", cancelText: "Not yet");
        if (confirmed != true) return;
        await ActAsync(async () =>
        {
            // A large audience takes a while to add; Progress<T> reports back on this circuit's context.
            // Progress<T> posts its reports, so one may run after the launch returned: it must not bring the bar back.
            var done = false;
            var progress = new Progress<LaunchProgress>(p =>
            {
                if (done) return;
                _launching = p;
                StateHasChanged();
            });
            try
            {
                var count = await Campaigns.LaunchAsync(Id, await Actor.CurrentAsync(), progress);
                Snackbar.Add($"Launched to {count:N0} customers.", Severity.Success);
            }
            finally
            {
                done = true;
                _launching = null;
            }
        });
    }

    private async Task StopAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Stop the campaign?",
            "No more messages go out. Results keep counting orders for the conversion window.", yesText: "Stop", cancelText: "Keep running");
        if (confirmed != true) return;
        await ActAsync(async () =>
        {
            await Campaigns.StopAsync(Id, await Actor.CurrentAsync());
            Snackbar.Add("Campaign stopped.", Severity.Info);
        });
    }

    private async Task DeleteAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Delete the draft?", "The draft is removed for good.", yesText: "Delete", cancelText: "Keep");
        if (confirmed != true) return;
        await ActAsync(async () =>
        {
            await Campaigns.DeleteDraftAsync(Id);
            Navigation.NavigateTo("campaigns");
        });
    }

    private async Task ActAsync(Func<Task> action)
    {
        _busy = true;
        try
        {
            await action();
            await LoadAsync();
        }
        catch (DomainException ex)
        {
            Logger.LogInformation("Campaign {Campaign} action refused: {Reason}", Id, ex.Message);
            Snackbar.Add(ex.Message, Severity.Warning);
        }
        finally
        {
            _busy = false;
        }
    }

    public void Dispose()
    {
        foreach (var subscription in _subscriptions) subscription.Dispose();
        _reloadGate?.Dispose();
    }
}
