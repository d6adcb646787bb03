export type Sender = 'Customer' | 'Bot' | 'Agent' | 'System';

export interface MessageDto {
  conversationId: string;
  seq: number;
  sender: Sender;
  authorName: string | null;
  text: string;
  /** Server-rendered, sanitized Markdown for team and bot replies; null for the customer's own words. */
  html: string | null;
  clientMessageId: string | null;
  createdAt: string;
  /** A file; its path holds the key that lets only this conversation's parties fetch it. */
  attachment: AttachmentDto | null;
}

export interface AttachmentDto {
  path: string;
  fileName: string;
  contentType: string;
  length: number;
  isImage: boolean;
}

export interface InboxSettings {
  isOpen: boolean;
  awayMessage: string;
  attachmentTypes: string[];
  maxAttachmentBytes: number;
  /** The inbox's first line to a visitor (plain text). */
  greeting: string;
  /** Accent colour, #rrggbb. */
  color: string;
  position: 'right' | 'left';
  /** False in a verified-visitors-only inbox for a visitor the host page did not vouch for. */
  canChat: boolean;
}

/** The host page's signed-in user, vouched for by its server with the inbox secret. */
export interface WidgetIdentity {
  userId: string;
  signature: string;
}

export interface WidgetStart {
  visitorToken: string;
  conversationId: string | null;
  lastSeq: number;
  status: string | null;
  messages: MessageDto[];
  /** The team has read the conversation up to this sequence number. */
  readSeq: number;
  inbox: InboxSettings;
  /** Set when a valid signed identity linked this chat to a known customer. */
  customerName: string | null;
  /** A campaign's message for this customer, offered until they close or answer it. */
  proactive?: ProactiveMessage | null;
}

/** A campaign's message; `html` is the server's sanitized rendering, like a message's. */
export interface ProactiveMessage {
  campaignId: string;
  html: string;
  from: string;
  sentAt: string;
}

/** A campaign message the visitor opened, shown in the thread after the message with this sequence number (0: first). */
export interface ThreadCampaign {
  message: ProactiveMessage;
  afterSeq: number;
}

export interface SendResult {
  /** Null when the message was held back (see wait). */
  conversationId: string | null;
  seq: number;
  duplicate: boolean;
  /** Why the message must wait; the widget keeps it and sends it after retryAfterSeconds. */
  wait?: string | null;
  retryAfterSeconds?: number;
}

/** A message typed by the customer that the server has not acknowledged yet. */
export interface PendingMessage {
  clientMessageId: string;
  text: string;
}
