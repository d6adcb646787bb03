using CrmLive.Domain.Bot;
using CrmLive.Infrastructure.Bot;
using CrmLive.Infrastructure.Chat;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace CrmLive.Web.Components.Bot;

/// <summary>Managers teach the bot: intents, their answers and actions, examples, and the confidence threshold.</summary>
public sealed partial class IntentsPage
{
    private IReadOnlyList<IntentSummary>? _intents;
    private IReadOnlyList<IntentExampleDto>? _examples;
    private MudForm? _form;
    private bool _valid;
    private bool _editing;
    private string? _name;
    private string? _answer;
    private IntentAction _action;
    private string? _error;
    private string? _newExample;
    private float _threshold;
    private bool _live;
    private bool _importing;
    private IntentImportResult? _import;
    private const long MaxImportBytes = 5 * 1024 * 1024;

    [Inject] private IntentCsv Csv { get; set; } = default!;

    [Parameter] public Guid? IntentId { get; set; }

    public static string ActionLabel(IntentAction action) => action switch
    {
        IntentAction.LastOrder => "Look up the last order",
        IntentAction.OpenTicket => "Open a ticket",
        IntentAction.HandOff => "Hand off to the team",
        _ => "Just answer",
    };

    protected override async Task OnInitializedAsync()
    {
        _threshold = await Catalog.ThresholdAsync();
        _intents = await Catalog.ListAsync();
    }

    protected override async Task OnParametersSetAsync()
    {
        _error = null;
        if (IntentId is not { } id)
        {
            _editing = _editing && _name is null;
            return;
        }
        _intents ??= await Catalog.ListAsync();
        var intent = _intents.FirstOrDefault(i => i.Id == id);
        if (intent is null)
        {
            _editing = false;
            return;
        }
        (_name, _answer, _action, _editing) = (intent.Name, intent.Answer, intent.Action, true);
        _examples = await Catalog.ExamplesAsync(id);
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (!firstRender) return;
        _live = true; // interactive from here on: tests and people can click
        StateHasChanged();
    }

    private void Open(Guid id) => Navigation.NavigateTo($"bot/intents/{id}");

    private void NewIntent()
    {
        Navigation.NavigateTo("bot/intents");
        (_name, _answer, _action, _error, _editing) = (null, null, IntentAction.None, null, true);
    }

    private async Task SaveAsync()
    {
        if (_form is null) return;
        await _form.ValidateAsync();
        if (!_valid) return;
        try
        {
            var id = await Catalog.SaveAsync(IntentId, _name!, _answer!, _action);
            _intents = await Catalog.ListAsync();
            Snackbar.Add("Intent saved", Severity.Success);
            if (IntentId != id) Open(id);
        }
        catch (ChatException ex)
        {
            _error = ex.Message;
            Logger.LogInformation("Intent refused: {Reason}", ex.Message);
        }
    }

    private async Task DeleteAsync()
    {
        if (IntentId is not { } id) return;
        if (await Dialogs.ShowMessageBoxAsync("Delete intent", $"Delete {_name} and all its examples?", yesText: "Delete",
                cancelText: "Cancel") != true)
            return;
        await Catalog.DeleteAsync(id);
        _intents = await Catalog.ListAsync();
        _editing = false;
        Navigation.NavigateTo("bot/intents");
    }

    private async Task AddExampleAsync()
    {
        if (IntentId is not { } id || string.IsNullOrWhiteSpace(_newExample)) return;
        try
        {
            if (!await Catalog.AddExampleAsync(id, _newExample, ExampleSource.Manager))
                Snackbar.Add("That example is already there", Severity.Info);
            _newExample = null;
            _examples = await Catalog.ExamplesAsync(id);
            _intents = await Catalog.ListAsync();
        }
        catch (ChatException ex)
        {
            Snackbar.Add(ex.Message, Severity.Warning);
        }
    }

    private Task OnExampleKeyAsync(KeyboardEventArgs e) => e.Key == "Enter" ? AddExampleAsync() : Task.CompletedTask;

    private async Task RemoveExampleAsync(long exampleId)
    {
        await Catalog.RemoveExampleAsync(exampleId);
        if (IntentId is { } id) _examples = await Catalog.ExamplesAsync(id);
        _intents = await Catalog.ListAsync();
    }

    private async Task ImportAsync(Microsoft.AspNetCore.Components.Forms.IBrowserFile file)
    {
        _import = null;
        if (file.Size > MaxImportBytes)
        {
            Snackbar.Add("That file is larger than 5 MB; split it into smaller files.", Severity.Warning);
            return;
        }
        _importing = true;
        try
        {
            await using var upload = file.OpenReadStream(MaxImportBytes);
            using var buffer = new MemoryStream();
            await upload.CopyToAsync(buffer);
            buffer.Position = 0;
            _import = await Csv.ImportAsync(buffer);
            if (_import.Succeeded)
            {
                Snackbar.Add($"Imported {_import.Added} examples ({_import.Duplicates} already there, {_import.NewIntents} new intents)",
                    Severity.Success);
                _intents = await Catalog.ListAsync();
                if (IntentId is { } id) _examples = await Catalog.ExamplesAsync(id);
            }
        }
        catch (IOException ex)
        {
            Logger.LogWarning(ex, "Intent import could not be read");
            Snackbar.Add("The file could not be read; try again.", Severity.Warning);
        }
        finally
        {
            _importing = false;
        }
    }

    private async Task SaveThresholdAsync()
    {
        try
        {
            await Catalog.SetThresholdAsync(_threshold);
            Snackbar.Add($"Threshold set to {_threshold * 100:0}%", Severity.Success);
        }
        catch (ChatException ex)
        {
            Snackbar.Add(ex.Message, Severity.Warning);
        }
    }
}
