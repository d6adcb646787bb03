import { HubConnection, HubConnectionBuilder, HubConnectionState, LogLevel } from '@microsoft/signalr';
import { newClientId, WidgetStorage } from './storage';
import { InboxSettings, MessageDto, ProactiveMessage, SendResult, ThreadCampaign, WidgetIdentity, WidgetStart } from './types';
import { formatSize, WidgetView } from './ui';

const RECONNECT_DELAYS = [0, 1000, 2000, 5000, 10000, 10000, 30000];

/**
 * Keeps the conversation in step with the server: every message has a sequence number, so after any gap the
 * widget asks for what came after the last one it saw; unsent messages wait in a persisted outbox and are
 * resent with the same client id, which the server stores once.
 */
export class ChatSession {
  private readonly connection: HubConnection;
  private readonly messages = new Map<number, MessageDto>();
  private conversationId: string | null = null;
  private readSeq = 0;
  private started = false;
  private flushing = false;
  /** Sending too fast holds the outbox until the server's window frees a permit (epoch ms). */
  private holdUntil = 0;
  private holdTimer: number | undefined;
  private restartAttempt = 0;
  private inbox: InboxSettings | null = null;
  /** Campaign ids this page has shown, as a card or in the thread: Start on every reconnect offers them again. */
  private readonly offered = new Set<string>();
  /** Campaign messages the visitor opened; they stay in the thread between the messages around them. */
  private campaigns: ThreadCampaign[] = [];

  constructor(
    private readonly baseUrl: string,
    private readonly inboxKey: string,
    private readonly identity: WidgetIdentity | null,
    private readonly storage: WidgetStorage,
    private readonly view: WidgetView,
  ) {
    this.connection = new HubConnectionBuilder()
      .withUrl(`${baseUrl}/hubs/widget`)
      .withAutomaticReconnect(RECONNECT_DELAYS)
      .configureLogging(LogLevel.None) // the status line tells the customer; the host page's console stays clean
      .build();

    this.connection.on('MessageReceived', (m: MessageDto) => this.merge([m]));
    this.connection.on('ConversationStatusChanged', (status: string) => this.showStatus(status));
    this.connection.on('Read', (seq: number) => {
      this.readSeq = Math.max(this.readSeq, seq);
      this.redraw(0);
    });
    this.connection.on('Typing', (name: string | null, isTyping: boolean) => this.view.showTyping(name, isTyping));
    this.connection.on('ProactiveMessage', (m: ProactiveMessage) => this.offer(m, false));
    this.connection.onreconnecting(() => this.view.setStatus('Reconnecting…'));
    this.connection.onreconnected(() => void this.resume());
    this.connection.onclose(() => this.scheduleRestart());
    view.onSend = (text) => this.send(text);
    view.onAttach = (file) => void this.upload(file);
    view.baseUrl = baseUrl;
    view.onTyping = (isTyping) => {
      if (this.connection.state === HubConnectionState.Connected && this.conversationId)
        this.connection.send('Typing', isTyping).catch(() => undefined); // best effort: never queued or retried
    };
  }

  async start(): Promise<void> {
    this.view.setStatus('Connecting…');
    try {
      await this.connection.start();
      this.restartAttempt = 0;
      await this.resume();
    } catch {
      this.scheduleRestart();
    }
  }

  send(text: string): void {
    const outbox = this.storage.outbox;
    outbox.push({ clientMessageId: newClientId(), text });
    this.storage.outbox = outbox;
    this.view.showError(null);
    this.redraw(0);
    void this.flush();
  }

  /**
   * Files go over plain HTTP (SignalR is not made for large payloads), proven by the visitor token; the stored
   * message then arrives like any other. A retry reuses the client id, so it is stored once.
   */
  private async upload(file: File): Promise<void> {
    const max = this.inbox?.maxAttachmentBytes ?? 0;
    if (max > 0 && file.size > max) {
      this.view.showError(`Files can be at most ${formatSize(max)}.`);
      return;
    }
    const token = this.storage.token;
    if (!token) {
      this.view.showError('Still connecting; try again in a moment.');
      return;
    }
    const clientMessageId = newClientId();
    this.view.showUploading(file.name);
    try {
      for (let attempt = 1; ; attempt++) {
        const form = new FormData();
        form.append('clientMessageId', clientMessageId);
        form.append('file', file, file.name);
        let response: Response;
        try {
          response = await fetch(`${this.baseUrl}/widget/attachments`, {
            method: 'POST', body: form, headers: { 'X-Visitor-Token': token },
          });
        } catch {
          if (attempt >= 3) throw new Error('Could not upload the file; check your connection.');
          await new Promise((r) => window.setTimeout(r, 1000 * attempt));
          continue;
        }
        if (!response.ok) {
          const problem = await response.json().catch(() => null) as { detail?: string } | null;
          throw new Error(problem?.detail || 'The file could not be sent.');
        }
        const result = await response.json() as SendResult;
        if (result.conversationId) this.enterConversation(result.conversationId);
        this.view.showError(null);
        return;
      }
    } catch (e) {
      this.view.showError(e instanceof Error ? e.message : 'The file could not be sent.');
    } finally {
      this.view.showUploading(null);
    }
  }

  /** After (re)connecting: identify the visitor, then fetch exactly what was missed and resend the outbox. */
  private async resume(): Promise<void> {
    try {
      const session = await this.connection.invoke<WidgetStart>('Start', this.inboxKey, this.storage.token,
        this.identity);
      this.storage.token = session.visitorToken;
      this.inbox = session.inbox;
      this.view.configure(session.inbox, session.customerName);
      if (session.conversationId !== this.conversationId) {
        this.carryCampaigns();
        this.messages.clear();
        this.readSeq = 0;
        this.view.resetConversation();
        this.conversationId = session.conversationId;
        this.started = false;
      }
      this.readSeq = Math.max(this.readSeq, session.readSeq || 0);
      if (!this.started) {
        this.started = true;
        this.merge(session.messages);
      } else {
        const missed = await this.connection.invoke<MessageDto[]>('History', this.lastSeq());
        this.merge(missed);
      }
      this.offer(session.proactive, true); // after the history, so an opened one lands below it
      this.showStatus(session.status);
      if (!session.inbox.isOpen && session.status !== 'Resolved') this.view.setStatus("We're away — we'll reply soon");
      if (!session.inbox.canChat) {
        // Verified visitors only, and this one is not: nothing to ask, nothing to send (the view says why).
      } else if (!session.inbox.isOpen && this.storage.get('away-email') !== '1') {
        // Outside business hours: say so, and keep an address to answer to.
        this.view.showAway(session.inbox.awayMessage,
          (email) => this.connection.invoke('Introduce', null, email),
          () => this.storage.set('away-email', '1'));
      } else if (!session.conversationId && !session.customerName && this.storage.get('introduced') !== '1'
        && this.storage.outbox.length === 0) {
        this.view.showPrechat(
          (name, email) => this.connection.invoke('Introduce', name || null, email || null),
          () => this.storage.set('introduced', '1'));
      }
      await this.flush();
    } catch (e) {
      this.view.setStatus('Offline — retrying…');
      this.view.showError(describe(e));
    }
  }

  private async flush(): Promise<void> {
    if (this.flushing || this.connection.state !== HubConnectionState.Connected || Date.now() < this.holdUntil) return;
    this.flushing = true;
    try {
      for (;;) {
        const next = this.storage.outbox[0];
        if (!next) break;
        try {
          const result = await this.connection.invoke<SendResult>('Send', next.clientMessageId, next.text);
          if (result.wait) {
            // Held back, not refused: the message stays first in the outbox and goes when the server said it may.
            this.view.showError(result.wait, 'info');
            this.holdFor(result.retryAfterSeconds ?? 10);
            return;
          }
          // The reply can name a new conversation (the last one was resolved) before its first message arrives.
          if (result.conversationId) this.enterConversation(result.conversationId);
        } catch (e) {
          if (this.connection.state !== HubConnectionState.Connected) return; // resent after reconnect
          this.view.showError(describe(e)); // refused by the server (e.g. too long): drop it, say why
        }
        this.storage.outbox = this.storage.outbox.filter((p) => p.clientMessageId !== next.clientMessageId);
        this.redraw(0);
      }
    } finally {
      this.flushing = false;
    }
  }

  private holdFor(seconds: number): void {
    this.holdUntil = Date.now() + Math.max(1, seconds) * 1000;
    window.clearTimeout(this.holdTimer);
    this.holdTimer = window.setTimeout(() => {
      this.holdUntil = 0;
      this.view.showError(null);
      void this.flush();
    }, Math.max(1, seconds) * 1000);
  }

  private merge(incoming: MessageDto[]): void {
    let fromOthers = 0;
    for (const m of incoming) {
      this.enterConversation(m.conversationId);
      if (!this.messages.has(m.seq)) {
        this.messages.set(m.seq, m);
        if (m.sender !== 'Customer') fromOthers++;
      }
      if (m.clientMessageId) {
        this.storage.outbox = this.storage.outbox.filter((p) => p.clientMessageId !== m.clientMessageId);
      }
    }
    this.storage.lastSeq = this.lastSeq();
    this.redraw(fromOthers);
  }

  /**
   * Follows the visitor into another conversation (a new one starts after the last was resolved). Sequence numbers
   * and the read position are per conversation, so the old thread is dropped rather than merged with the new one.
   */
  private enterConversation(conversationId: string): void {
    if (conversationId === this.conversationId) return;
    if (this.conversationId) {
      this.carryCampaigns();
      this.messages.clear();
      this.readSeq = 0;
      this.view.resetConversation();
    }
    this.conversationId = conversationId;
  }

  private redraw(newFromOthers: number): void {
    const ordered = Array.from(this.messages.values()).sort((a, b) => a.seq - b.seq);
    const acknowledged = new Set(ordered.map((m) => m.clientMessageId).filter(Boolean));
    const pending = this.storage.outbox.filter((p) => !acknowledged.has(p.clientMessageId));
    this.view.render(ordered, pending, newFromOthers, this.readSeq, this.campaigns);
  }

  /**
   * A campaign's message, from Start or pushed live: in the thread when the chat is open, else a card above the
   * launcher. Campaigns ride along with chat, so nothing here may get in its way.
   * @param fromStart Start runs on a new hub connection, which has forgotten what this page already told the old one.
   */
  private offer(message: ProactiveMessage | null | undefined, fromStart: boolean): void {
    try {
      if (!message || typeof message.campaignId !== 'string' || typeof message.html !== 'string') return;
      const id = message.campaignId;
      if (this.storage.dismissedCampaigns.includes(id)) {
        // Closed here, yet still offered: the server missed the first call, so it hears it again.
        if (fromStart) void this.campaignCall('CampaignDismissed', id);
        return;
      }
      if (this.campaigns.some((c) => c.message.campaignId === id)) {
        // Already in the thread: the new connection must know it was opened, so the next Send counts as the reply.
        if (fromStart) void this.campaignCall('CampaignOpened', id);
        return;
      }
      if (this.offered.has(id)) return; // its card is showing
      if (this.view.isOpen) return this.openCampaign(message);
      if (this.view.showsCard) return; // one card at a time; the server offers the other again at the next start
      this.offered.add(id);
      this.view.showProactive(message, () => this.openCampaign(message), () => this.dismissCampaign(id));
    } catch (e) {
      console.warn('CrmLive widget: could not show a campaign message.', e);
    }
  }

  /** The visitor opened the message (or had the chat open): it joins the thread after what is there now. */
  private openCampaign(message: ProactiveMessage): void {
    this.offered.add(message.campaignId);
    this.campaigns.push({ message, afterSeq: this.lastSeq() });
    this.redraw(0);
    void this.campaignCall('CampaignOpened', message.campaignId);
  }

  private dismissCampaign(campaignId: string): void {
    this.storage.rememberDismissed(campaignId);
    void this.campaignCall('CampaignDismissed', campaignId);
  }

  /** Best effort: a failed campaign call is logged for the host page's developers and never touches the chat. */
  private async campaignCall(method: 'CampaignOpened' | 'CampaignDismissed', campaignId: string): Promise<void> {
    try {
      await this.connection.invoke(method, campaignId);
    } catch (e) {
      console.warn(`CrmLive widget: ${method} failed.`, e);
    }
  }

  /**
   * Before the thread switches to another conversation: a campaign message nobody wrote after is what the new one
   * answers, so it moves to its top; one already answered leaves with the old thread.
   */
  private carryCampaigns(): void {
    const last = this.lastSeq();
    this.campaigns = this.campaigns.filter((c) => c.afterSeq >= last).map((c) => ({ ...c, afterSeq: 0 }));
  }

  private lastSeq(): number {
    let max = 0;
    this.messages.forEach((_, seq) => { if (seq > max) max = seq; });
    return max;
  }

  private showStatus(status: string | null): void {
    if (status === 'Resolved' && this.conversationId) {
      const conversationId = this.conversationId;
      this.view.setStatus('This conversation is resolved');
      this.view.showNotice(null);
      this.view.showRating((score, comment) => this.connection.invoke('Rate', conversationId, score, comment || null));
      return;
    }
    this.view.setStatus(status === 'Open' ? 'You are chatting with our team' : 'We usually reply in a few minutes');
    this.view.showNotice(status === 'WaitingForAgent' ? 'An agent will be with you shortly.' : null);
  }

  /** Automatic reconnect gives up after its schedule; keep trying, more slowly, for as long as the page is open. */
  private scheduleRestart(): void {
    const delay = Math.min(60000, 2000 * 2 ** Math.min(this.restartAttempt++, 5));
    this.view.setStatus('Offline — retrying…');
    window.setTimeout(() => void this.start(), delay);
  }
}

function describe(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  const i = text.indexOf('HubException: ');
  return i >= 0 ? text.slice(i + 'HubException: '.length) : 'Could not reach the chat service; retrying.';
}
