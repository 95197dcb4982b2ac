import type { BuiltInProviderName } from './providers/registry.js';

/**
 * The name of the provider that sent an event: one of the built-in providers (`'lingdong'`, `'sendpulse'`, ...,
 * derived from the registry), or the name of a provider of your own (see `defineProvider`).
 */
export type ProviderName = BuiltInProviderName | (string & Record<never, never>);

/** The kinds of {@link EmailEvent}, the values of its `type`. */
export type EmailEventType =
  | 'queued'
  | 'deferred'
  | 'rejected'
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
  /** Country name or code as the provider gives it, e.g. `'中国'` or `'US'`. */
  country?: string;
  /** Region, province or state. */
  region?: string;
  /** City. */
  city?: string;
  /** Latitude in degrees, -90 to 90. */
  latitude?: number;
  /** Longitude in degrees, -180 to 180. */
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
  /** Client or browser version, e.g. `'120.0'`. */
  version?: string;
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
  /** The message's tags or categories (SendGrid `category`, Mailgun `tags`, Postmark `Tag`, Resend `tags`). */
  tags?: string[];
  /** The sender's own data attached to the message (custom args, user variables, Postmark `Metadata`). */
  metadata?: Record<string, string>;
  /** The mailing list or suppression group: SendPulse `book_id`, SendGrid `asm_group_id`. */
  listId?: string;
  /** The provider's own description of what happened (SendPulse `status_explain`, Mailgun delivery description). */
  description?: string;
  /** The provider's original item, big ids as exact strings, for anything not normalized. */
  raw: Record<string, unknown>;
}

/** Where the recipient acted from: IP, location and client. */
export interface ActivityFields {
  /** The recipient's IP address, as the provider saw it. */
  ip?: string;
  /** Where that IP address is, as the provider located it. */
  geo?: GeoLocation;
  /** The mail client or browser, as the provider recognised it. */
  client?: EmailClient;
  /** The client's `User-Agent` header, as the provider recorded it. */
  userAgent?: string;
}

/** The provider accepted the message and will try to send it. */
export interface QueuedEvent extends BaseEvent {
  /** Discriminant: narrow on it. */
  type: 'queued';
}

/** A temporary failure: the provider will try again. */
export interface DeferredEvent extends BaseEvent {
  /** Discriminant: narrow on it. */
  type: 'deferred';
  /** The receiving server's reply, as far as the provider reported it. */
  smtp?: SmtpReply;
  /** Why, in the provider's words. */
  reason?: string;
}

/** The provider refused or dropped the message without trying to deliver it (suppressed, invalid, ...). */
export interface RejectedEvent extends BaseEvent {
  /** Discriminant: narrow on it. */
  type: 'rejected';
  /** Why, in the provider's words (`Bounced Address`, `suppress-bounce`, ...). */
  reason?: string;
}

/** The receiving server accepted the message. */
export interface DeliveredEvent extends BaseEvent {
  /** Discriminant: narrow on it. */
  type: 'delivered';
  /** The receiving server's reply, as far as the provider reported it. */
  smtp?: SmtpReply;
}

/** The message could not be delivered. */
export interface BouncedEvent extends BaseEvent {
  /** Discriminant: narrow on it. */
  type: 'bounced';
  /** How final the bounce is. */
  bounce: BounceKind;
  /** The receiving server's reply, as far as the provider reported it. */
  smtp?: SmtpReply;
  /** Why, in the provider's words, when it says more than the SMTP reply. */
  reason?: string;
}

/** The recipient opened the message. */
export interface OpenedEvent extends BaseEvent, ActivityFields {
  /** Discriminant: narrow on it. */
  type: 'opened';
}

/** The recipient clicked a link. */
export interface ClickedEvent extends BaseEvent, ActivityFields {
  /** Discriminant: narrow on it. */
  type: 'clicked';
  /** The link clicked, when the provider says which. */
  url?: string;
}

/** The recipient unsubscribed. */
export interface UnsubscribedEvent extends BaseEvent, ActivityFields {
  /** Discriminant: narrow on it. */
  type: 'unsubscribed';
  /** The recipient's or provider's stated reason. */
  reason?: string;
  /** Lingdong: `esp` (via the ESP's link) or `isp` (reported by the mailbox provider). */
  source?: string;
  /** `all`: from everything the sender sends; `list`: from one list or group only. */
  scope?: 'all' | 'list';
}

/** The recipient (or their mailbox provider) marked the message as spam. */
export interface ComplainedEvent extends BaseEvent, ActivityFields {
  /** Discriminant: narrow on it. */
  type: 'complained';
  /** The complaint's text or stated reason, when the provider passes one on. */
  reason?: string;
  /** Who reported it: Lingdong `esp` (via the ESP's link) or `isp` (a feedback loop of the mailbox provider). */
  source?: string;
}

/** The address was (re)subscribed or added to a list. */
export interface SubscribedEvent extends BaseEvent {
  /** Discriminant: narrow on it. */
  type: 'subscribed';
  /** How the address came back, in the provider's words. */
  source?: string;
}

/**
 * An event of a kind this library does not (yet) know. It is passed through, never dropped:
 * `providerEvent` names it, `raw` holds it whole.
 */
export interface UnknownEvent extends Omit<BaseEvent, 'recipient'> {
  /** Discriminant: narrow on it. */
  type: 'unknown';
  /** The provider's name for the event: a SendPulse `event`, a Lingdong group or delivery status. */
  providerEvent: string;
  /** The recipient, when the item names a readable one. */
  recipient?: string;
}

/** A normalized email event; narrow on `type`. */
export type EmailEvent =
  | QueuedEvent
  | DeferredEvent
  | RejectedEvent
  | DeliveredEvent
  | BouncedEvent
  | OpenedEvent
  | ClickedEvent
  | UnsubscribedEvent
  | ComplainedEvent
  | SubscribedEvent
  | UnknownEvent;

/** The event of one `type`: `EmailEventOf<'bounced'>` is {@link BouncedEvent}. */
export type EmailEventOf<T extends EmailEventType> = Extract<
  EmailEvent,
  {
    /** The type to select. */
    type: T;
  }
>;
