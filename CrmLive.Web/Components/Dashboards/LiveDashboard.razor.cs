using CrmLive.Web.Components.Shared;
using CrmLive.Domain.Analytics;
using CrmLive.Domain.Conversations;
using CrmLive.Domain.Live;
using CrmLive.Infrastructure.Analytics;
using CrmLive.Infrastructure.Dashboards;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CrmLive.Web.Components.Dashboards;

/// <summary>
/// The manager's live overview. Every figure is pushed: a live event (message, conversation change, presence, a
/// finished recompute) triggers one recount; a burst of events costs one or two.
/// </summary>
public partial class LiveDashboard : IDisposable
{
    private const int ActivityLength = 12;

    [Inject] private DashboardQueries Queries { get; set; } = default!;
    [Inject] private TeamPerformance Performance { get; set; } = default!;
    [Inject] private AnalyticsQueries Analytics { get; set; } = default!;
    [Inject] private SegmentRevenue Revenue { get; set; } = default!;
    [Inject] private ILiveEventBus Bus { get; set; } = default!;
    [Inject] private ILogger<LiveDashboard> Logger { get; set; } = default!;

    private readonly List<IDisposable> _subscriptions = [];
    private readonly List<Activity> _activity = [];
    private LiveTiles? _tiles;
    private ServicePerformance? _performance;
    private AnalyticsSummary? _segments;
    private IReadOnlyList<MetricMove> _moves = [];
    private IReadOnlyList<SegmentRevenueLine> _revenue = [];
    private DashboardRange _range = DashboardRange.Today;
    private List<ChartSeries<double>> _volumeSeries = [];
    private string[] _volumeLabels = [];
    private bool _live;

    private sealed record SegmentRow(string Name, int? Customers, decimal Revenue);

    private sealed record Activity(Guid Key, DateTimeOffset At, string Icon, string Text);

    private string RangeLabel => _range switch
    {
        DashboardRange.Today => "today",
        DashboardRange.Week => "in the last 7 days",
        _ => "in the last 30 days",
    };

    private string ShortRangeLabel => _range switch
    {
        DashboardRange.Today => "today",
        DashboardRange.Week => "7 days",
        _ => "30 days",
    };

    protected override async Task OnInitializedAsync()
    {
        _tiles = await Queries.TilesAsync();
        await LoadPerformanceAsync();
        await LoadSegmentsAsync();
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (!firstRender) return;
        _subscriptions.Add(Bus.SubscribeQueued<MessageAdded>(e => Note(Describe(e))));
        _subscriptions.Add(Bus.SubscribeQueued<ConversationChanged>(e => Note(Describe(e))));
        _subscriptions.Add(Bus.SubscribeQueued<CustomerChanged>(e => e.What == "order" ? Note(null) : Task.CompletedTask));
        _subscriptions.Add(Bus.SubscribeQueued<AgentPresenceChanged>(e => Note(new Activity(Guid.NewGuid(), e.OccurredAt,
            Icons.Material.Outlined.SupportAgent, e.Online ? "An agent came online" : "An agent went offline"))));
        _subscriptions.Add(Bus.SubscribeQueued<AnalyticsRecomputed>(e => Note(new Activity(Guid.NewGuid(), e.OccurredAt,
            Icons.Material.Outlined.BubbleChart, $"Analytics recomputed for {e.CustomersScored:N0} customers"), reloadSegments: true)));
        _live = true;
        StateHasChanged();
        StartRecount(); // counts anything that happened between the first load and these subscriptions
    }

    /// <summary>
    /// Notes the event and starts a recount without waiting for it: the page's events come one at a time from its
    /// queue, and a burst that arrives while a recount runs is then folded into the next one.
    /// </summary>
    private async Task Note(Activity? activity, bool reloadSegments = false)
    {
        if (reloadSegments) await InvokeAsync(LoadSegmentsAsync);
        if (activity is not null)
        {
            await InvokeAsync(() =>
            {
                _activity.Insert(0, activity);
                if (_activity.Count > ActivityLength) _activity.RemoveAt(_activity.Count - 1);
            });
        }
        StartRecount();
    }

    private void StartRecount() => _ = RecountAsync();

    private async Task RecountAsync()
    {
        try
        {
            await RefreshAsync();
        }
        catch (ObjectDisposedException)
        {
            // The page was closed meanwhile.
        }
        catch (Exception ex)
        {
            Logger.LogWarning(ex, "The dashboard could not recount after a live event; the next one will");
        }
    }

    private async Task SetRangeAsync(DashboardRange range)
    {
        _range = range;
        await LoadPerformanceAsync();
    }

    private async Task LoadPerformanceAsync()
    {
        var performance = await Performance.ForAsync(_range);
        Show(performance, await Revenue.ForAsync(performance.From));
    }

    private void Show(ServicePerformance performance, IReadOnlyList<SegmentRevenueLine> revenue)
    {
        _revenue = revenue;
        var format = _range == DashboardRange.Today ? "HH:mm" : "d MMM";
        _volumeLabels = performance.Volume.Select((v, i) => i % LabelEvery(performance.Volume.Count) == 0
            ? v.Start.ToLocalTime().ToString(format) : "").ToArray();
        _volumeSeries =
        [
            new ChartSeries<double> { Name = "Started", Data = new ChartData<double>(performance.Volume.Select(v => (double)v.Started).ToArray()) },
            new ChartSeries<double> { Name = "Handed to the team", Data = new ChartData<double>(performance.Volume.Select(v => (double)v.HandedOff).ToArray()) },
        ];
        _performance = performance;
    }

    private static int LabelEvery(int buckets) => Math.Max(1, buckets / 8);

    private async Task LoadSegmentsAsync()
    {
        var overview = await Analytics.OverviewAsync();
        _segments = overview.Summary;
        _moves = overview.Moves;
    }

    private static Activity? Describe(MessageAdded e) => e.IsPrivate
        ? new(Guid.NewGuid(), e.OccurredAt, Icons.Material.Outlined.StickyNote2, $"{e.AuthorName} added a private note")
        : e.Sender switch
        {
            MessageSender.Customer => new(Guid.NewGuid(), e.OccurredAt, Icons.Material.Outlined.Person, $"Customer: {e.Text}"),
            MessageSender.Agent => new(Guid.NewGuid(), e.OccurredAt, Icons.Material.Outlined.SupportAgent, $"{e.AuthorName}: {e.Text}"),
            _ => null,
        };

    private static Activity? Describe(ConversationChanged e) => e.Change switch
    {
        "handoff" => new(Guid.NewGuid(), e.OccurredAt, Icons.Material.Outlined.Forward, "The bot handed a conversation to the team"),
        "resolved" => new(Guid.NewGuid(), e.OccurredAt, Icons.Material.Outlined.CheckCircle, "A conversation was resolved"),
        "assigned" => new(Guid.NewGuid(), e.OccurredAt, Icons.Material.Outlined.PanTool, "A conversation was picked up"),
        _ => null,
    };

    /// <summary>Recounts when an event says something changed; a burst of events folds into one or two recounts.</summary>
    private Task RefreshAsync() => (_recount ??= new CoalescedRefresh(RecountNowAsync)).RequestAsync();

    private CoalescedRefresh? _recount;

    private async Task RecountNowAsync()
    {
        var tiles = await Queries.TilesAsync();
        var performance = await Performance.ForAsync(_range);
        var revenue = await Revenue.ForAsync(performance.From);
        await InvokeAsync(() =>
        {
            _tiles = tiles;
            Show(performance, revenue);
            StateHasChanged();
        });
    }

    /// <summary>The last run's segments (largest first), then anyone with revenue in the range but no segment yet.</summary>
    private IEnumerable<SegmentRow> SegmentRows()
    {
        var revenue = _revenue.ToDictionary(r => r.Segment, r => r.Revenue);
        var segments = _segments?.Segments ?? [];
        return segments.Select(s => new SegmentRow(s.Name, s.Customers, revenue.GetValueOrDefault(s.Name)))
            .Concat(_revenue.Where(r => segments.All(s => s.Name != r.Segment)).Select(r => new SegmentRow(r.Segment, null, r.Revenue)));
    }

    private int RevenueShare(decimal revenue)
    {
        var top = _revenue.Count == 0 ? 0m : _revenue.Max(r => r.Revenue);
        return top <= 0 ? 0 : (int)Math.Round(revenue / top * 100);
    }

    private static string Duration(TimeSpan? t) => t switch
    {
        null => "—",
        { TotalSeconds: < 60 } s => $"{s.TotalSeconds:0} s",
        { TotalMinutes: < 60 } m => $"{m.TotalMinutes:0.#} min",
        { TotalHours: < 48 } h => $"{h.TotalHours:0.#} h",
        var d => $"{d.Value.TotalDays:0.#} d",
    };

    public void Dispose()
    {
        _subscriptions.ForEach(s => s.Dispose());
        _recount?.Dispose();
    }
}
