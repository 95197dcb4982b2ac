import type { EmailEvent, ProviderName } from './events.js';
import { WebhookError, isWebhookError } from './errors.js';
import { parseJsonText, restoreBigNumbers } from './json/read-lossless-json.js';
import { formatIssue } from './format-issue.js';
import { assertTimeZone, resolveParseOptions } from './options.js';
import type { DecodeContext, Provider } from './providers/provider.js';
import { BUILT_IN_PROVIDERS, listProviderNames } from './providers/registry.js';
import type { ParseOptions, WebhookIssue, WebhookResult } from './result.js';

const UTC = 'UTC';

function isBody(value: unknown): value is string | Uint8Array | ArrayBuffer {
  return typeof value === 'string' || value instanceof Uint8Array || value instanceof ArrayBuffer;
}

/**
 * The provider whose shape the body has. Every provider is asked, so the answer never depends on their order: a
 * body that none or several claim is refused, except a batch with no items (`[]`), which holds nothing to
 * misattribute and goes to the first claimant.
 */
function detectAmong(value: unknown, providers: readonly Provider[]): Provider {
  let first: Provider | undefined;
  let claimants: Provider[] | undefined;
  for (const provider of providers) {
    if (!provider.detect(value)) continue;
    if (first === undefined) first = provider;
    else (claimants ??= [first]).push(provider);
  }
  if (first === undefined) {
    throw new WebhookError(
      'unknown_provider',
      `body is not a webhook of a known provider (${listProviderNames(providers)}); set the provider option if it is one`,
    );
  }
  if (claimants !== undefined && !claimants.every((provider) => provider.countItems(value) === 0)) {
    throw new WebhookError(
      'unknown_provider',
      `body could come from ${listProviderNames(claimants)}; set the provider option to say which`,
    );
  }
  return first;
}

/**
 * Tells which provider sent a parsed webhook body, by its shape. Every provider's detector is asked; a body that
 * none claims, or that several claim (except an empty batch), has no provider.
 * @param value The parsed body.
 * @param providers The providers to choose among; every built-in provider by default.
 * @returns The provider's name, or `undefined` when no single provider claims the body.
 */
export function detectProvider(value: unknown, providers: readonly Provider[] = BUILT_IN_PROVIDERS): ProviderName | undefined {
  try {
    return detectAmong(value, providers).name;
  } catch (error) {
    if (isWebhookError(error)) return undefined;
    throw error;
  }
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
    return decodeBody(body, options);
  } catch (error) {
    if (isWebhookError(error)) throw error;
    // A safety net, so callers only ever see WebhookError: what lands here is a bug, kept as the cause.
    throw new WebhookError('invalid_payload', 'body could not be decoded', { cause: error });
  }
}

function decodeBody(body: unknown, raw: ParseOptions | null | undefined): WebhookResult {
  const options = resolveParseOptions(raw);
  // Cheapest refusals first: a body is refused by its shape (no provider) or its item count before the walk that
  // checks its depth and restores big numbers, the one pass a hostile body could make expensive. Detectors and
  // counts read the body as JSON.parse gives it: big numbers are still numbers to them.
  const parsed = isBody(body) ? parseJsonText(body) : undefined;
  let value = parsed === undefined ? body : parsed.value;
  const provider = options.provider ?? detectAmong(value, options.providers);
  const items = provider.countItems(value);
  if (items > options.maxItems) {
    throw new WebhookError('payload_too_large', `batch holds ${items} items, more than the ${options.maxItems} allowed`);
  }
  if (parsed !== undefined) value = restoreBigNumbers(parsed);
  const timeZone = options.timeZone ?? provider.defaultTimeZone ?? UTC;
  assertTimeZone(timeZone);
  const issues: WebhookIssue[] = [];
  const events: EmailEvent[] = [];
  const context: DecodeContext = {
    timeZone,
    header: options.header,
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
