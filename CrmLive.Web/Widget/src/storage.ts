import { PendingMessage } from './types';

/** Local storage scoped to one inbox; falls back to memory where storage is blocked (private modes, iframes). */
export class WidgetStorage {
  private readonly memory = new Map<string, string>();

  constructor(private readonly inboxKey: string) {}

  private key(name: string): string {
    return `crmlive:${this.inboxKey}:${name}`;
  }

  get(name: string): string | null {
    try {
      return window.localStorage.getItem(this.key(name));
    } catch {
      return this.memory.get(name) ?? null;
    }
  }

  set(name: string, value: string): void {
    try {
      window.localStorage.setItem(this.key(name), value);
    } catch {
      this.memory.set(name, value);
    }
  }

  get token(): string | null { return this.get('token'); }
  set token(value: string | null) { if (value) this.set('token', value); }

  get lastSeq(): number { return Number(this.get('lastSeq') ?? 0) || 0; }
  set lastSeq(value: number) { this.set('lastSeq', String(value)); }

  get outbox(): PendingMessage[] {
    try {
      const parsed = JSON.parse(this.get('outbox') ?? '[]');
      return Array.isArray(parsed) ? parsed.filter((p) => p && typeof p.clientMessageId === 'string') : [];
    } catch {
      return [];
    }
  }

  set outbox(value: PendingMessage[]) { this.set('outbox', JSON.stringify(value)); }

  /** Campaign messages closed here: remembered so a reload does not flash one the server has not forgotten yet. */
  get dismissedCampaigns(): string[] {
    try {
      const parsed = JSON.parse(this.get('dismissed') ?? '[]');
      return Array.isArray(parsed) ? parsed.filter((id) => typeof id === 'string') : [];
    } catch {
      return [];
    }
  }

  rememberDismissed(campaignId: string): void {
    // The last few are enough: the server stops offering a closed campaign once it hears of it.
    const ids = this.dismissedCampaigns.filter((id) => id !== campaignId);
    this.set('dismissed', JSON.stringify([...ids, campaignId].slice(-20)));
  }
}

export function newClientId(): string {
  const c = (window as any).crypto;
  if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  const bytes = new Uint8Array(16);
  if (c && c.getRandomValues) c.getRandomValues(bytes);
  else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
