import { WebhookError } from './errors.js';
import { type RequestHeaders, toHeaderReader } from './headers.js';
import { isValidTimeZone } from './normalize/time/zone-offset.js';
import type { HeaderReader, Provider } from './providers/provider.js';
import { BUILT_IN_PROVIDERS, findProvider, listProviderNames } from './providers/registry.js';
import { DEFAULT_MAX_ITEMS, type ParseOptions } from './result.js';

/** {@link ParseOptions} checked, with defaults applied and names resolved to providers. */
export interface ResolvedParseOptions {
  /** The provider named by `provider`, or `undefined` to detect it. */
  provider: Provider | undefined;
  /** The providers detection chooses among. */
  providers: readonly Provider[];
  /** The caller's zone, or `undefined` for each provider's default. */
  timeZone: string | undefined;
  /** Throw on the first bad item instead of collecting issues. */
  strict: boolean;
  /** The most items a batch may hold. */
  maxItems: number;
  /** Reads the request's headers (nothing when none were given). */
  header: HeaderReader;
}

// Checking a zone asks Intl; a server uses one or two zones, so each is checked once.
const checkedTimeZones = new Set<string>();

/**
 * Checks a time zone name (IANA, `UTC` or a fixed offset such as `+08:00`).
 * @param timeZone The name.
 * @throws {WebhookError} `invalid_options` for anything else.
 */
export function assertTimeZone(timeZone: unknown): asserts timeZone is string {
  if (typeof timeZone === 'string' && checkedTimeZones.has(timeZone)) return;
  if (typeof timeZone !== 'string' || !isValidTimeZone(timeZone)) {
    throw new WebhookError('invalid_options', `timeZone ${JSON.stringify(timeZone)} is not a time zone`);
  }
  checkedTimeZones.add(timeZone);
}

function isProvider(value: unknown): value is Provider {
  return typeof value === 'object' && value !== null && typeof (value as Provider).decode === 'function';
}

function resolveProviders(value: unknown): readonly Provider[] {
  if (value === undefined) return BUILT_IN_PROVIDERS;
  if (!Array.isArray(value) || value.length === 0 || !value.every(isProvider)) {
    throw new WebhookError('invalid_options', 'providers must be a non-empty list of providers (see defineProvider)');
  }
  const names = new Set<string>();
  for (const provider of value as Provider[]) {
    if (names.has(provider.name)) {
      throw new WebhookError('invalid_options', `providers lists ${JSON.stringify(provider.name)} twice`);
    }
    names.add(provider.name);
  }
  return value as Provider[];
}

// What no options resolve to: shared (and frozen, so no caller can change it for the next), since a server that
// passes no options would otherwise build the same object on every call.
const DEFAULT_OPTIONS: ResolvedParseOptions = Object.freeze({
  provider: undefined,
  providers: BUILT_IN_PROVIDERS,
  timeZone: undefined,
  strict: false,
  maxItems: DEFAULT_MAX_ITEMS,
  header: toHeaderReader(undefined),
});

/**
 * The one check of {@link ParseOptions}, used by `parseWebhook` and by every adapter (which calls it once, when
 * it is created), so both accept and refuse the same options with the same messages.
 * @param options What the caller passed; `undefined` and `null` mean none.
 * @returns The options with defaults applied.
 * @throws {WebhookError} `invalid_options` naming the option and what it accepts.
 */
export function resolveParseOptions(options: ParseOptions | null | undefined): ResolvedParseOptions {
  if (options === undefined || options === null) return DEFAULT_OPTIONS;
  if (typeof options !== 'object') throw new WebhookError('invalid_options', 'options must be an object');
  const providers = resolveProviders(options.providers);
  let provider: Provider | undefined;
  if (options.provider !== undefined) {
    provider = isProvider(options.provider) ? options.provider : findProvider(String(options.provider), providers);
    if (provider === undefined) {
      throw new WebhookError(
        'invalid_options',
        `provider ${JSON.stringify(options.provider)} is not one of ${listProviderNames(providers)}`,
      );
    }
  }
  if (options.timeZone !== undefined) assertTimeZone(options.timeZone);
  const maxItems = options.maxItems ?? DEFAULT_MAX_ITEMS;
  if (!Number.isSafeInteger(maxItems) || maxItems < 0) {
    throw new WebhookError('invalid_options', 'maxItems must be a whole number of items');
  }
  if (options.strict !== undefined && typeof options.strict !== 'boolean') {
    throw new WebhookError('invalid_options', 'strict must be true or false');
  }
  const headers = options.headers;
  if (headers !== undefined && (typeof headers !== 'object' || headers === null)) {
    throw new WebhookError('invalid_options', 'headers must be a Headers object or a record of header values');
  }
  return {
    provider,
    providers,
    timeZone: options.timeZone,
    strict: options.strict === true,
    maxItems,
    header: toHeaderReader(headers as RequestHeaders | undefined),
  };
}
