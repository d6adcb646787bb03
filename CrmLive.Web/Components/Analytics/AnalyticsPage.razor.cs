using CrmLive.Domain.Analytics;
using CrmLive.Domain.Common;
using CrmLive.Domain.Live;
using CrmLive.Infrastructure.Analytics;
using CrmLive.Web.Audit;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CrmLive.Web.Components.Analytics;

/// <summary>Segments, tiers and movement from the last recompute, with a recompute in progress shown live.</summary>
public partial class AnalyticsPage : IDisposable
{
    [Inject] private AnalyticsQueries Queries { get; set; } = default!;
    [Inject] private ILiveEventBus Bus { get; set; } = default!;
    [Inject] private AuditActorAccessor Actor { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private ILogger<AnalyticsPage> Logger { get; set; } = default!;

    private readonly List<IDisposable> _subscriptions = [];
    private AnalyticsOverview? _overview;
    private AnalyticsProgressed? _progress;
    private bool _live;
    private bool _requesting;
    private readonly HashSet<Guid> _ended = [];
    private List<ChartSeries<double>> _segmentSeries = [];
    private string[] _segmentLabels = [];
    private List<ChartSeries<double>> _tierSeries = [];
    private string[] _tierLabels = [];

    protected override async Task OnInitializedAsync() => await LoadAsync();

    protected override void OnAfterRender(bool firstRender)
    {
        if (!firstRender) return;
        _subscriptions.Add(Bus.SubscribeQueued<AnalyticsProgressed>(e => InvokeAsync(() =>
        {
            if (_ended.Contains(e.RunId)) return; // a late progress event of a run that has finished
            _progress = e;
            StateHasChanged();
        })));
        _subscriptions.Add(Bus.SubscribeQueued<AnalyticsRecomputed>(e => InvokeAsync(async () =>
        {
            _ended.Add(e.RunId);
            _progress = null;
            await LoadAsync();
            StateHasChanged();
        })));
        _live = true;
        StateHasChanged();
    }

    private async Task LoadAsync()
    {
        _overview = await Queries.OverviewAsync();
        if (_overview.Current is { } running && _progress is null)
            _progress = new AnalyticsProgressed(running.Id, running.Stage, running.Processed, running.Total, []);
        var segments = _overview.Summary.Segments;
        _segmentLabels = segments.Select(s => s.Name).ToArray();
        _segmentSeries = [new ChartSeries<double> { Name = "Customers", Data = new ChartData<double>(segments.Select(s => (double)s.Customers).ToArray()) }];
        _tierLabels = Enum.GetNames<LoyaltyTier>();
        _tierSeries = [new ChartSeries<double>
        {
            Name = "Customers",
            Data = new ChartData<double>(_tierLabels.Select(t => (double)_overview.Summary.Tiers.GetValueOrDefault(t)).ToArray()),
        }];
    }

    private async Task RecomputeAsync()
    {
        _requesting = true;
        // Shown before queuing: a quick run can finish (and clear it) before the queuing call returns.
        _progress = new AnalyticsProgressed(Guid.Empty, "Queued", 0, 0, []);
        try
        {
            await Queries.RequestRecomputeAsync(await Actor.CurrentAsync());
            Snackbar.Add("Recompute started. Progress shows here.", Severity.Info);
        }
        catch (DomainException ex)
        {
            _progress = null;
            Logger.LogInformation("Recompute refused: {Reason}", ex.Message);
            Snackbar.Add(ex.Message, Severity.Warning);
        }
        finally
        {
            _requesting = false;
        }
    }

    private static string CustomersIn(string segment) => $"customers?segment={Uri.EscapeDataString(segment)}";

    private static string Share(int part, int whole) => whole == 0 ? "—" : ((double)part / whole).ToString("P0");

    private static string Took(TimeSpan t) => t.TotalMinutes >= 1 ? $"{t.TotalMinutes:0.#} min" : $"{t.TotalSeconds:0.#} s";

    public void Dispose() => _subscriptions.ForEach(s => s.Dispose());
}
