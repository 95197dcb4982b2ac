import type { EmailEvent } from './events.js';
import { WebhookError, isWebhookError } from './errors.js';
import { readLosslessJson } from './json/read-lossless-json.js';
import { isValidTimeZone } from './normalize/time.js';
import { formatIssue } from './providers/item-issue.js';
import type { DecodeContext, ProviderDecoder } from './providers/provider.js';
import { PROVIDERS, providerByName } from './providers/registry.js';
import { DEFAULT_MAX_ITEMS, type ParseOptions, type WebhookIssue, type WebhookResult } from './result.js';

const UTC = 'UTC';
// Checking a zone asks Intl; a server uses one or two zones, so each is checked once.
const checkedTimeZones = new Set<string>();

function isBody(value: unknown): value is string | Uint8Array | ArrayBuffer {
  return typeof value === 'string' || value instanceof Uint8Array || value instanceof ArrayBuffer;
}

function chooseProvider(value: unknown, options: ParseOptions): ProviderDecoder {
  if (options.provider !== undefined) {
    const named = providerByName(options.provider);
    if (named === undefined) {
      throw new WebhookError('invalid_options', `unknown provider option: ${JSON.stringify(options.provider)}`);
    }
    return named;
  }
  const detected = PROVIDERS.find((provider) => provider.detect(value));
  if (detected === undefined) {
    throw new WebhookError('unknown_provider', 'body is not a webhook of a known provider (Lingdong or SendPulse)');
  }
  return detected;
}

function chooseTimeZone(provider: ProviderDecoder, options: ParseOptions): string {
  const timeZone = options.timeZone ?? provider.defaultTimeZone ?? UTC;
  if (!checkedTimeZones.has(timeZone)) {
    if (typeof timeZone !== 'string' || !isValidTimeZone(timeZone)) {
      throw new WebhookError('invalid_options', `unknown time zone option: ${JSON.stringify(timeZone)}`);
    }
    checkedTimeZones.add(timeZone);
  }
  return timeZone;
}

/**
 * Decodes the body an email provider POSTed into typed, normalized events.
 *
 * A string or byte body is parsed as JSON without losing digits (ids beyond 2^53 stay exact). The provider is
 * detected from the body's shape unless `options.provider` names it. Every good item becomes an event and every
 * bad one an issue, so `events.length + issues.length` counts every item.
 * @param body The raw body (`string`, `Uint8Array`, `ArrayBuffer`), or an already-parsed value (which may have
 *   lost digits of big ids: that is the caller's choice).
 * @param options Provider, time zone for zone-less times, strict mode.
 * @returns The provider, the events and the issues.
 * @throws {WebhookError} `invalid_json` (unreadable body), `unknown_provider`, `invalid_payload` (not the named
 *   provider's shape, or any bad item in strict mode), `payload_too_large` (more than `maxItems` items),
 *   `invalid_options`.
 * @example
 * const { events, issues } = parseWebhook(await request.text());
 * for (const event of events) if (event.type === 'bounced') suppress(event.recipient, event.bounce);
 */
export function parseWebhook(body: unknown, options?: ParseOptions | null): WebhookResult {
  try {
    return decodeBody(body, options ?? {});
  } catch (error) {
    if (isWebhookError(error)) throw error;
    // A safety net, so callers only ever see WebhookError: what lands here is a bug, kept as the cause.
    throw new WebhookError('invalid_payload', 'body could not be decoded', { cause: error });
  }
}

function decodeBody(body: unknown, options: ParseOptions): WebhookResult {
  const value = isBody(body) ? readLosslessJson(body) : body;
  const provider = chooseProvider(value, options);
  const maxItems = options.maxItems ?? DEFAULT_MAX_ITEMS;
  if (!(maxItems >= 0)) throw new WebhookError('invalid_options', 'maxItems must be a number of items');
  const items = provider.countItems(value);
  if (items > maxItems) {
    throw new WebhookError('payload_too_large', `batch holds ${items} items, more than the ${maxItems} allowed`);
  }
  const issues: WebhookIssue[] = [];
  const events: EmailEvent[] = [];
  const context: DecodeContext = {
    timeZone: chooseTimeZone(provider, options),
    events,
    reject: options.strict
      ? (issue) => {
          throw new WebhookError('invalid_payload', `bad item: ${formatIssue(issue)}`, { issues: [issue] });
        }
      : (issue) => {
          issues.push(issue);
        },
  };
  provider.decode(value, context);
  return { provider: provider.name, events, issues };
}
