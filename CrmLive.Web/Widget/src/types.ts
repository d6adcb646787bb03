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
}

export interface WidgetStart {
  visitorToken: string;
  conversationId: string | null;
  lastSeq: number;
  status: string | null;
  messages: MessageDto[];
  /** The team has read the conversation up to this sequence number. */
  readSeq: number;
}

export interface SendResult {
  conversationId: string;
  seq: number;
  duplicate: boolean;
}

/** A message typed by the customer that the server has not acknowledged yet. */
export interface PendingMessage {
  clientMessageId: string;
  text: string;
}
