import type { EmailEvent, ProviderName } from '../events.js';
import type { WebhookIssue } from '../result.js';

/** What a decoder needs besides the body, and where it puts what it finds. */
export interface DecodeContext {
  /** IANA zone for zone-less times (the caller's, or the provider's default). */
  timeZone: string;
  /** Decoded events, in body order. */
  events: EmailEvent[];
  /** Reports a bad item; in strict mode this throws. */
  reject(issue: WebhookIssue): void;
}

/**
 * One provider: how to recognise its bodies and how to decode them. Adding a provider is one folder under
 * `providers/` and one line in `registry.ts`.
 */
export interface ProviderDecoder {
  /** The provider's name in results and options. */
  name: ProviderName;
  /** The zone of the provider's zone-less times, when it sends any. */
  defaultTimeZone?: string;
  /** Tells whether a parsed body has this provider's shape. Cheap: it runs for every body. */
  detect(body: unknown): boolean;
  /** How many items a body of this shape holds (each becomes an event or an issue). Cheap: no item is read. */
  countItems(body: unknown): number;
  /**
   * Decodes a body of this provider's shape into events and issues.
   * @throws {WebhookError} `invalid_payload` when the body is not this provider's shape at all.
   */
  decode(body: unknown, context: DecodeContext): void;
}
