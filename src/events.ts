/** The providers this library decodes. */
export type ProviderName = 'lingdong' | 'sendpulse';

/** Every provider this library decodes, in detection order. */
export const PROVIDER_NAMES: readonly ProviderName[] = ['lingdong', 'sendpulse'];

/** The kinds of {@link EmailEvent}, the values of its `type`. */
export type EmailEventType =
  | 'delivered'
  | 'bounced'
  | 'opened'
  | 'clicked'
  | 'unsubscribed'
  | 'complained'
  | 'subscribed'
  | 'unknown';

/** The receiving server's SMTP reply, as far as the provider reported it. */
export interface SmtpReply {
  /** Basic reply code, e.g. `250` or `554`. */
  code?: number;
  /** RFC 3463 enhanced status code, e.g. `'5.1.2'`. */
  enhancedStatus?: string;
  /** The reply or diagnostic text. */
  text?: string;
}

/** Where the recipient was when they acted, as the provider located their IP address. */
export interface GeoLocation {
  country?: string;
  region?: string;
  city?: string;
  latitude?: number;
  longitude?: number;
}

/** The recipient's mail client, as the provider recognised it. */
export interface EmailClient {
  /** Client or browser name, e.g. `'Chrome'`. */
  name?: string;
  /** Operating system, e.g. `'Windows 7'`. */
  platform?: string;
  /** Device kind, e.g. `'mobile'`. */
  device?: string;
}

/** How final a bounce is: `hard` (do not send again), `soft` (temporary) or `undetermined`. */
export type BounceKind = 'hard' | 'soft' | 'undetermined';

/** The fields every event has. */
export interface BaseEvent {
  /** Which provider sent the event. */
  provider: ProviderName;
  /**
   * The provider's event id as its exact decimal digits; where the provider gives none, a key derived
   * deterministically from the item (16 hex digits), so a redelivered event gets the same id. Deduplicate on it.
   */
  id: string;
  /** The recipient's address: trimmed, domain lower-cased. */
  recipient: string;
  /** When it happened, as a true UTC instant; `undefined` when the provider sent no time. */
  occurredAt: Date | undefined;
  /** The provider's id of the message the event is about. */
  messageId?: string;
  /** The sender address of that message. */
  sender?: string;
  /** The subject of that message. */
  subject?: string;
  /** The campaign: Lingdong's campaign name, SendPulse's `task_id`. */
  campaign?: string;
  /** The provider's original item, big ids as exact strings, for anything not normalized. */
  raw: Record<string, unknown>;
}

/** Where the recipient acted from: IP, location and client. */
export interface ActivityFields {
  ip?: string;
  geo?: GeoLocation;
  client?: EmailClient;
}

/** The receiving server accepted the message. */
export interface DeliveredEvent extends BaseEvent {
  type: 'delivered';
  smtp?: SmtpReply;
}

/** The message could not be delivered. */
export interface BouncedEvent extends BaseEvent {
  type: 'bounced';
  bounce: BounceKind;
  smtp?: SmtpReply;
}

/** The recipient opened the message. */
export interface OpenedEvent extends BaseEvent, ActivityFields {
  type: 'opened';
}

/** The recipient clicked a link. */
export interface ClickedEvent extends BaseEvent, ActivityFields {
  type: 'clicked';
  /** The link clicked, when the provider says which. */
  url?: string;
}

/** The recipient unsubscribed. */
export interface UnsubscribedEvent extends BaseEvent, ActivityFields {
  type: 'unsubscribed';
  /** The recipient's or provider's stated reason. */
  reason?: string;
  /** Lingdong: `esp` (via the ESP's link) or `isp` (reported by the mailbox provider). */
  source?: string;
}

/** The recipient (or their mailbox provider) marked the message as spam. */
export interface ComplainedEvent extends BaseEvent, ActivityFields {
  type: 'complained';
  reason?: string;
  source?: string;
}

/** The address was (re)subscribed or added to a list. */
export interface SubscribedEvent extends BaseEvent {
  type: 'subscribed';
  source?: string;
}

/**
 * An event of a kind this library does not (yet) know. It is passed through, never dropped:
 * `providerEvent` names it, `raw` holds it whole.
 */
export interface UnknownEvent extends Omit<BaseEvent, 'recipient'> {
  type: 'unknown';
  /** The provider's name for the event: a SendPulse `event`, a Lingdong group or delivery status. */
  providerEvent: string;
  /** The recipient, when the item names a readable one. */
  recipient?: string;
}

/** A normalized email event; narrow on `type`. */
export type EmailEvent =
  | DeliveredEvent
  | BouncedEvent
  | OpenedEvent
  | ClickedEvent
  | UnsubscribedEvent
  | ComplainedEvent
  | SubscribedEvent
  | UnknownEvent;

/** The event of one `type`: `EmailEventOf<'bounced'>` is {@link BouncedEvent}. */
export type EmailEventOf<T extends EmailEventType> = Extract<EmailEvent, { type: T }>;
