using CrmLive.Domain.Common;
using CrmLive.Domain.Live;
using CrmLive.Domain.Tickets;
using CrmLive.Infrastructure.Identity;
using CrmLive.Infrastructure.Text;
using CrmLive.Infrastructure.Tickets;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace CrmLive.Web.Components.Tickets;

public partial class TicketPage
{
    private TicketDetail? _ticket;
    private bool _notFound;
    private IReadOnlyList<StaffMember> _staff = [];
    private List<BreadcrumbItem> _crumbs = [];
    private string? _userId;
    private DateTimeOffset _now;
    private IDisposable? _subscription;
    private ITimer? _timer;

    private bool _editingSubject;
    private string? _subjectDraft;
    private string? _subjectError;
    private bool _editingDescription;
    private string? _descriptionDraft;

    [Parameter] public Guid Id { get; set; }

    [Inject] private TicketQueries Queries { get; set; } = default!;
    [Inject] private TicketService Tickets { get; set; } = default!;
    [Inject] private StaffDirectory Staff { get; set; } = default!;
    [Inject] private MarkdownRenderer Markdown { get; set; } = default!;
    [Inject] private ILiveEventBus Bus { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private AuthenticationStateProvider Auth { get; set; } = default!;
    [Inject] private ILogger<TicketPage> Logger { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        _userId = (await Auth.GetAuthenticationStateAsync()).User.UserId();
        _staff = await Staff.AllAsync();
    }

    protected override async Task OnParametersSetAsync()
    {
        _editingSubject = _editingDescription = false;
        await LoadAsync();
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (!firstRender) return;
        _subscription = Bus.SubscribeQueued<TicketChanged>(e => e.TicketId == Id
            ? InvokeAsync(async () => { await LoadAsync(); StateHasChanged(); })
            : Task.CompletedTask);
        _timer = Clock.CreateTimer(_ => InvokeAsync(() => { _now = Clock.GetUtcNow(); StateHasChanged(); }),
            null, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
    }

    private async Task LoadAsync()
    {
        _now = Clock.GetUtcNow();
        _ticket = await Queries.GetAsync(Id);
        _notFound = _ticket is null;
        if (_ticket is null) return;
        _crumbs =
        [
            new BreadcrumbItem("Tickets", "tickets"),
            new BreadcrumbItem(_ticket.Subject.Length > 60 ? _ticket.Subject[..60] + "…" : _ticket.Subject, null, disabled: true),
        ];
    }

    private void EditSubject()
    {
        _subjectDraft = _ticket?.Subject;
        _subjectError = null;
        _editingSubject = true;
    }

    private async Task OnSubjectKeyAsync(KeyboardEventArgs e)
    {
        if (e.Key == "Enter") await SaveSubjectAsync();
        else if (e.Key == "Escape") _editingSubject = false;
    }

    private async Task SaveSubjectAsync()
    {
        if (_ticket is null) return;
        try
        {
            await Tickets.EditAsync(Id, _subjectDraft ?? "", _ticket.Description, _ticket.Type);
            _editingSubject = false;
            await LoadAsync();
        }
        catch (DomainException ex)
        {
            _subjectError = ex.Message; // shown under the field, the draft kept
        }
        catch (Exception ex)
        {
            Fail(ex);
        }
    }

    private void EditDescription()
    {
        _descriptionDraft = _ticket?.Description;
        _editingDescription = true;
    }

    private Task SaveDescriptionAsync() => RunAsync(async t =>
    {
        await Tickets.EditAsync(Id, t.Subject, _descriptionDraft, t.Type);
        _editingDescription = false;
    }, "Description saved");

    private Task SetStatusAsync(TicketStatus status) =>
        RunAsync(_ => Tickets.SetStatusAsync(Id, status), $"Marked {status.ToString().ToLowerInvariant()}");

    private Task SetPriorityAsync(TicketPriority priority) =>
        RunAsync(_ => Tickets.SetPriorityAsync(Id, priority), $"{priority} priority; SLA re-timed");

    private Task SetTypeAsync(TicketType type) =>
        RunAsync(t => Tickets.EditAsync(Id, t.Subject, t.Description, type), null);

    private Task AssignAsync(string? assigneeId) =>
        RunAsync(_ => Tickets.AssignAsync(Id, assigneeId), assigneeId is null ? "Unassigned" : "Assigned");

    /// <summary>Saves one change; a broken rule is told in a snackbar, anything else logged and told plainly.</summary>
    private async Task RunAsync(Func<TicketDetail, Task> change, string? done)
    {
        if (_ticket is null) return;
        try
        {
            await change(_ticket);
            if (done is not null) Snackbar.Add(done, Severity.Success);
        }
        catch (DomainException ex)
        {
            Snackbar.Add(ex.Message, Severity.Warning);
        }
        catch (Exception ex)
        {
            Fail(ex);
        }
        await LoadAsync();
    }

    private void Fail(Exception ex)
    {
        Logger.LogError(ex, "Changing ticket {TicketId} failed", Id);
        Snackbar.Add("That change could not be saved. Try again in a moment.", Severity.Error);
    }

    private static string When(DateTimeOffset at) => $"{at.ToUniversalTime():d MMM yyyy HH:mm} UTC";

    public void Dispose()
    {
        _subscription?.Dispose();
        _timer?.Dispose();
    }
}
