using CrmLive.Domain.Live;
using CrmLive.Domain.Tickets;
using CrmLive.Infrastructure.Lists;
using CrmLive.Web.Components.Shared;
using CrmLive.Infrastructure.Identity;
using CrmLive.Infrastructure.Tickets;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace CrmLive.Web.Components.Tickets;

public partial class TicketsPage
{
    /// <summary>SLA chips count down; a minute is as fine as they read.</summary>
    private static readonly TimeSpan Tick = TimeSpan.FromMinutes(1);

    private MudDataGrid<TicketRow>? _grid;
    private TicketFilter _filter = new();
    private TicketSort _sort;
    private bool _descending;
    private IReadOnlyList<StaffMember> _staff = [];
    private string? _userId;
    private bool _loaded;
    private DateTimeOffset _now;
    private IDisposable? _subscription;
    private ITimer? _timer;
    private int _total;
    private HashSet<TicketRow> _selected = [];
    private IReadOnlyList<BulkChoice> _bulkChoices = [];
    private bool _reloading;
    private bool _stale;

    [Inject] private TicketQueries Queries { get; set; } = default!;
    [Inject] private TicketBulkActions Bulk { get; set; } = default!;
    [Inject] private StaffDirectory Staff { get; set; } = default!;
    [Inject] private ILiveEventBus Bus { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private AuthenticationStateProvider Auth { get; set; } = default!;

    private string EmptyText => _filter == new TicketFilter()
        ? "No open tickets. Nice work — or open one with “New ticket”."
        : "No ticket matches these filters.";

    protected override async Task OnInitializedAsync()
    {
        _now = Clock.GetUtcNow();
        _userId = (await Auth.GetAuthenticationStateAsync()).User.UserId();
        _staff = await Staff.AllAsync();
        _bulkChoices =
        [
            BulkChoice.Person(AssignChoice, "Assign to", _staff, noneLabel: "Unassigned"),
            new BulkChoice(StatusChoice, "Set status",
                Enum.GetValues<TicketStatus>().Select(s => new BulkOption(s.ToString(), s.ToString())).ToList()),
        ];
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (!firstRender) return;
        // Any ticket change may move rows in or out of this filter, so reload the page rather than patching rows.
        _subscription = Bus.SubscribeQueued<TicketChanged>(_ => InvokeAsync(ReloadForChangeAsync));
        _timer = Clock.CreateTimer(_ => InvokeAsync(() =>
        {
            _now = Clock.GetUtcNow();
            StateHasChanged();
        }), null, Tick, Tick);
    }

    private async Task<GridData<TicketRow>> LoadAsync(GridState<TicketRow> state, CancellationToken ct)
    {
        var sort = state.SortDefinitions.FirstOrDefault();
        var sortBy = sort?.SortBy switch
        {
            nameof(TicketRow.CreatedAt) => TicketSort.CreatedAt,
            nameof(TicketRow.Priority) => TicketSort.Priority,
            _ => TicketSort.DueAt,
        };
        (_sort, _descending) = (sortBy, sort?.Descending ?? false);
        var page = await Queries.ListAsync(new TicketListQuery(_filter, sortBy, _descending,
            state.Page, state.PageSize, _userId), ct);
        _now = Clock.GetUtcNow();
        _loaded = true;
        _total = page.TotalCount;
        // The bulk bar above the grid shows the count: the grid's data callback doesn't re-render the page.
        _ = InvokeAsync(StateHasChanged);
        return new GridData<TicketRow> { Items = page.Items, TotalItems = page.TotalCount };
    }

    private Task ApplyViewAsync(CrmLive.Infrastructure.Lists.SavedViewInfo view) =>
        FilterAsync(CrmLive.Infrastructure.Lists.SavedViews.Read<TicketFilter>(view) ?? new TicketFilter());

    private async Task FilterAsync(TicketFilter filter)
    {
        _filter = filter;
        _selected = []; // picks made under another filter would act on rows no longer shown
        await ReloadAsync();
    }

    private Task<int> RunBulkAsync(BulkChoice choice, string? value, IProgress<BulkProgress> progress, CancellationToken ct)
    {
        var action = choice.Key == AssignChoice
            ? new TicketBulkAction(TicketBulkKind.Assign, AssigneeId: value)
            : new TicketBulkAction(TicketBulkKind.SetStatus, Status: Enum.TryParse<TicketStatus>(value, out var s) ? s : null);
        var selection = _selected.Count > 0 ? _selected.Select(r => r.Id).ToList() : null;
        return Bulk.RunAsync(action, selection, selection is null ? new TicketListQuery(_filter, CurrentUserId: _userId) : null,
            progress, ct);
    }

    private async Task AfterBulkAsync()
    {
        _selected = [];
        await ReloadAsync();
    }

    /// <summary>
    /// One reload at a time; changes arriving meanwhile fold into a single further one, so a bulk change of thousands
    /// of tickets costs a few reloads, not thousands.
    /// </summary>
    private async Task ReloadForChangeAsync()
    {
        if (_reloading)
        {
            _stale = true;
            return;
        }
        _reloading = true;
        try
        {
            do
            {
                _stale = false;
                await ReloadAsync();
            }
            while (_stale);
        }
        finally
        {
            _reloading = false;
        }
    }

    private async Task ReloadAsync()
    {
        if (_grid is not null) await _grid.ReloadServerData();
    }

    private async Task NewTicketAsync()
    {
        if (await TicketDialog.OpenAsync(Dialogs, assigneeId: _userId) is { } id)
            Navigation.NavigateTo($"tickets/{id}");
    }

    private void OnRowClick(DataGridRowClickEventArgs<TicketRow> e) => Navigation.NavigateTo($"tickets/{e.Item.Id}");

    private const string AssignChoice = "assign";
    private const string StatusChoice = "status";

    private static string StatusLabel(TicketStatusFilter status) => status switch
    {
        TicketStatusFilter.Active => "Open & pending",
        TicketStatusFilter.Any => "All",
        _ => status.ToString(),
    };

    public void Dispose()
    {
        _subscription?.Dispose();
        _timer?.Dispose();
    }
}
