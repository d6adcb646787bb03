import { styles } from './styles';
import { AttachmentDto, InboxSettings, MessageDto, PendingMessage, ProactiveMessage, ThreadCampaign } from './types';

const chatIcon =
  '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-4.4 3.5A1 1 0 0 1 3 20.7V6a2 2 0 0 1 1-2z"/></svg>';
const clipIcon = '<svg viewBox="0 0 24 24" width="20" height="20" fill="currentColor" aria-hidden="true"><path d="M16.5 6.5v10a4.5 4.5 0 0 1-9 0V5a3 3 0 0 1 6 0v10.5a1.5 1.5 0 0 1-3 0V6.5H9v9a3 3 0 0 0 6 0V5a4.5 4.5 0 0 0-9 0v11.5a6 6 0 0 0 12 0v-10z"/></svg>';
const closeIcon = '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M6.4 5 12 10.6 17.6 5 19 6.4 13.4 12l5.6 5.6-1.4 1.4L12 13.4 6.4 19 5 17.6 10.6 12 5 6.4z"/></svg>';

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, testId?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (testId) node.setAttribute('data-testid', testId);
  return node;
}

function button(className: string, testId: string, text: string): HTMLButtonElement {
  const b = el('button', className, testId);
  b.type = 'button';
  b.textContent = text;
  return b;
}

function emailField(testId: string, placeholder: string): HTMLInputElement {
  const input = el('input', 'field', testId);
  input.placeholder = placeholder;
  input.type = 'email';
  input.maxLength = 254;
  input.autocomplete = 'email';
  return input;
}

/** The widget's screen, inside a shadow root. Message text is always set with textContent, never parsed as HTML. */
export class WidgetView {
  private readonly panel: HTMLDivElement;
  private readonly launcher: HTMLButtonElement;
  private readonly badge: HTMLSpanElement;
  private readonly list: HTMLDivElement;
  private readonly statusLine: HTMLDivElement;
  private readonly input: HTMLTextAreaElement;
  private readonly sendButton: HTMLButtonElement;
  private readonly error: HTMLDivElement;
  private readonly notice: HTMLDivElement;
  private unread = 0;
  private readonly seen = new Set<number>();

  onSend: (text: string) => void = () => {};
  onTyping: (isTyping: boolean) => void = () => {};
  private readonly typing: HTMLDivElement;
  private readonly rating: HTMLDivElement;
  private readonly prechat: HTMLDivElement;
  private typingTimer: number | undefined;
  private idleTimer: number | undefined;
  private typingSentAt = 0;
  onOpen: () => void = () => {};
  onAttach: (file: File) => void = () => {};
  /** CrmLive's origin: file links in messages are relative to it, not to the host page. */
  baseUrl = '';
  private readonly attachButton: HTMLButtonElement;
  private readonly fileInput: HTMLInputElement;
  private readonly uploading: HTMLDivElement;
  private readonly away: HTMLDivElement;
  private readonly title: HTMLDivElement;
  private readonly host: HTMLElement;
  private readonly locked: HTMLDivElement;
  /** A campaign's message while the chat is closed, and what opening it does. */
  private card: HTMLDivElement | null = null;
  private openCard: (() => void) | null = null;
  private greeting = 'Hi! 👋 Ask us anything — our assistant answers right away, and a person takes over when needed.';

  constructor(host: HTMLElement) {
    this.host = host;
    const root = host.attachShadow({ mode: 'open' });
    const style = el('style');
    style.textContent = styles;
    root.appendChild(style);

    this.launcher = el('button', 'launcher', 'crm-launcher');
    this.launcher.type = 'button';
    this.launcher.setAttribute('aria-label', 'Open chat');
    this.launcher.innerHTML = chatIcon;
    this.badge = el('span', 'badge');
    this.launcher.appendChild(this.badge);
    this.launcher.addEventListener('click', () => this.toggle());

    this.panel = el('div', 'panel', 'crm-panel');
    this.panel.setAttribute('role', 'dialog');
    this.panel.setAttribute('aria-label', 'Chat');

    const header = el('div', 'header');
    const titles = el('div', 'titles');
    this.title = el('div', 'title');
    this.title.textContent = 'Chat with us';
    this.statusLine = el('div', 'status', 'crm-status');
    this.statusLine.textContent = 'Connecting…';
    titles.append(this.title, this.statusLine);
    const close = el('button', 'close');
    close.type = 'button';
    close.setAttribute('aria-label', 'Close chat');
    close.innerHTML = closeIcon.replace('<svg', '<svg width="18" height="18" fill="currentColor"');
    close.addEventListener('click', () => this.toggle(false));
    header.append(titles, close);

    this.list = el('div', 'messages', 'crm-messages');
    this.list.setAttribute('aria-live', 'polite');
    this.list.appendChild(this.emptyState());
    this.notice = el('div', 'notice', 'crm-notice');
    this.typing = el('div', 'typing', 'crm-typing');
    this.rating = el('div', 'rating', 'crm-rating');
    this.prechat = el('div', 'rating prechat', 'crm-prechat');
    this.uploading = el('div', 'typing', 'crm-uploading');
    this.away = el('div', 'rating prechat away', 'crm-away');

    this.error = el('div', 'error', 'crm-error');
    const composer = el('div', 'composer');
    this.input = el('textarea', undefined, 'crm-input');
    this.input.rows = 1;
    this.input.maxLength = 4000;
    this.input.placeholder = 'Type a message…';
    this.input.setAttribute('aria-label', 'Message');
    this.input.addEventListener('input', () => this.noteTyping());
    this.input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        this.submit();
      }
    });
    this.sendButton = el('button', 'send', 'crm-send');
    this.sendButton.type = 'button';
    this.sendButton.textContent = 'Send';
    this.sendButton.addEventListener('click', () => this.submit());
    this.fileInput = el('input', 'hidden', 'crm-file');
    this.fileInput.type = 'file';
    this.fileInput.addEventListener('change', () => {
      const file = this.fileInput.files?.[0];
      this.fileInput.value = '';
      if (file) this.onAttach(file);
    });
    this.attachButton = el('button', 'attach', 'crm-attach');
    this.attachButton.type = 'button';
    this.attachButton.setAttribute('aria-label', 'Attach a file');
    this.attachButton.title = 'Attach a file';
    this.attachButton.innerHTML = clipIcon;
    this.attachButton.addEventListener('click', () => this.fileInput.click());
    composer.append(this.attachButton, this.fileInput, this.input, this.sendButton);

    this.locked = el('div', 'locked', 'crm-locked');
    this.locked.hidden = true;
    this.panel.append(header, this.list, this.locked, this.error, composer);
    root.append(this.panel, this.launcher);
  }

  get isOpen(): boolean {
    return this.panel.classList.contains('open');
  }

  toggle(open = !this.isOpen): void {
    this.panel.classList.toggle('open', open);
    this.launcher.classList.toggle('hidden-mobile', open);
    this.launcher.setAttribute('aria-label', open ? 'Close chat' : 'Open chat');
    if (open) {
      this.unread = 0;
      this.renderBadge();
      this.takeCard()?.(); // however the chat opens, a waiting campaign message is read in the thread
      this.scrollToEnd();
      this.input.focus();
      this.onOpen();
    }
  }

  /** What the inbox allows, and who the visitor is when the host page vouched for them. */
  configure(inbox: InboxSettings, customerName: string | null): void {
    this.attachButton.hidden = inbox.attachmentTypes.length === 0;
    this.fileInput.accept = inbox.attachmentTypes.join(',');
    this.title.textContent = customerName ? `Hi ${customerName.split(' ')[0]}, chat with us` : 'Chat with us';
    if (inbox.greeting) this.greeting = inbox.greeting;
    this.list.querySelectorAll('.empty').forEach((e) => { e.textContent = this.greeting; });
    // The colour is a checked #rrggbb from the server; the side is one of two words.
    if (/^#[0-9a-f]{6}$/i.test(inbox.color)) this.host.style.setProperty('--crm-accent', inbox.color);
    const left = inbox.position === 'left';
    this.panel.classList.toggle('left', left);
    this.launcher.classList.toggle('left', left);
    this.card?.classList.toggle('left', left);
    this.setCanChat(inbox.canChat);
  }

  get showsCard(): boolean {
    return this.card !== null;
  }

  /**
   * A campaign's message while the chat is closed: a card above the launcher, counted as one unread message.
   * Clicking it (or Reply) opens the chat with the message in the thread; × closes it for good.
   */
  showProactive(message: ProactiveMessage, open: () => void, dismiss: () => void): void {
    const { from, html } = message;
    const card = el('div', 'proactive', 'crm-proactive');
    card.classList.toggle('left', this.launcher.classList.contains('left'));
    card.setAttribute('role', 'region');
    card.setAttribute('aria-label', `Message from ${from}`);
    card.setAttribute('aria-live', 'polite');
    // Reply's click bubbles here too; a link in the message keeps its own behaviour.
    card.addEventListener('click', (e) => {
      if (!(e.target instanceof Element && e.target.closest('a'))) this.toggle(true);
    });
    const close = el('button', 'proactive-close', 'crm-proactive-close');
    close.type = 'button';
    close.setAttribute('aria-label', 'Close message');
    close.innerHTML = closeIcon.replace('<svg', '<svg width="16" height="16" fill="currentColor"');
    close.addEventListener('click', (e) => {
      e.stopPropagation();
      this.takeCard();
      this.unread = Math.max(0, this.unread - 1);
      this.renderBadge();
      dismiss();
    });
    const who = el('div', 'proactive-from');
    who.textContent = from;
    const body = el('div', 'proactive-body rich');
    body.innerHTML = html; // the server's sanitized rendering, as in a message bubble
    const actions = el('div', 'proactive-actions');
    actions.appendChild(button('send', 'crm-proactive-reply', 'Reply'));
    // Attached before it is filled, so screen readers announce the content as it appears in the live region.
    this.launcher.before(card);
    card.append(close, who, body, actions);
    body.classList.toggle('clamped', body.scrollHeight > body.clientHeight + 1); // fade only what is cut off
    this.card = card;
    this.openCard = open;
    this.unread++;
    this.renderBadge();
  }

  /** Removes the card, if any, and hands back what opening it would have done. */
  private takeCard(): (() => void) | null {
    const open = this.openCard;
    this.card?.remove();
    this.card = null;
    this.openCard = null;
    return open;
  }

  /** An inbox for verified visitors only: an unsigned visitor reads why, and cannot write. */
  private setCanChat(canChat: boolean): void {
    this.input.disabled = !canChat;
    this.sendButton.disabled = !canChat;
    this.attachButton.disabled = !canChat;
    this.input.placeholder = canChat ? 'Type a message…' : 'Sign in to chat with us';
    this.locked.textContent = 'This chat is for signed-in customers. Please sign in to your account to chat with us.';
    this.locked.hidden = canChat;
  }

  private emptyState(): HTMLDivElement {
    const empty = el('div', 'empty');
    empty.textContent = this.greeting;
    return empty;
  }

  showUploading(fileName: string | null): void {
    if (!fileName) {
      this.uploading.remove();
      return;
    }
    this.uploading.textContent = `Uploading ${fileName}…`;
    this.list.appendChild(this.uploading);
    this.scrollToEnd();
  }

  /** Outside business hours: the away message and an e-mail field, so the team can answer later. */
  showAway(message: string, submit: (email: string) => Promise<void>, done: () => void): void {
    this.away.replaceChildren();
    const text = el('div', 'away-text', 'crm-away-message');
    text.textContent = message;
    const email = emailField('crm-away-email', 'Your e-mail address');
    const save = button('send', 'crm-away-submit', 'Notify me');
    save.addEventListener('click', async () => {
      if (!email.value.trim()) return;
      save.disabled = true;
      try {
        await submit(email.value);
        const thanks = el('div', 'away-text', 'crm-away-thanks');
        thanks.textContent = `Thanks! We'll reply to ${email.value.trim()} — you can also leave your message below.`;
        this.away.replaceChildren(thanks);
        this.showError(null);
        done();
      } catch (e) {
        save.disabled = false;
        this.showError(e instanceof Error ? e.message.replace(/^.*HubException: /, '') : 'Could not save your e-mail.');
      }
    });
    const row = el('div', 'actions');
    row.append(email, save);
    this.away.append(text, row);
    this.list.querySelectorAll('.empty').forEach((e) => e.remove()); // the away message greets instead
    this.list.appendChild(this.away);
    this.scrollToEnd();
  }

  /** "Sofia is typing…" until the agent stops, sends, or a few quiet seconds pass. */
  showTyping(name: string | null, isTyping: boolean): void {
    window.clearTimeout(this.typingTimer);
    if (!isTyping) {
      this.typing.remove();
      return;
    }
    this.typing.textContent = `${name || 'Support'} is typing…`;
    this.list.appendChild(this.typing);
    this.scrollToEnd();
    this.typingTimer = window.setTimeout(() => this.typing.remove(), 6000);
  }

  private prechatWanted = false;

  /** The optional pre-chat form: name and e-mail, or skip. Shown before the first message only. */
  showPrechat(submit: (name: string, email: string) => Promise<void>, done: () => void): void {
    this.prechatWanted = true;
    this.prechat.replaceChildren();
    const title = el('div', 'rate-title');
    title.textContent = 'Before we start — who are we talking to?';
    const name = el('input', 'field', 'crm-prechat-name');
    name.placeholder = 'Your name';
    name.maxLength = 100;
    name.autocomplete = 'name';
    const email = emailField('crm-prechat-email', 'E-mail, so we can follow up');
    const actions = el('div', 'actions');
    const skip = el('button', 'link', 'crm-prechat-skip');
    skip.type = 'button';
    skip.textContent = 'Skip';
    const go = el('button', 'send', 'crm-prechat-submit');
    go.type = 'button';
    go.textContent = 'Start chat';
    const close = () => {
      this.prechatWanted = false;
      this.prechat.remove();
      done();
    };
    skip.addEventListener('click', close);
    go.addEventListener('click', async () => {
      if (!name.value.trim() && !email.value.trim()) return close();
      go.disabled = true;
      try {
        await submit(name.value, email.value);
        this.showError(null);
        close();
        this.input.focus();
      } catch (e) {
        go.disabled = false;
        this.showError(e instanceof Error ? e.message.replace(/^.*HubException: /, '') : 'Could not save your details.');
      }
    });
    actions.append(skip, go);
    this.prechat.append(title, name, email, actions);
    this.list.appendChild(this.prechat);
  }

  /** A new conversation began (the last one was resolved): forget the old one's rating and typing state. */
  resetConversation(): void {
    this.rating.remove();
    this.typing.remove();
    this.seen.clear();
  }

  /** After the team resolves the chat: 1–5 stars and an optional comment, sent once. */
  showRating(send: (score: number, comment: string) => Promise<void>): void {
    if (this.rating.isConnected) return;
    this.rating.replaceChildren();
    const title = el('div', 'rate-title');
    title.textContent = 'How did we do?';
    const stars = el('div', 'rate-stars');
    let score = 0;
    const buttons: HTMLButtonElement[] = [];
    for (let i = 1; i <= 5; i++) {
      const b = el('button', 'star', `crm-rate-${i}`);
      b.type = 'button';
      b.textContent = '★';
      b.setAttribute('aria-label', `${i} out of 5`);
      b.addEventListener('click', () => {
        score = i;
        buttons.forEach((x, j) => x.classList.toggle('on', j < i));
        submit.disabled = false;
      });
      buttons.push(b);
      stars.appendChild(b);
    }
    const comment = el('textarea', 'rate-comment', 'crm-rate-comment');
    comment.rows = 2;
    comment.maxLength = 1000;
    comment.placeholder = 'Anything we could do better? (optional)';
    const submit = el('button', 'send', 'crm-rate-send');
    submit.type = 'button';
    submit.textContent = 'Send rating';
    submit.disabled = true;
    submit.addEventListener('click', async () => {
      submit.disabled = true;
      try {
        await send(score, comment.value);
        const thanks = el('div', 'rate-title', 'crm-rate-thanks');
        thanks.textContent = 'Thank you for your feedback!';
        this.rating.replaceChildren(thanks);
      } catch (e) {
        submit.disabled = false;
        this.showError(e instanceof Error ? e.message.replace(/^.*HubException: /, '') : 'Could not send the rating.');
      }
    });
    this.rating.append(title, stars, comment, submit);
    this.list.appendChild(this.rating);
    this.scrollToEnd();
  }

  setStatus(text: string): void {
    this.statusLine.textContent = text;
  }

  /** One line above the composer: an error (red), or with tone 'info' news that needs no action (a held message). */
  showError(text: string | null, tone: 'error' | 'info' = 'error'): void {
    this.error.textContent = text ?? '';
    this.error.classList.toggle('show', !!text);
    this.error.classList.toggle('info', !!text && tone === 'info');
  }

  showNotice(text: string | null): void {
    if (!text) {
      this.notice.remove();
      return;
    }
    this.notice.textContent = text;
    this.list.appendChild(this.notice);
    this.scrollToEnd();
  }

  /** Redraws the conversation: acknowledged messages in sequence order, then what is still being sent. */
  render(messages: MessageDto[], pending: PendingMessage[], newFromOthers: number, readSeq: number,
    campaigns: ThreadCampaign[] = []): void {
    const keepNotice = this.notice.isConnected ? this.notice : null;
    const keepTyping = this.typing.isConnected && !messages.some((m) => m.sender === 'Agent' && !this.seen.has(m.seq))
      ? this.typing : null;
    messages.forEach((m) => this.seen.add(m.seq));
    const keepRating = this.rating.isConnected ? this.rating : null;
    const keepAway = this.away.isConnected ? this.away : null;
    const keepUploading = this.uploading.isConnected ? this.uploading : null;
    this.list.replaceChildren();
    if (messages.length === 0 && pending.length === 0 && campaigns.length === 0 && !keepAway) {
      this.list.appendChild(this.emptyState());
    }
    if (keepAway) this.list.appendChild(keepAway);
    // Campaign messages go between the messages around them, by the sequence number they were opened after.
    const queued = campaigns.slice().sort((a, b) => a.afterSeq - b.afterSeq);
    for (const m of messages) {
      while (queued.length > 0 && queued[0].afterSeq < m.seq) this.list.appendChild(this.campaignBubble(queued.shift()!));
      this.list.appendChild(this.bubble(m.sender, m.text, m.authorName, m.seq, false, m.html, m.attachment));
    }
    for (const c of queued) this.list.appendChild(this.campaignBubble(c));
    for (const p of pending) this.list.appendChild(this.bubble('Customer', p.text, null, null, true, null));
    this.appendReceipt(messages, pending, readSeq);
    if (this.prechatWanted && messages.length === 0 && pending.length === 0) this.list.appendChild(this.prechat);
    if (keepNotice) this.list.appendChild(keepNotice);
    if (keepRating) this.list.appendChild(keepRating);
    if (keepTyping) this.list.appendChild(keepTyping);
    if (keepUploading) this.list.appendChild(keepUploading);
    if (!this.isOpen && newFromOthers > 0) {
      this.unread += newFromOthers;
      this.renderBadge();
    }
    this.scrollToEnd();
  }

  /** "Sending…", "Sent" or "Read" under the customer's latest message, as a messenger shows it. */
  private appendReceipt(messages: MessageDto[], pending: PendingMessage[], readSeq: number): void {
    let text: string | null = null;
    if (pending.length > 0) text = 'Sending…';
    else {
      const mine = messages.filter((m) => m.sender === 'Customer');
      const last = mine[mine.length - 1];
      if (last) text = last.seq <= readSeq ? 'Read' : 'Sent';
    }
    if (!text) return;
    const receipt = el('div', 'receipt', 'crm-receipt');
    receipt.textContent = text;
    this.list.appendChild(receipt);
  }

  private bubble(sender: string, text: string, author: string | null, seq: number | null, pending: boolean,
    html: string | null, attachment: AttachmentDto | null = null): HTMLElement {
    const mine = sender === 'Customer';
    const wrap = el('div', `msg ${mine ? 'mine' : sender === 'System' ? 'system' : 'theirs'}${pending ? ' pending' : ''}`, 'crm-message');
    wrap.setAttribute('data-sender', sender);
    if (seq !== null) wrap.setAttribute('data-seq', String(seq));
    if (pending) wrap.setAttribute('data-pending', 'true');
    if (!mine && sender !== 'System') {
      const who = el('div', 'who');
      who.textContent = sender === 'Bot' ? 'Bot' : author || 'Support';
      wrap.appendChild(who);
    }
    const body = el('div', html ? 'bubble rich' : 'bubble');
    // Only the server's sanitized rendering is ever parsed as HTML; anything else is set as text.
    if (attachment) body.appendChild(this.file(attachment));
    else if (html) body.innerHTML = html;
    else body.textContent = text;
    wrap.appendChild(body);
    return wrap;
  }

  /** A campaign message reads like any reply from the team. */
  private campaignBubble(c: ThreadCampaign): HTMLElement {
    const wrap = this.bubble('Agent', '', c.message.from, null, false, c.message.html);
    wrap.setAttribute('data-campaign-id', c.message.campaignId);
    return wrap;
  }

  /** An image shows as a picture; any other file as a download link with its size. */
  private file(a: AttachmentDto): HTMLElement {
    const link = el('a', a.isImage ? 'file image' : 'file', 'crm-attachment');
    link.href = this.baseUrl + a.path;
    link.target = '_blank';
    link.rel = 'noopener noreferrer';
    if (a.isImage) {
      const img = el('img');
      img.src = link.href;
      img.alt = a.fileName;
      img.loading = 'lazy';
      img.addEventListener('load', () => this.scrollToEnd(), { once: true });
      link.appendChild(img);
    } else {
      link.setAttribute('download', a.fileName);
      const name = el('span', 'file-name');
      name.innerHTML = clipIcon.replace('width="20" height="20"', 'width="14" height="14"'); // our own markup
      name.append(document.createTextNode(` ${a.fileName}`)); // the file name stays text
      const size = el('span', 'file-size');
      size.textContent = formatSize(a.length);
      link.append(name, size);
    }
    return link;
  }

  private submit(): void {
    const text = this.input.value.trim();
    if (!text) return;
    this.input.value = '';
    this.stopTyping();
    this.onSend(text);
  }

  /** Tells the team the customer is typing: at most every 3 s while keys move, and "stopped" after 4 s idle. */
  private noteTyping(): void {
    const now = Date.now();
    if (now - this.typingSentAt > 3000) {
      this.typingSentAt = now;
      this.onTyping(true);
    }
    window.clearTimeout(this.idleTimer);
    this.idleTimer = window.setTimeout(() => this.stopTyping(), 4000);
  }

  private stopTyping(): void {
    window.clearTimeout(this.idleTimer);
    if (this.typingSentAt === 0) return;
    this.typingSentAt = 0;
    this.onTyping(false);
  }

  private renderBadge(): void {
    this.badge.textContent = this.unread > 9 ? '9+' : String(this.unread);
    this.badge.classList.toggle('show', this.unread > 0);
  }

  private scrollToEnd(): void {
    this.list.scrollTop = this.list.scrollHeight;
  }
}

export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round(bytes / 1024 / 102.4) / 10} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 102.4) / 10} KB`;
  return `${bytes} bytes`;
}
