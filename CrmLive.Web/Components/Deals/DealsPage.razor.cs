using CrmLive.Domain.Common;
using CrmLive.Domain.Deals;
using CrmLive.Domain.Live;
using CrmLive.Infrastructure.Deals;
using CrmLive.Infrastructure.Identity;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace CrmLive.Web.Components.Deals;

/// <summary>The pipeline board: everyone's deals or one owner's, kept live as anyone changes a deal.</summary>
public sealed partial class DealsPage
{
    private const string AllScope = "all";
    private const string MineScope = "mine";

    [Inject] private DealQueries Queries { get; set; } = default!;
    [Inject] private DealService Deals { get; set; } = default!;
    [Inject] private StaffDirectory Staff { get; set; } = default!;
    [Inject] private ILiveEventBus Bus { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;
    [Inject] private AuthenticationStateProvider Auth { get; set; } = default!;
    [Inject] private ILogger<DealsPage> Logger { get; set; } = default!;

    private DealBoard? _board;
    private IReadOnlyList<StaffMember> _staff = [];
    private string _userId = "";
    private string? _scope = AllScope;
    private string? _ownerFilter;
    private DateOnly _today;
    private IDisposable? _subscription;
    private bool _reloading;
    private bool _stale;
    private bool _live;

    private string? OwnerId => _ownerFilter ?? (_scope == MineScope ? _userId : null);

    private string EmptyText => OwnerId is null
        ? "No deals yet. Create the first one, or turn a chat into one from the inbox."
        : OwnerId == _userId ? "You own no deals yet." : "This person owns no deals.";

    protected override async Task OnInitializedAsync()
    {
        _userId = (await Auth.GetAuthenticationStateAsync()).User.UserId() ?? "";
        _staff = await Staff.AllAsync();
        BuildBulkChoices();
        await ReloadAsync();
    }

    protected override void OnAfterRender(bool firstRender)
    {
        // Subscribe only once interactive: a prerender has no circuit to push to.
        if (!firstRender) return;
        _subscription = Bus.SubscribeQueued<DealChanged>(_ => InvokeAsync(ReloadAndRenderAsync));
        _live = true; // tests (and people) can act from here on
        StateHasChanged();
    }

    private async Task ReloadAndRenderAsync()
    {
        await ReloadAsync();
        StateHasChanged();
    }

    /// <summary>One board query at a time; changes arriving meanwhile fold into a single further reload.</summary>
    private async Task ReloadAsync()
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
                _today = DateOnly.FromDateTime(Clock.GetLocalNow().DateTime);
                _board = await Queries.BoardAsync(new DealBoardQuery(OwnerId));
            }
            while (_stale);
        }
        catch (Exception ex)
        {
            Logger.LogError(ex, "Loading the deal board failed");
            Snackbar.Add("The board could not be loaded. Try again in a moment.", Severity.Error);
        }
        finally
        {
            _reloading = false;
        }
    }

    private async Task ScopeChangedAsync(string? scope)
    {
        _scope = scope ?? AllScope;
        _ownerFilter = null;
        await ReloadAsync();
    }

    private async Task OwnerChangedAsync(string? ownerId)
    {
        _ownerFilter = string.IsNullOrEmpty(ownerId) ? null : ownerId;
        _scope = _ownerFilter is null ? AllScope : null;
        await ReloadAsync();
    }

    private async Task MoveAsync(DealMove move)
    {
        string? reason = null;
        if (move.To == DealStage.Lost && move.Deal.Stage != DealStage.Lost)
        {
            var dialog = await Dialogs.ShowAsync<LostReasonDialog>("Deal lost",
                new DialogParameters<LostReasonDialog> { { d => d.Title, move.Deal.Title } },
                new DialogOptions { MaxWidth = MaxWidth.ExtraSmall, FullWidth = true });
            if (await dialog.Result is not { Canceled: false, Data: string given })
            {
                await ReloadAsync(); // puts the card back where it was
                return;
            }
            reason = string.IsNullOrWhiteSpace(given) ? null : given;
        }
        await RunAsync(() => Deals.MoveAsync(move.Deal.Id, move.To, move.AboveId, move.BelowId, reason),
            move.To == move.Deal.Stage ? null : $"“{move.Deal.Title}” moved to {move.To}");
    }

    private async Task NewDealAsync()
    {
        var dialog = await Dialogs.ShowAsync<DealDialog>("New deal",
            new DialogParameters<DealDialog> { { d => d.DefaultOwnerId, _userId } },
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is { Canceled: false })
        {
            Snackbar.Add("Deal created", Severity.Success);
            await ReloadAsync();
        }
    }

    private async Task EditAsync(DealCard card)
    {
        var dialog = await Dialogs.ShowAsync<DealDialog>(card.Title,
            new DialogParameters<DealDialog> { { d => d.Deal, card } },
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is { Canceled: false }) await ReloadAsync();
    }

    /// <summary>Runs a change; a refusal is shown, anything else logged; the board reloads either way.</summary>
    private async Task RunAsync(Func<Task> change, string? done)
    {
        try
        {
            await change();
            if (done is not null) Snackbar.Add(done, Severity.Success);
        }
        catch (DomainException ex)
        {
            Snackbar.Add(ex.Message, Severity.Warning);
        }
        catch (Exception ex)
        {
            Logger.LogError(ex, "Changing a deal failed");
            Snackbar.Add("That change could not be saved. Try again in a moment.", Severity.Error);
        }
        await ReloadAsync();
    }

    public void Dispose() => _subscription?.Dispose();
}
