import type { EmailEvent, ProviderName } from './events.js';
import type { RequestHeaders } from './headers.js';
import type { Provider } from './providers/provider.js';

/**
 * Options of {@link parseWebhook} (and of every adapter).
 */
export interface ParseOptions {
  /**
   * Skip detection: the body must be this provider's shape, or `parseWebhook` throws `invalid_payload`. A name
   * (of a built-in provider, or of one in `providers`), or a provider of your own made with `defineProvider`.
   */
  provider?: ProviderName | Provider;
  /**
   * The providers detection chooses among. Default: every built-in provider. Pass
   * `[...BUILT_IN_PROVIDERS, myProvider]` to have your own provider detected beside them.
   */
  providers?: readonly Provider[];
  /**
   * The request's headers, for values a provider sends only there (Resend's event id is its `svix-id` header).
   * A Fetch `Headers` or a plain record such as Node's `req.headers`. The adapters pass them.
   */
  headers?: RequestHeaders;
  /**
   * IANA time zone for provider times that carry no zone. Lingdong's `yyyy-MM-dd HH:mm:ss` times default to
   * `Asia/Shanghai`.
   */
  timeZone?: string;
  /** Throw a `WebhookError` (`invalid_payload`) on the first bad item instead of collecting issues. */
  strict?: boolean;
  /**
   * The most items a batch may hold; a bigger one throws `payload_too_large` before any item is decoded.
   * Default {@link DEFAULT_MAX_ITEMS}, ten times what either provider sends at once, so a body of many tiny items
   * cannot cost seconds of CPU and hundreds of MiB in issues.
   */
  maxItems?: number;
}

/** The default {@link ParseOptions.maxItems}: 10 000 items. */
export const DEFAULT_MAX_ITEMS = 10_000;

/**
 * One item of a batch that could not become an event.
 */
export interface WebhookIssue {
  /** Where the item (or its bad field) sits in the body, e.g. `['clicks', 3, 'email']` or `[17]`. */
  path: (string | number)[];
  /** What is wrong, for a person: `not an email address`. */
  message: string;
  /** The offending item as received (big ids as exact strings). */
  input: unknown;
}

/**
 * What {@link parseWebhook} returns: the events of every good item and an issue for every bad one.
 * `events.length + issues.length` accounts for every item of the batch.
 */
export interface WebhookResult {
  /** Which provider sent the body. */
  provider: ProviderName;
  /** One event per good item, in body order. */
  events: EmailEvent[];
  /** One issue per bad item, in body order. Empty when every item decoded. */
  issues: WebhookIssue[];
}
