using CrmLive.Domain.Conversations;
using CrmLive.Domain.Live;
using CrmLive.Infrastructure.Chat;
using CrmLive.Infrastructure.Identity;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.JSInterop;
using MudBlazor;

namespace CrmLive.Web.Components.Inbox;

/// <summary>
/// The agent's live inbox: the list, the open conversation and the customer beside it. Everything on screen is
/// refreshed by live events from the bus; nothing polls.
/// </summary>
public sealed partial class InboxPage
{
    private static readonly (InboxView View, string Label)[] Views =
    [
        (InboxView.Mine, "Mine"),
        (InboxView.Waiting, "Waiting"),
        (InboxView.AllOpen, "All open"),
        (InboxView.WithBot, "With bot"),
        (InboxView.Resolved, "Resolved"),
    ];

    private readonly List<IDisposable> _subscriptions = [];
    private readonly SemaphoreSlim _listRefresh = new(1, 1);
    // Handoffs are assigned automatically, so an agent's own conversations come first.
    private InboxView _view = InboxView.Mine;
    private IReadOnlyList<ConversationSummary>? _conversations;
    private IReadOnlyDictionary<InboxView, int> _counts = new Dictionary<InboxView, int>();
    private ConversationSummary? _selected;
    private List<MessageDto> _messages = [];
    private string _userId = "";
    private string _userName = "";
    private string? _draft;
    private string? _sendError;
    private bool _sending;
    private bool _privateNote;

    /// <summary>True once the circuit is interactive and subscribed to live events.</summary>
    private bool _live;
    private DateTimeOffset? _customerTypingUntil;
    private DateTimeOffset _lastTypingSent = DateTimeOffset.MinValue;
    private Timer? _typingExpiry;
    private static readonly TimeSpan TypingShownFor = TimeSpan.FromSeconds(6);
    private static readonly TimeSpan TypingResendAfter = TimeSpan.FromSeconds(2.5);
    private bool _scrollToEnd;
    private int _waiting;
    private ElementReference _messagesElement;

    [Parameter]
    public Guid? ConversationId { get; set; }

    [Inject] private InboxQueries Queries { get; set; } = default!;
    [Inject] private ConversationService Chat { get; set; } = default!;
    [Inject] private ILiveEventBus Bus { get; set; } = default!;
    [Inject] private AuthenticationStateProvider Auth { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private IJSRuntime Js { get; set; } = default!;
    [Inject] private ILogger<InboxPage> Logger { get; set; } = default!;

    private string EmptyText => _view switch
    {
        InboxView.Waiting => "Nobody is waiting. New handoffs from the bot land here.",
        InboxView.Mine => "Nothing assigned to you right now.",
        InboxView.WithBot => "The bot isn't talking to anyone right now.",
        InboxView.Resolved => "No resolved conversations yet.",
        _ => "No open conversations.",
    };

    protected override async Task OnInitializedAsync()
    {
        var user = (await Auth.GetAuthenticationStateAsync()).User;
        _userId = user.UserId() ?? "";
        _userName = user.DisplayName();
        await RefreshListAsync();
    }

    protected override async Task OnParametersSetAsync()
    {
        if (ConversationId is { } id && _selected?.Id != id) await LoadConversationAsync(id);
        else if (ConversationId is null) _selected = null;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            // Subscribe only once interactive: a prerender has no circuit to push to.
            _subscriptions.Add(Bus.Subscribe<MessageAdded>(OnMessageAddedAsync));
            _subscriptions.Add(Bus.Subscribe<ConversationChanged>(_ => InvokeAsync(RefreshAfterEventAsync)));
            _subscriptions.Add(Bus.Subscribe<TypingChanged>(OnTypingAsync));
            _typingExpiry = new Timer(_ => InvokeAsync(ExpireTypingIndicator), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
            _live = true;
            StateHasChanged();
        }
        if (_scrollToEnd)
        {
            _scrollToEnd = false;
            try
            {
                await Js.InvokeVoidAsync("crmLive.scrollToEnd", _messagesElement);
            }
            catch (JSDisconnectedException)
            {
            }
        }
    }

    private bool CustomerTyping => _customerTypingUntil > DateTimeOffset.UtcNow;

    private Task OnTypingAsync(TypingChanged e) => e.Who != MessageSender.Customer || _selected?.Id != e.ConversationId
        ? Task.CompletedTask
        : InvokeAsync(() =>
        {
            _customerTypingUntil = e.IsTyping ? DateTimeOffset.UtcNow + TypingShownFor : null;
            StateHasChanged();
        });

    private void ExpireTypingIndicator()
    {
        if (_customerTypingUntil is { } until && until <= DateTimeOffset.UtcNow)
        {
            _customerTypingUntil = null;
            StateHasChanged();
        }
    }

    /// <summary>Tells the customer the agent is typing, at most every few seconds while they type.</summary>
    private async Task OnDraftChangedAsync(string? value)
    {
        _draft = value;
        if (_selected is null || _privateNote || string.IsNullOrWhiteSpace(value)) return;
        var now = DateTimeOffset.UtcNow;
        if (now - _lastTypingSent < TypingResendAfter) return;
        _lastTypingSent = now;
        await Bus.PublishAsync(new TypingChanged(_selected.Id, _selected.VisitorId, MessageSender.Agent, _userName, true));
    }

    private Task OnMessageAddedAsync(MessageAdded e) => InvokeAsync(async () =>
    {
        if (_selected?.Id == e.ConversationId && e.Sender == MessageSender.Customer)
        {
            _customerTypingUntil = null;
            await Chat.MarkReadAsync(e.ConversationId); // it is on an agent's screen right now
        }
        if (_selected?.Id == e.ConversationId && _messages.All(m => m.Seq != e.Seq))
        {
            _messages.Add(new MessageDto(e.ConversationId, e.Seq, e.Sender, e.AuthorName, e.Text, e.ClientMessageId,
                e.CreatedAt, e.IsPrivate));
            _messages.Sort((a, b) => a.Seq.CompareTo(b.Seq));
            _scrollToEnd = true;
        }
        await RefreshAfterEventAsync();
    });

    private async Task RefreshAfterEventAsync()
    {
        await RefreshListAsync();
        if (_selected is not null) _selected = await Queries.GetAsync(_selected.Id) ?? _selected;
        StateHasChanged();
    }

    private async Task RefreshListAsync()
    {
        // Events can arrive in bursts; one refresh at a time is enough since each reads the latest state.
        if (!await _listRefresh.WaitAsync(0)) return;
        try
        {
            _conversations = await Queries.ListAsync(_view, _userId);
            _counts = await Queries.CountsAsync(_userId);
            _waiting = _counts.TryGetValue(InboxView.Waiting, out var w) ? w : 0;
        }
        finally
        {
            _listRefresh.Release();
        }
    }

    private async Task SelectViewAsync(InboxView view)
    {
        _view = view;
        _conversations = null;
        await RefreshListAsync();
    }

    private Task OpenAsync(Guid id)
    {
        Navigation.NavigateTo($"inbox/{id}");
        return Task.CompletedTask;
    }

    private async Task LoadConversationAsync(Guid id)
    {
        _selected = await Queries.GetAsync(id);
        _messages = _selected is null ? [] : [.. await Chat.GetMessagesAsync(id)];
        _draft = null;
        _sendError = null;
        _customerTypingUntil = null;
        _scrollToEnd = true;
        // Whoever on the team opens it has read it: the customer sees "Read".
        if (_selected is not null) await Chat.MarkReadAsync(id);
    }

    private async Task OnComposerKeyUpAsync(KeyboardEventArgs e)
    {
        if (e.Key == "Enter" && !e.ShiftKey) await SendAsync();
    }

    private async Task SendAsync()
    {
        if (_selected is null || string.IsNullOrWhiteSpace(_draft) || _sending) return;
        _sending = true;
        _sendError = null;
        try
        {
            if (_privateNote) await Chat.AddNoteAsync(_selected.Id, _userId, _userName, _draft.Trim());
            else await Chat.ReplyAsAgentAsync(_selected.Id, _userId, _userName, _draft.Trim(), Guid.NewGuid().ToString("N"));
            _draft = null;
            _lastTypingSent = DateTimeOffset.MinValue;
            if (!_privateNote)
                await Bus.PublishAsync(new TypingChanged(_selected.Id, _selected.VisitorId, MessageSender.Agent, _userName, false));
        }
        catch (ChatException ex)
        {
            _sendError = ex.Message;
            Logger.LogWarning("Reply refused in conversation {ConversationId}: {Reason}", _selected.Id, ex.Message);
        }
        finally
        {
            _sending = false;
        }
    }

    private Task ClaimAsync() => RunAsync(id => Chat.ClaimAsync(id, _userId), "Assigned to you");

    private Task ResolveAsync() => RunAsync(Chat.ResolveAsync, "Conversation resolved");

    private async Task RunAsync(Func<Guid, CancellationToken, Task> action, string done)
    {
        if (_selected is null) return;
        try
        {
            await action(_selected.Id, CancellationToken.None);
            Snackbar.Add(done, Severity.Success);
        }
        catch (ChatException ex)
        {
            Snackbar.Add(ex.Message, Severity.Warning);
        }
    }

    private Task RunAsync(Func<Guid, Task> action, string done) => RunAsync((id, _) => action(id), done);

    private static string StatusText(ConversationSummary c) => c.Status switch
    {
        ConversationStatus.Bot => "With the bot",
        ConversationStatus.WaitingForAgent => "Waiting for an agent",
        ConversationStatus.Open => c.AssignedAgentName is { } n ? $"Assigned to {n}" : "Open",
        _ => "Resolved",
    };

    public void Dispose()
    {
        _subscriptions.ForEach(s => s.Dispose());
        _typingExpiry?.Dispose();
        _listRefresh.Dispose();
    }
}
