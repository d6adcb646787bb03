using CrmLive.Domain.Analytics;
using CrmLive.Domain.Campaigns;
using CrmLive.Domain.Common;
using CrmLive.Domain.Lists;
using CrmLive.Infrastructure.Campaigns;
using CrmLive.Infrastructure.Lists;
using CrmLive.Infrastructure.Mail;
using CrmLive.Infrastructure.Text;
using CrmLive.Infrastructure.Identity;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace CrmLive.Web.Components.Campaigns;

/// <summary>Creates or edits a draft campaign, with the audience's size and a merged preview kept up to date.</summary>
public partial class CampaignEditor
{
    [Parameter] public Guid? Id { get; set; }

    [Inject] private CampaignService Campaigns { get; set; } = default!;
    [Inject] private SavedViews SavedViews { get; set; } = default!;
    [Inject] private MailSender Mail { get; set; } = default!;
    [Inject] private MarkdownRenderer Markdown { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;
    [Inject] private ILogger<CampaignEditor> Logger { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState> Auth { get; set; } = default!;

    private CampaignForm _form = new();
    private IReadOnlyList<string> _segments = [];
    private IReadOnlyList<SavedViewInfo> _views = [];
    private readonly Dictionary<string, string> _productNames = [];
    private MergeValues _sample = MergeFields.Sample(DateOnly.FromDateTime(DateTime.Today));
    private int? _audienceSize;
    private string? _error;
    private bool _saving;
    private bool _notDraft;
    private bool _live;

    protected override async Task OnInitializedAsync()
    {
        _segments = [.. SegmentNaming.Prototypes.Select(p => p.Name), SegmentNaming.Prospects];
        _views = await SavedViews.VisibleToAsync(ListKind.Customers, await UserIdAsync());
        if (Id is { } id)
        {
            var existing = await Campaigns.GetAsync(id);
            if (existing is null)
            {
                Navigation.NavigateTo("campaigns");
                return;
            }
            _notDraft = existing.Status != CampaignStatus.Draft;
            _form = CampaignForm.From(existing.Plan, Clock.GetUtcNow());
            if (existing.Plan.Audience.Kind == AudienceKind.BoughtNotBought)
                foreach (var (sku, name) in await Campaigns.ProductsAsync(null)) _productNames[sku] = name;
            await RefreshSizeAsync();
        }
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (!firstRender) return;
        _live = true;
        StateHasChanged();
    }

    private async Task<string> UserIdAsync() => (await Auth).User.UserId()!;

    private async Task AudienceKindChangedAsync(AudienceKind kind)
    {
        _form.AudienceKind = kind;
        _form.AudienceValue = null;
        _form.AudienceExcept = null;
        await RefreshSizeAsync();
    }

    private async Task AudienceValueChangedAsync(string? value)
    {
        _form.AudienceValue = value;
        await RefreshSizeAsync();
    }

    private async Task AudienceExceptChangedAsync(string? value)
    {
        _form.AudienceExcept = value;
        await RefreshSizeAsync();
    }

    private async Task RefreshSizeAsync()
    {
        _audienceSize = null;
        var audience = _form.Audience;
        if (string.IsNullOrWhiteSpace(audience.Value) || (audience.Kind == AudienceKind.BoughtNotBought && string.IsNullOrWhiteSpace(audience.Except)))
            return;
        try
        {
            _audienceSize = await Campaigns.AudienceSizeAsync(audience);
        }
        catch (DomainException ex)
        {
            _error = ex.Message;
        }
    }

    private async Task<IEnumerable<string>> SearchProductsAsync(string? term, CancellationToken ct)
    {
        var products = await Campaigns.ProductsAsync(term, ct);
        foreach (var (sku, name) in products) _productNames[sku] = name;
        return products.Select(p => p.Sku);
    }

    private string ProductLabel(string? sku) =>
        sku is null ? "" : _productNames.TryGetValue(sku, out var name) ? $"{sku} · {name}" : sku;

    private static readonly IReadOnlyList<string> Zones = [.. TimeZoneInfo.GetSystemTimeZones().Select(z => z.Id).Order()];

    private Task<IEnumerable<string>> SearchZones(string? term, CancellationToken ct) => Task.FromResult(
        string.IsNullOrWhiteSpace(term) ? Zones.Take(50) : Zones.Where(z => z.Contains(term, StringComparison.OrdinalIgnoreCase)).Take(50));

    private void Insert(string field) => _form.Body = $"{_form.Body.TrimEnd()} {{{{{field}}}}}";

    private async Task SaveAsync()
    {
        _error = null;
        _saving = true;
        try
        {
            var id = await Campaigns.SaveDraftAsync(Id, _form.ToPlan(Clock.GetUtcNow()), await UserIdAsync());
            Snackbar.Add("Draft saved.", Severity.Success);
            Navigation.NavigateTo($"campaigns/{id}");
        }
        catch (DomainException ex)
        {
            Logger.LogInformation("Campaign draft refused: {Reason}", ex.Message);
            _error = ex.Message;
        }
        finally
        {
            _saving = false;
        }
    }
}
