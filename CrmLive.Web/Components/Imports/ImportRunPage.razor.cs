using CrmLive.Domain.Common;
using CrmLive.Domain.Imports;
using CrmLive.Domain.Live;
using CrmLive.Infrastructure.Imports;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CrmLive.Web.Components.Imports;

/// <summary>One import: the mapping step, then the dry run and the real run with live progress and the refused rows.</summary>
public partial class ImportRunPage : IDisposable
{
    [Parameter] public Guid Id { get; set; }

    [Inject] private ImportService Imports { get; set; } = default!;
    [Inject] private ILiveEventBus Bus { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private readonly List<BreadcrumbItem> _crumbs = [new("Imports", "imports")];
    private ImportPreview? _preview;
    private ImportRunView? _run;
    private string?[] _targets = [];
    private DuplicateKey _dedupeBy;
    private DuplicateHandling _duplicates;
    private IReadOnlyList<string> _problems = [];
    private IReadOnlyList<ImportErrorLine> _errors = [];
    private IDisposable? _subscription;
    private bool _missing;
    private bool _busy;

    protected override async Task OnParametersSetAsync()
    {
        _preview = await Imports.PreviewAsync(Id);
        _missing = _preview is null;
        if (_preview is null) return;
        _run = _preview.Run;
        _targets = [.. _preview.Mapping.Targets];
        Array.Resize(ref _targets, _preview.Headers.Count);
        _dedupeBy = _preview.Mapping.DedupeBy;
        _duplicates = _preview.Mapping.Duplicates;
        _errors = await Imports.ErrorsAsync(Id);
        CheckMapping();
    }

    protected override void OnAfterRender(bool firstRender)
    {
        // Subscribe once interactive: a prerender has no circuit to push to.
        if (firstRender)
            _subscription = Bus.SubscribeQueued<ImportProgressed>(e => e.RunId == Id ? InvokeAsync(RefreshAsync) : Task.CompletedTask);
    }

    private async Task RefreshAsync()
    {
        _run = await Imports.GetAsync(Id) ?? _run;
        if (_run is { IsRunning: false } || _run?.Failed > _errors.Count) _errors = await Imports.ErrorsAsync(Id);
        StateHasChanged();
    }

    private ImportMapping Mapping => new(_targets, _dedupeBy, _duplicates);

    private void SetTarget(int column, string? target)
    {
        _targets[column] = string.IsNullOrEmpty(target) ? null : target;
        CheckMapping();
    }

    private void CheckMapping() => _problems = _run is null ? [] : ImportFields.Problems(_run.Kind, Mapping);

    private async Task StartAsync(bool dryRun)
    {
        CheckMapping();
        if (_problems.Count > 0) return;
        _busy = true;
        try
        {
            await Imports.SaveMappingAsync(Id, Mapping);
            await Imports.StartAsync(Id, dryRun);
            _errors = [];
            _run = await Imports.GetAsync(Id);
        }
        catch (DomainException ex)
        {
            Snackbar.Add(ex.Message, Severity.Warning);
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task StopAsync()
    {
        await Imports.CancelAsync(Id);
        Snackbar.Add("Stopping after the current batch…", Severity.Info);
    }

    private string ProgressText => _run is null ? "" : _run.Status switch
    {
        ImportStatus.DryRunning or ImportStatus.Importing => $"{_run.ProcessedRows:N0} rows read · {_run.Percent}%",
        ImportStatus.Checked => $"{_run.ProcessedRows:N0} rows checked, nothing written. Import when the numbers look right.",
        ImportStatus.Completed => $"{_run.ProcessedRows:N0} rows done{Took}.",
        ImportStatus.Cancelled => $"Stopped after {_run.ProcessedRows:N0} rows{(_run.DryRun ? "" : "; the batches before the stop are imported")}.",
        ImportStatus.Failed => $"Stopped after {_run.ProcessedRows:N0} rows.",
        _ => "",
    };

    private string Took => _run is { StartedAt: { } s, FinishedAt: { } f } ? $" in {(f - s).TotalSeconds:0.#} s" : "";

    private string Samples(int column) => string.Join(" · ", _preview!.SampleRows
        .Select(r => column < r.Length ? r[column] : "").Where(v => v.Length > 0).Take(3)
        .Select(v => v.Length > 30 ? v[..30] + "…" : v));

    private string ColumnLabel(string? column) =>
        string.IsNullOrEmpty(column) || _run is null ? "—" : ImportFields.LabelOf(_run.Kind, column);

    private static string FileSize(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => $"{bytes / 1024.0:0.#} KB",
        _ => $"{bytes / (1024.0 * 1024):0.#} MB",
    };

    public void Dispose() => _subscription?.Dispose();
}
