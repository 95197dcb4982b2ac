import type { EmailEvent, EmailEventOf, EmailEventType } from '../events.js';
import type { WebhookIssue } from '../result.js';

/**
 * Reads one request header by its lower-case name; `undefined` when the request has none (or when the body is
 * decoded without its request).
 */
export type HeaderReader = (name: string) => string | undefined;

/** What a decoder needs besides the body, and where it puts what it finds. */
export interface DecodeContext {
  /** IANA zone for zone-less times (the caller's, or the provider's default). */
  timeZone: string;
  /**
   * The request's headers, for values a provider sends only there (Resend's event id is the `svix-id` header).
   * Reads `undefined` for every name when the caller passed no headers.
   */
  header: HeaderReader;
  /** Decoded events, in body order. */
  events: EmailEvent[];
  /** Reports a bad item; in strict mode this throws. */
  reject(issue: WebhookIssue): void;
}

/** A request as a signature check sees it: the exact bytes received and the headers. */
export interface SignedRequest {
  /** The body exactly as received (never re-encoded: signatures cover these bytes). */
  body: Uint8Array;
  /** Reads one header by its lower-case name. */
  header: HeaderReader;
  /** The request URL, when known (some schemes sign it). */
  url: string | undefined;
  /**
   * The body parsed as JSON, or `undefined` when it is not JSON; parsed at most once, on first use. For schemes
   * whose signature sits inside the body (Mailgun).
   */
  json(): unknown;
}

/** What a signature check is given besides the request. */
export interface SignatureCheckOptions {
  /** How old a signed timestamp may be, in seconds, either way; `Infinity` disables the time check. */
  toleranceSeconds: number;
  /** The time to check timestamps against. */
  now: Date;
}

/**
 * How a provider signs its requests. The check runs on Web Crypto only, in every runtime the core supports.
 */
export interface SignatureScheme {
  /**
   * Tells whether the request carries this provider's signature at all (its headers, or its signature fields).
   * Cheap and side-effect free: it runs for every request when signing keys are configured.
   */
  isSigned(request: SignedRequest): boolean;
  /**
   * Checks the signature with each of the keys in turn (several keys allow rotation).
   * @param request The request.
   * @param keys The configured keys for this provider, at least one.
   * @param options Time tolerance and the current time.
   * @throws {WebhookError} `invalid_signature` when no key verifies, the signature is malformed or the timestamp
   *   is outside the tolerance; `invalid_options` when a key cannot be used at all.
   */
  verify(request: SignedRequest, keys: readonly string[], options: SignatureCheckOptions): Promise<void>;
}

/**
 * One event to write into a provider body, in this library's vocabulary: its `type` and any fields of that event
 * type (`recipient`, `occurredAt`, `id`, `url`, `bounce`, `tags`, ...). Fields left out get plausible values, or
 * stay absent where the provider may leave them out.
 */
export type EventSpec = {
  [T in EmailEventType]: {
    /** The event's type, as in {@link EmailEvent}. */
    type: T;
  } & Partial<Omit<EmailEventOf<T>, 'type' | 'provider' | 'raw'>>;
}[EmailEventType];

/** A body as a provider would POST it. */
export interface ProviderBody {
  /** The exact body text. */
  body: string;
  /** The `Content-Type` the provider sends it with. */
  contentType: string;
  /** Headers that carry part of the event (Resend's `svix-id`), when the provider sends any. */
  headers?: Record<string, string>;
}

/**
 * Writes provider bodies and signatures for tests (`email-webhooks/testing`), in the provider's own wire format.
 */
export interface ProviderTestKit {
  /**
   * The exact body the provider would POST for these events, with the content type it sends.
   * @param events Events in this library's vocabulary. Providers that post one event a request take exactly one.
   */
  buildBody(events: readonly EventSpec[]): ProviderBody;
  /**
   * The headers the provider would add to sign this body (signing providers only).
   * @param body The exact body.
   * @param key The signing key as the provider's dashboard shows it.
   * @param options `timestamp` (default now) and, where the scheme has one, `id`.
   */
  signHeaders?(body: string, key: string, options?: { timestamp?: Date; id?: string }): Promise<Record<string, string>>;
  /**
   * The body with the provider's signature written into it, for providers that sign inside the body (Mailgun).
   * @param body The exact body, as `buildBody` wrote it.
   * @param key The signing key as the provider's dashboard shows it.
   * @param options `timestamp` (default now).
   */
  signBody?(body: string, key: string, options?: { timestamp?: Date }): Promise<string>;
}

/**
 * One email provider: how to recognise its bodies, decode them and, where it signs, verify its requests.
 * Built-in providers and users' own go through exactly this interface: make one with {@link defineProvider}.
 * @typeParam Name The provider's name, as it appears in results, events and options.
 */
export interface Provider<Name extends string = string> {
  /** The provider's name in results and options, e.g. `'sendgrid'`. Lower case letters, digits and `-`. */
  readonly name: Name;
  /** How people write the name, e.g. `'SendGrid'`, for messages and docs. */
  readonly title: string;
  /** The zone of the provider's zone-less times, when it sends any. */
  readonly defaultTimeZone?: string;
  /**
   * Tells whether a parsed body has this provider's shape. It must know only its own provider: detection asks
   * every provider, and a body claimed by two is refused as ambiguous. Cheap: it runs for every body.
   */
  detect(body: unknown): boolean;
  /** How many items a body of this shape holds (each becomes an event or an issue). Cheap: no item is read. */
  countItems(body: unknown): number;
  /**
   * Decodes a body of this provider's shape into events and issues.
   * @throws {WebhookError} `invalid_payload` when the body is not this provider's shape at all.
   */
  decode(body: unknown, context: DecodeContext): void;
  /** How the provider signs its requests, when it does. */
  readonly signature?: SignatureScheme;
  /** Body and signature writers for tests. */
  readonly testKit?: ProviderTestKit;
}

const PROVIDER_NAME = /^[a-z][a-z0-9-]{0,31}$/;

/**
 * Defines a provider, keeping its name as a literal type so that the names of the built-in providers, and
 * `ProviderName`, are derived from the registry. Use it for your own providers too.
 * @param provider The provider's name, title, detector, item counter, decoder and optional signature scheme.
 * @returns The same provider, checked.
 * @throws {TypeError} When the name is not lower-case letters, digits and `-`, or a required function is missing.
 * @example
 * export const acme = defineProvider({
 *   name: 'acme',
 *   title: 'Acme Mail',
 *   detect: (body) => typeof body === 'object' && body !== null && 'acme_event' in body,
 *   countItems: () => 1,
 *   decode(body, context) { ... context.events.push(event) ... },
 * });
 */
export function defineProvider<const Name extends string>(provider: Provider<Name>): Provider<Name> {
  if (typeof provider !== 'object' || provider === null || !PROVIDER_NAME.test(String(provider.name))) {
    throw new TypeError('a provider needs a name of lower-case letters, digits and "-" (at most 32)');
  }
  for (const member of ['detect', 'countItems', 'decode'] as const) {
    if (typeof provider[member] !== 'function') throw new TypeError(`provider ${provider.name} needs a ${member} function`);
  }
  return Object.freeze(provider);
}
