using CrmLive.Domain.Conversations;
using CrmLive.Domain.Live;
using CrmLive.Infrastructure.Chat;
using CrmLive.Infrastructure.Identity;
using CrmLive.Infrastructure.Live;
using CrmLive.Web.Chat;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
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
        (InboxView.Waiting, "Unassigned"),
        (InboxView.AllOpen, "All open"),
        (InboxView.WithBot, "Pending"),
        (InboxView.Snoozed, "Snoozed"),
        (InboxView.Resolved, "Resolved"),
    ];

    private static readonly TimeSpan TypingShownFor = TimeSpan.FromSeconds(6);

    private readonly List<IDisposable> _subscriptions = [];
    private readonly SemaphoreSlim _listRefresh = new(1, 1);
    // Handoffs are assigned automatically, so an agent's own conversations come first.
    private InboxView _view = InboxView.Mine;
    private string? _search;
    private string? _label;
    private Guid? _inboxId;
    private IReadOnlyList<LabelCount> _labels = [];
    private IReadOnlyList<InboxChoice> _inboxes = [];
    private IReadOnlyList<TeamMember> _team = [];
    private IReadOnlyDictionary<InboxView, int> _counts = new Dictionary<InboxView, int>();
    private ConversationSummary? _selected;
    private List<MessageDto> _messages = [];
    private AttachmentRules _rules = new(AttachmentRules.DefaultTypes, AttachmentRules.DefaultMaxBytes);
    private string _userId = "";
    private string _userName = "";
    private TimeZoneInfo _timeZone = TimeZoneInfo.Utc;
    private bool _customerOnline;
    private string _notifications = "unsupported";
    private bool _sound = true;

    /// <summary>True once the circuit is interactive and subscribed to live events.</summary>
    private bool _live;
    private DateTimeOffset? _customerTypingUntil;
    private Timer? _typingExpiry;
    private bool _scrollToEnd;
    private int _waiting;
    private ElementReference _messagesElement;
    private ConversationList? _list;
    private ThreadToolbar? _toolbar;
    private Composer? _composer;
    private DotNetObjectReference<InboxPage>? _self;

    [Parameter]
    public Guid? ConversationId { get; set; }

    [Inject] private InboxQueries Queries { get; set; } = default!;
    [Inject] private ConversationService Chat { get; set; } = default!;
    [Inject] private ILiveEventBus Bus { get; set; } = default!;
    [Inject] private IPresenceTracker Presence { get; set; } = default!;
    [Inject] private AuthenticationStateProvider Auth { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private IJSRuntime Js { get; set; } = default!;

    private InboxFilter Filter => new(_view, _userId, _label, _inboxId, _search);

    private string EmptyText => !string.IsNullOrWhiteSpace(_search) || _label is not null || _inboxId is not null
        ? "Nothing matches. Try another search or clear the filters."
        : _view switch
        {
            InboxView.Waiting => "Nobody is waiting. New handoffs from the bot land here.",
            InboxView.Mine => "Nothing assigned to you right now.",
            InboxView.WithBot => "The bot isn't talking to anyone right now.",
            InboxView.Snoozed => "Nothing snoozed. Snooze a conversation to set it aside until later.",
            InboxView.Resolved => "No resolved conversations yet.",
            _ => "No open conversations.",
        };

    protected override async Task OnInitializedAsync()
    {
        var user = (await Auth.GetAuthenticationStateAsync()).User;
        _userId = user.UserId() ?? "";
        _userName = user.DisplayName();
        await RefreshSideDataAsync();
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
            _subscriptions.Add(Bus.SubscribeQueued<MessageAdded>(OnMessageAddedAsync));
            _subscriptions.Add(Bus.SubscribeQueued<ConversationChanged>(OnConversationChangedAsync));
            _subscriptions.Add(Bus.SubscribeQueued<TypingChanged>(OnTypingAsync));
            _subscriptions.Add(Bus.SubscribeQueued<VisitorPresenceChanged>(e => _selected?.VisitorId == e.VisitorId
                ? InvokeAsync(() => { _customerOnline = e.Online; StateHasChanged(); })
                : Task.CompletedTask));
            _subscriptions.Add(Bus.SubscribeQueued<AgentPresenceChanged>(_ => InvokeAsync(async () =>
            {
                _team = await Queries.TeamAsync();
                StateHasChanged();
            })));
            _typingExpiry = new Timer(_ => InvokeAsync(ExpireTypingIndicator), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
            try
            {
                _self = DotNetObjectReference.Create(this);
                await Js.InvokeVoidAsync("crmLive.registerShortcuts", _self);
                _notifications = await Js.InvokeAsync<string>("crmLive.notificationState");
                _sound = await Js.InvokeAsync<bool>("crmLive.soundEnabled");
                var zone = await Js.InvokeAsync<string>("crmLive.timeZone");
                if (TimeZoneInfo.TryFindSystemTimeZoneById(zone, out var found)) _timeZone = found;
            }
            catch (JSDisconnectedException)
            {
                return;
            }
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

    private Task OnMessageAddedAsync(MessageAdded e) => InvokeAsync(async () =>
    {
        var isOpenHere = _selected?.Id == e.ConversationId;
        if (isOpenHere && e.Sender == MessageSender.Customer)
        {
            _customerTypingUntil = null;
            await Chat.MarkReadAsync(e.ConversationId); // it is on an agent's screen right now
        }
        if (isOpenHere && _messages.All(m => m.Seq != e.Seq))
        {
            _messages.Add(MessageDto.From(e));
            _messages.Sort((a, b) => a.Seq.CompareTo(b.Seq));
            _scrollToEnd = true;
        }
        if (e.Sender == MessageSender.Customer && await Queries.GetAsync(e.ConversationId) is { } c
            && (c.AssignedAgentId == _userId || c.Status == ConversationStatus.WaitingForAgent))
            await NotifyAsync($"{c.CustomerName} wrote", e.Attachment?.FileName ?? e.Text, c.Id);
        await RefreshAfterEventAsync();
    });

    private Task OnConversationChangedAsync(ConversationChanged e) => InvokeAsync(async () =>
    {
        var newForMe = (e.Change == "handoff" && e.Status == ConversationStatus.WaitingForAgent)
            || (e.Change is "assigned" or "transferred" && e.AssignedAgentId == _userId && _selected?.Id != e.ConversationId);
        if (newForMe && await Queries.GetAsync(e.ConversationId) is { } c)
            await NotifyAsync(e.Status == ConversationStatus.WaitingForAgent ? "New conversation waiting" : "Assigned to you",
                $"{c.CustomerName}: {c.LastMessagePreview}", c.Id);
        await RefreshAfterEventAsync();
    });

    /// <summary>A chime, and a desktop notification when the tab is in the background (if the agent allowed them).</summary>
    private async Task NotifyAsync(string title, string body, Guid conversationId)
    {
        try
        {
            await Js.InvokeVoidAsync("crmLive.notify", title, body.Length > 140 ? body[..140] + "…" : body,
                conversationId.ToString(), Navigation.ToAbsoluteUri($"inbox/{conversationId}").ToString());
        }
        catch (JSDisconnectedException)
        {
        }
    }

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
            _counts = await Queries.CountsAsync(_userId);
            _waiting = _counts.TryGetValue(InboxView.Waiting, out var w) ? w : 0;
            _labels = await Queries.LabelsAsync();
            if (_list is not null) await _list.RefreshAsync();
        }
        finally
        {
            _listRefresh.Release();
        }
    }

    private async Task RefreshSideDataAsync()
    {
        _counts = await Queries.CountsAsync(_userId);
        _waiting = _counts.TryGetValue(InboxView.Waiting, out var w) ? w : 0;
        _labels = await Queries.LabelsAsync();
        _inboxes = await Queries.InboxesAsync();
        _team = await Queries.TeamAsync();
    }

    private Task<ConversationPage> LoadPageAsync(int skip, int take, CancellationToken ct) =>
        Queries.ListAsync(Filter, skip, take, ct);

    private Task SelectViewAsync(InboxView view)
    {
        _view = view;
        return RefreshListAsync();
    }

    private Task SearchAsync(string? search)
    {
        _search = search;
        return RefreshListAsync();
    }

    private Task SelectLabelAsync(string? label)
    {
        _label = label;
        return RefreshListAsync();
    }

    private Task SelectInboxAsync(Guid? inboxId)
    {
        _inboxId = inboxId;
        return RefreshListAsync();
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
        _customerTypingUntil = null;
        _scrollToEnd = true;
        if (_selected is null) return;
        _rules = await Chat.RulesForConversationAsync(id);
        _customerOnline = await Presence.IsOnlineAsync(WidgetHub.PresenceKey(_selected.VisitorId));
        // Whoever on the team opens it has read it: the customer sees "Read".
        await Chat.MarkReadAsync(id);
    }

    private async Task EnableNotificationsAsync()
    {
        _notifications = await Js.InvokeAsync<string>("crmLive.requestNotifications");
    }

    private async Task ToggleSoundAsync()
    {
        _sound = !_sound;
        await Js.InvokeVoidAsync("crmLive.setSound", _sound);
    }

    private async Task TeachBotAsync(MessageDto message)
    {
        var dialog = await Dialogs.ShowAsync<TeachBotDialog>("Teach the bot",
            new DialogParameters<TeachBotDialog> { { d => d.Text, message.Text } },
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is { Canceled: false, Data: bool added })
            Snackbar.Add(added ? "Thanks — the bot will learn it at its next training" : "The bot already had that example",
                Severity.Success);
    }

    private Task ShowShortcutsAsync() =>
        Dialogs.ShowAsync<ShortcutsDialog>("Keyboard shortcuts", new DialogOptions { MaxWidth = MaxWidth.Small });

    /// <summary>Single-key shortcuts from the page (see <see cref="ShortcutsDialog"/>); ignored while typing.</summary>
    [JSInvokable]
    public Task OnShortcut(string key) => InvokeAsync(async () =>
    {
        switch (key)
        {
            case "j" or "k": await MoveAsync(key == "j" ? 1 : -1); break;
            case "/": await Js.InvokeVoidAsync("crmLive.focus", "[data-testid=inbox-search] input"); break;
            case "?": await ShowShortcutsAsync(); break;
        }
        if (_selected is null || _toolbar is null) return;
        switch (key)
        {
            case "r": if (_composer is not null) await _composer.FocusAsync(); break;
            case "n": if (_composer is not null) await _composer.StartNoteAsync(); break;
            case "a": await _toolbar.ClaimAsync(); break;
            case "e": await _toolbar.ResolveAsync(); break;
            case "o": await _toolbar.ReopenAsync(); break;
            case "s": await _toolbar.SnoozeUntilTomorrowAsync(); break;
            case "l": await _toolbar.AddLabelAsync(); break;
            case "t": await _toolbar.OpenTransferAsync(); break;
        }
        StateHasChanged();
    });

    private async Task MoveAsync(int step)
    {
        var page = await Queries.ListAsync(Filter, 0, InboxQueries.PageSize);
        if (page.Items.Count == 0) return;
        var index = _selected is null ? -1 : page.Items.ToList().FindIndex(c => c.Id == _selected.Id);
        var next = index < 0 ? 0 : Math.Clamp(index + step, 0, page.Items.Count - 1);
        await OpenAsync(page.Items[next].Id);
    }

    public async ValueTask DisposeAsync()
    {
        _subscriptions.ForEach(s => s.Dispose());
        _typingExpiry?.Dispose();
        _listRefresh.Dispose();
        if (_self is null) return; // prerendered only: nothing was registered in a browser
        try
        {
            await Js.InvokeVoidAsync("crmLive.unregisterShortcuts");
        }
        catch (JSDisconnectedException)
        {
        }
        _self.Dispose();
    }
}
