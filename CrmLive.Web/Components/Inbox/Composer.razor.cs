using CrmLive.Domain.Conversations;
using CrmLive.Domain.Live;
using CrmLive.Infrastructure.Chat;
using CrmLive.Web.Chat;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.JSInterop;
using MudBlazor;

namespace CrmLive.Web.Components.Inbox;

/// <summary>
/// Where an agent writes: replies in Markdown (with a preview), private notes, saved replies picked with
/// <c>/shortcut</c>, and files.
/// </summary>
public sealed partial class Composer
{
    private static readonly TimeSpan TypingResendAfter = TimeSpan.FromSeconds(2.5);

    private string? _draft;
    private string? _sendError;
    private string? _uploading;
    private bool _sending;
    private bool _privateNote;
    private bool _preview;
    private IReadOnlyList<CannedResponseDto> _replies = [];
    private List<CannedResponseDto> _matches = [];
    private int _active;
    private DateTimeOffset _lastTypingSent = DateTimeOffset.MinValue;
    private ElementReference _inputWrapper;
    private MudTextField<string>? _input;
    private bool _keysWired;

    [Parameter, EditorRequired] public ConversationSummary Conversation { get; set; } = default!;
    [Parameter, EditorRequired] public string UserId { get; set; } = "";
    [Parameter, EditorRequired] public string UserName { get; set; } = "";
    [Parameter] public AttachmentRules Rules { get; set; } = new(AttachmentRules.DefaultTypes, AttachmentRules.DefaultMaxBytes);
    [Parameter] public EventCallback OnReopen { get; set; }

    [Inject] private ConversationService Chat { get; set; } = default!;
    [Inject] private CannedResponses CannedResponses { get; set; } = default!;
    [Inject] private ILiveEventBus Bus { get; set; } = default!;
    [Inject] private IJSRuntime Js { get; set; } = default!;
    [Inject] private ILogger<Composer> Logger { get; set; } = default!;

    private Guid _conversationId;

    protected override async Task OnParametersSetAsync()
    {
        if (_conversationId == Conversation.Id) return;
        _conversationId = Conversation.Id;
        _draft = null;
        _sendError = null;
        _matches = [];
        _replies = await CannedResponses.ListAsync();
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // Plain Enter sends and arrow keys move through the picker: the browser must not act on them first.
        if (_keysWired || Conversation.Status == ConversationStatus.Resolved) return;
        _keysWired = true;
        try
        {
            await Js.InvokeVoidAsync("crmLive.wireComposer", _inputWrapper);
        }
        catch (JSDisconnectedException)
        {
        }
    }

    /// <summary>Switches to a private note and puts the caret there (keyboard shortcut "n").</summary>
    public ValueTask StartNoteAsync()
    {
        _privateNote = true;
        StateHasChanged();
        return FocusAsync();
    }

    /// <summary>Puts the caret in the reply box (keyboard shortcut "r").</summary>
    public ValueTask FocusAsync() => _input?.FocusAsync() ?? ValueTask.CompletedTask;

    private async Task OnDraftChangedAsync(string? value)
    {
        _draft = value;
        UpdatePicker();
        // Tells the customer the agent is typing, at most every few seconds while they type.
        if (_privateNote || string.IsNullOrWhiteSpace(value)) return;
        var now = DateTimeOffset.UtcNow;
        if (now - _lastTypingSent < TypingResendAfter) return;
        _lastTypingSent = now;
        await Bus.PublishAsync(new TypingChanged(Conversation.Id, Conversation.VisitorId, MessageSender.Agent, UserName, true));
    }

    /// <summary>"/ret" at the start of an otherwise empty draft lists the saved replies it matches.</summary>
    private void UpdatePicker()
    {
        var draft = _draft ?? "";
        _matches = draft.StartsWith('/') && !draft.Any(char.IsWhiteSpace)
            ? [.. _replies.Where(r => CannedResponse.Match([new CannedResponse(r.Shortcut, r.Text, default)], draft).Any())
                .OrderBy(r => r.Shortcut.StartsWith(draft[1..], StringComparison.OrdinalIgnoreCase) ? 0 : 1)
                .ThenBy(r => r.Shortcut).Take(8)]
            : [];
        _active = Math.Clamp(_active, 0, Math.Max(0, _matches.Count - 1));
    }

    private void Insert(CannedResponseDto reply)
    {
        _draft = reply.Text;
        _matches = [];
        _ = FocusAsync();
    }

    private async Task OnKeyDownAsync(KeyboardEventArgs e)
    {
        if (_matches.Count > 0)
        {
            switch (e.Key)
            {
                case "ArrowDown": _active = (_active + 1) % _matches.Count; return;
                case "ArrowUp": _active = (_active - 1 + _matches.Count) % _matches.Count; return;
                case "Enter" or "Tab": Insert(_matches[_active]); return;
                case "Escape": _matches = []; return;
            }
        }
        if (e.Key == "Enter" && !e.ShiftKey) await SendAsync();
    }

    private async Task SendAsync()
    {
        if (string.IsNullOrWhiteSpace(_draft) || _sending) return;
        _sending = true;
        _sendError = null;
        try
        {
            var text = _draft.Trim();
            if (_privateNote) await Chat.AddNoteAsync(Conversation.Id, UserId, UserName, text);
            else await Chat.ReplyAsAgentAsync(Conversation.Id, UserId, UserName, text, Guid.NewGuid().ToString("N"));
            _draft = null;
            _preview = false;
            _lastTypingSent = DateTimeOffset.MinValue;
            if (!_privateNote)
                await Bus.PublishAsync(new TypingChanged(Conversation.Id, Conversation.VisitorId, MessageSender.Agent, UserName, false));
        }
        catch (ChatException ex)
        {
            _sendError = ex.Message;
            Logger.LogWarning("Reply refused in conversation {ConversationId}: {Reason}", Conversation.Id, ex.Message);
        }
        finally
        {
            _sending = false;
        }
    }

    private async Task UploadAsync(IBrowserFile? file)
    {
        if (file is null) return;
        _sendError = null;
        if (file.Size > Rules.MaxBytes)
        {
            _sendError = $"Files can be at most {AttachmentRules.FormatSize(Rules.MaxBytes)}.";
            return;
        }
        _uploading = file.Name;
        try
        {
            var bytes = await AttachmentEndpoints.ReadLimitedAsync(file.OpenReadStream(Rules.MaxBytes), Rules.MaxBytes, default)
                ?? throw new ChatException($"Files can be at most {AttachmentRules.FormatSize(Rules.MaxBytes)}.");
            await Chat.AttachAsAgentAsync(Conversation.Id, UserId, UserName, new AttachmentUpload(file.Name, bytes), _privateNote);
        }
        catch (ChatException ex)
        {
            _sendError = ex.Message;
        }
        catch (IOException ex)
        {
            _sendError = "The file could not be read; try again.";
            Logger.LogWarning(ex, "Upload of {FileName} failed in conversation {ConversationId}", file.Name, Conversation.Id);
        }
        finally
        {
            _uploading = null;
        }
    }
}
