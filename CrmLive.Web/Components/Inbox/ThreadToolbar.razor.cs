using CrmLive.Domain.Conversations;
using CrmLive.Infrastructure.Chat;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace CrmLive.Web.Components.Inbox;

/// <summary>The open conversation's header: who, where it stands, its labels, and what can be done with it.</summary>
public sealed partial class ThreadToolbar
{
    private MudMenu? _transferMenu;

    [Parameter, EditorRequired] public ConversationSummary Conversation { get; set; } = default!;
    [Parameter, EditorRequired] public string UserId { get; set; } = "";
    [Parameter, EditorRequired] public string UserName { get; set; } = "";
    [Parameter] public IReadOnlyList<TeamMember> Team { get; set; } = [];
    [Parameter] public TimeZoneInfo TimeZone { get; set; } = TimeZoneInfo.Utc;
    [Parameter] public bool CustomerOnline { get; set; }
    [Parameter] public EventCallback OnShowShortcuts { get; set; }

    [Inject] private ConversationService Chat { get; set; } = default!;
    [Inject] private InboxQueries Queries { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private bool IsResolved => Conversation.Status == ConversationStatus.Resolved;

    private string StatusText => Conversation.Status switch
    {
        ConversationStatus.Bot => "Pending · with the bot",
        ConversationStatus.WaitingForAgent => "Waiting for an agent",
        ConversationStatus.Open => Conversation.AssignedAgentName is { } n ? $"Assigned to {n}" : "Open",
        ConversationStatus.Snoozed => Conversation.SnoozedUntil is { } until
            ? $"Snoozed until {TimeZoneInfo.ConvertTime(until, TimeZone):ddd d MMM, HH:mm}"
            : "Snoozed",
        _ => "Resolved",
    };

    public Task ClaimAsync() => RunAsync(() => Chat.ClaimAsync(Conversation.Id, UserId), "Assigned to you");

    public Task ResolveAsync() => IsResolved ? Task.CompletedTask : RunAsync(() => Chat.ResolveAsync(Conversation.Id), "Conversation resolved");

    public Task ReopenAsync() => RunAsync(() => Chat.ReopenAsync(Conversation.Id), "Conversation reopened");

    public Task SnoozeAsync(DateTimeOffset until) => RunAsync(() => Chat.SnoozeAsync(Conversation.Id, until),
        $"Snoozed until {TimeZoneInfo.ConvertTime(until, TimeZone):ddd HH:mm}");

    public Task SnoozeUntilTomorrowAsync() => SnoozeAsync(SnoozePresets.TomorrowMorning(DateTimeOffset.UtcNow, TimeZone));

    public Task OpenTransferAsync() => _transferMenu?.OpenMenuAsync(new MouseEventArgs()) ?? Task.CompletedTask;

    private Task TransferAsync(string? agentId) =>
        RunAsync(() => Chat.TransferAsync(Conversation.Id, agentId, UserId, UserName),
            agentId is null ? "Back in the queue" : $"Transferred to {Team.FirstOrDefault(m => m.Id == agentId)?.Name}");

    public async Task AddLabelAsync()
    {
        var parameters = new DialogParameters<LabelDialog>
        {
            { d => d.InUse, await Queries.LabelsAsync() },
            { d => d.Current, Conversation.Labels ?? [] },
        };
        var dialog = await Dialogs.ShowAsync<LabelDialog>("Add a label", parameters,
            new DialogOptions { MaxWidth = MaxWidth.ExtraSmall, FullWidth = true });
        if (await dialog.Result is { Canceled: false, Data: string label })
            await RunAsync(() => Chat.AddLabelAsync(Conversation.Id, label), null);
    }

    private Task RemoveLabelAsync(string label) => RunAsync(() => Chat.RemoveLabelAsync(Conversation.Id, label), null);

    private async Task FollowUpAsync(bool isDeal)
    {
        var parameters = new DialogParameters<FollowUpDialog>
        {
            { d => d.ConversationId, Conversation.Id },
            { d => d.IsDeal, isDeal },
            { d => d.OwnerId, UserId },
            { d => d.SuggestedTitle, Conversation.LastMessagePreview },
        };
        var dialog = await Dialogs.ShowAsync<FollowUpDialog>(isDeal ? "Create a deal" : "Create a ticket", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is { Canceled: false })
            Snackbar.Add(isDeal ? "Deal created on the customer's record" : "Ticket created on the customer's record",
                Severity.Success);
    }

    private async Task RunAsync(Func<Task> action, string? done)
    {
        try
        {
            await action();
            if (done is not null) Snackbar.Add(done, Severity.Success);
        }
        catch (ChatException ex)
        {
            Snackbar.Add(ex.Message, Severity.Warning);
        }
    }
}
