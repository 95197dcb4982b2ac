/**
 * The invariants every outcome of `parseWebhook` must satisfy, whatever the input. They throw a plain `Error`
 * naming the broken rule, so the same checks serve the vitest properties and the long fuzz run.
 */
import {
  PROVIDER_NAMES,
  WEBHOOK_ERROR_STATUS,
  WebhookError,
  isWebhookError,
  parseWebhook,
  type EmailEvent,
  type ParseOptions,
  type WebhookErrorCode,
  type WebhookResult,
} from '../../src/index.js';
import { findProvider } from '../../src/providers/registry.js';
import { UNPRINTABLE } from './known-bugs.js';

/** Lingdong's group names: a known group whose value is not an array (nor null) is one issue. */
export const LINGDONG_KNOWN_GROUPS: ReadonlySet<string> = new Set([
  'delivered',
  'receipts',
  'opens',
  'clicks',
  'unsubscriptions',
  'complaints',
  'subscriptions',
  'replies',
  'changeProfiles',
]);

/** The message `explainBadItem` uses when decoder and schema disagree: it must never reach a user. */
export const DISAGREEMENT_MESSAGE = 'could not be decoded';

const EVENT_TYPES = new Set([
  'queued', 'delivered', 'deferred', 'bounced', 'rejected', 'opened', 'clicked', 'unsubscribed', 'complained', 'subscribed', 'unknown',
]);
const BASE_KEYS = [
  'type', 'provider', 'id', 'recipient', 'occurredAt', 'messageId', 'sender', 'subject', 'campaign', 'tags', 'metadata',
  'listId', 'description', 'raw',
];
const ACTIVITY_KEYS = ['ip', 'geo', 'client', 'userAgent'];
const KEYS_BY_TYPE: Readonly<Record<string, ReadonlySet<string>>> = {
  queued: new Set(BASE_KEYS),
  delivered: new Set([...BASE_KEYS, 'smtp']),
  deferred: new Set([...BASE_KEYS, 'smtp', 'reason']),
  rejected: new Set([...BASE_KEYS, 'reason']),
  bounced: new Set([...BASE_KEYS, 'bounce', 'smtp', 'reason']),
  opened: new Set([...BASE_KEYS, ...ACTIVITY_KEYS]),
  clicked: new Set([...BASE_KEYS, ...ACTIVITY_KEYS, 'url']),
  unsubscribed: new Set([...BASE_KEYS, ...ACTIVITY_KEYS, 'reason', 'source', 'scope']),
  complained: new Set([...BASE_KEYS, ...ACTIVITY_KEYS, 'reason', 'source']),
  subscribed: new Set([...BASE_KEYS, 'source']),
  unknown: new Set([...BASE_KEYS, 'providerEvent']),
};
const TEXT_KEYS = ['messageId', 'sender', 'subject', 'campaign', 'ip', 'url', 'reason', 'source'];
const BOUNCE_KINDS = new Set(['hard', 'soft', 'undetermined']);
const DECIMAL_ID = /^-?(?:0|[1-9]\d*)$/;
const DERIVED_ID = /^[0-9a-f]{16}$/;
const ENHANCED_STATUS = /^[245]\.\d{1,3}\.\d{1,3}$/;

/** Thrown when an outcome breaks an invariant. */
export class InvariantError extends Error {
  override name = 'InvariantError';
}

function fail(message: string): never {
  throw new InvariantError(message);
}

function describe(value: unknown): string {
  if (typeof value === 'function') return `function ${value.name}`;
  if (typeof value === 'string') return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}...` : value);
  try {
    const text = JSON.stringify(value);
    return text === undefined ? String(value) : text.length > 120 ? `${text.slice(0, 120)}...` : text;
  } catch {
    return Object.prototype.toString.call(value);
  }
}

// What the prototypes look like before any input ran: compared after each run.
const PROTOTYPES: readonly (readonly [string, object])[] = [
  ['Object.prototype', Object.prototype],
  ['Array.prototype', Array.prototype],
  ['Function.prototype', Function.prototype],
  ['String.prototype', String.prototype],
  ['Date.prototype', Date.prototype],
];
const PROTOTYPE_KEYS = new Map(PROTOTYPES.map(([name, proto]) => [name, Reflect.ownKeys(proto).length]));

/** Fails when any built-in prototype gained or lost a property, or `{}` inherits something new. */
export function checkPrototypesUntouched(): void {
  for (const [name, proto] of PROTOTYPES) {
    if (Reflect.ownKeys(proto).length !== PROTOTYPE_KEYS.get(name)) fail(`${name} was modified`);
  }
  const probe: Record<string, unknown> = {};
  for (const key of ['polluted', 'isAdmin', 'email', 'event', 'id', 'type']) {
    if (probe[key] !== undefined) fail(`Object.prototype now provides ${key}`);
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

function checkText(where: string, value: unknown): void {
  if (typeof value !== 'string') fail(`${where} is ${describe(value)}, not a string`);
  if (value === '' || value !== value.trim()) fail(`${where} is ${describe(value)}: empty or untrimmed`);
}

function checkShape(where: string, value: unknown, keys: readonly string[]): Record<string, unknown> {
  if (!isPlainObject(value)) fail(`${where} is ${describe(value)}, not a plain object`);
  const own = Object.keys(value);
  if (own.length === 0) fail(`${where} is an empty object (should be absent)`);
  for (const key of own) if (!keys.includes(key)) fail(`${where} has unexpected key ${key}`);
  return value;
}

/** Checks one event against the contract's shape of events. */
export function checkEvent(event: unknown, provider: string, where: string): asserts event is EmailEvent {
  if (!isPlainObject(event)) fail(`${where} is ${describe(event)}, not a plain object`);
  const type = event.type;
  if (typeof type !== 'string' || !EVENT_TYPES.has(type)) fail(`${where}.type is ${describe(type)}`);
  const allowed = KEYS_BY_TYPE[type]!;
  for (const key of Object.keys(event)) {
    if (!allowed.has(key)) fail(`${where} (${type}) has unexpected key ${key}`);
    if (event[key] === undefined && key !== 'occurredAt') fail(`${where}.${key} is present but undefined`);
  }
  if (event.provider !== provider) fail(`${where}.provider is ${describe(event.provider)}, not ${provider}`);
  const id = event.id;
  // Lingdong and SendPulse ids are digits or derived; providers added since send ids of their own form.
  const seedProvider = provider === 'lingdong' || provider === 'sendpulse';
  if (typeof id !== 'string' || id === '' || (seedProvider && !(DECIMAL_ID.test(id) || DERIVED_ID.test(id)))) {
    fail(`${where}.id is ${describe(id)}`);
  }
  if (provider === 'sendpulse' && !DERIVED_ID.test(id)) fail(`${where}.id ${id} is not a derived id`);
  const recipient = event.recipient;
  if (recipient === undefined) {
    if (type !== 'unknown') fail(`${where} (${type}) has no recipient`);
  } else {
    if (typeof recipient !== 'string') fail(`${where}.recipient is ${describe(recipient)}`);
    const at = recipient.lastIndexOf('@');
    if (recipient !== recipient.trim() || at <= 0 || at === recipient.length - 1 || recipient.length > 254) {
      fail(`${where}.recipient ${describe(recipient)} is not a normalized address`);
    }
    const domain = recipient.slice(at + 1);
    if (domain !== domain.toLowerCase()) fail(`${where}.recipient ${describe(recipient)}: domain not lower-cased`);
  }
  if (!('occurredAt' in event)) fail(`${where} has no occurredAt key`);
  const at = event.occurredAt;
  if (at !== undefined) {
    if (!(at instanceof Date) || Object.getPrototypeOf(at) !== Date.prototype) fail(`${where}.occurredAt is ${describe(at)}`);
    if (!Number.isFinite(at.getTime())) fail(`${where}.occurredAt is an Invalid Date`);
  }
  for (const key of TEXT_KEYS) if (key in event) checkText(`${where}.${key}`, event[key]);
  if (type === 'unknown' && typeof event.providerEvent !== 'string') {
    fail(`${where}.providerEvent is ${describe(event.providerEvent)}`);
  }
  if (type === 'bounced' && !BOUNCE_KINDS.has(event.bounce as string)) fail(`${where}.bounce is ${describe(event.bounce)}`);
  if ('smtp' in event) {
    const smtp = checkShape(`${where}.smtp`, event.smtp, ['code', 'enhancedStatus', 'text']);
    if ('code' in smtp && !(Number.isInteger(smtp.code) && (smtp.code as number) >= 200 && (smtp.code as number) <= 599)) {
      fail(`${where}.smtp.code is ${describe(smtp.code)}`);
    }
    if ('enhancedStatus' in smtp && !ENHANCED_STATUS.test(String(smtp.enhancedStatus))) {
      fail(`${where}.smtp.enhancedStatus is ${describe(smtp.enhancedStatus)}`);
    }
    if ('text' in smtp) checkText(`${where}.smtp.text`, smtp.text);
  }
  if ('geo' in event) {
    const geo = checkShape(`${where}.geo`, event.geo, ['country', 'region', 'city', 'latitude', 'longitude']);
    for (const key of ['country', 'region', 'city']) if (key in geo) checkText(`${where}.geo.${key}`, geo[key]);
    for (const [key, limit] of [['latitude', 90], ['longitude', 180]] as const) {
      const n = geo[key];
      if (key in geo && !(typeof n === 'number' && Number.isFinite(n) && Math.abs(n) <= limit)) {
        fail(`${where}.geo.${key} is ${describe(n)}`);
      }
    }
  }
  if ('client' in event) {
    const client = checkShape(`${where}.client`, event.client, ['name', 'platform', 'device', 'version']);
    for (const key of Object.keys(client)) checkText(`${where}.client.${key}`, client[key]);
  }
  const raw = event.raw;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) fail(`${where}.raw is ${describe(raw)}`);
}

/** Walks a value without recursion and fails on any Date that is not a real instant. */
export function checkNoInvalidDate(root: unknown, where: string): void {
  const stack: unknown[] = [root];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value !== 'object' || value === null || seen.has(value)) continue;
    seen.add(value);
    if (value instanceof Date) {
      if (!Number.isFinite(value.getTime())) fail(`${where} holds an Invalid Date`);
      continue;
    }
    for (const key of Object.keys(value)) stack.push((value as Record<string, unknown>)[key]);
  }
}

/**
 * How many items a parsed body holds, by the contract's count: SendPulse, the elements of the array (a bare
 * object is one); Lingdong, the items of every array-valued key plus one for each known group that holds
 * something other than an array (or null). These two are counted here, independently; providers added since
 * are asked through the registry.
 * @param value The parsed body.
 * @param provider Which provider decoded it.
 */
export function countItems(value: unknown, provider: string): number {
  if (provider === 'sendpulse') return Array.isArray(value) ? value.length : 1;
  if (provider !== 'lingdong') return findProvider(provider)!.countItems(value);
  let count = 0;
  for (const key of Object.keys(value as object)) {
    const group = (value as Record<string, unknown>)[key];
    if (Array.isArray(group)) count += group.length;
    else if (LINGDONG_KNOWN_GROUPS.has(key) && group !== null && group !== undefined) count += 1;
  }
  return count;
}

/** Checks a whole result: shape, events, issues, accounting, dates. */
export function checkResult(result: WebhookResult, options: ParseOptions, parsed: unknown): void {
  if (!isPlainObject(result)) fail(`result is ${describe(result)}`);
  if (!(PROVIDER_NAMES as readonly string[]).includes(result.provider)) fail(`result.provider is ${describe(result.provider)}`);
  if (options.provider !== undefined && result.provider !== options.provider) {
    fail(`result.provider is ${result.provider} though ${options.provider} was asked for`);
  }
  if (!Array.isArray(result.events) || !Array.isArray(result.issues)) fail('events or issues is not an array');
  result.events.forEach((event, index) => checkEvent(event, result.provider, `events[${index}]`));
  result.issues.forEach((issue, index) => {
    const where = `issues[${index}]`;
    if (!isPlainObject(issue)) fail(`${where} is ${describe(issue)}`);
    if (!Array.isArray(issue.path) || issue.path.length === 0) fail(`${where}.path is ${describe(issue.path)}`);
    for (const key of issue.path) {
      if (!(typeof key === 'string' || (typeof key === 'number' && Number.isInteger(key) && key >= 0))) {
        fail(`${where}.path holds ${describe(key)}`);
      }
    }
    if (typeof issue.message !== 'string' || issue.message === '') fail(`${where}.message is ${describe(issue.message)}`);
    if (issue.message === DISAGREEMENT_MESSAGE) {
      fail(`${where} at ${describe(issue.path)} says "${DISAGREEMENT_MESSAGE}": decoder and schema disagree on ${describe(issue.input)}`);
    }
    if (!('input' in issue)) fail(`${where} has no input`);
  });
  if (options.strict && result.issues.length > 0) fail('strict mode returned issues');
  const items = countItems(parsed, result.provider);
  if (result.events.length + result.issues.length !== items) {
    fail(`${result.events.length} events + ${result.issues.length} issues for ${items} items`);
  }
  checkNoInvalidDate(result, 'result');
}

// `payload_too_large`: a batch of more items than `maxItems`.
const PARSE_CODES: ReadonlySet<WebhookErrorCode> = new Set([
  'invalid_json',
  'unknown_provider',
  'invalid_payload',
  'payload_too_large',
]);

/** Checks a thrown value: a `WebhookError` with a code that fits the call. */
export function checkError(error: unknown, options: ParseOptions, isText: boolean): asserts error is WebhookError {
  if (!(error instanceof WebhookError) || !isWebhookError(error)) {
    const name = error instanceof Error ? `${error.name}: ${error.message}` : describe(error);
    fail(`threw ${name}, not a WebhookError`);
  }
  if (!PARSE_CODES.has(error.code)) fail(`threw WebhookError ${error.code}`);
  if (error.status !== WEBHOOK_ERROR_STATUS[error.code]) fail(`status ${error.status} for ${error.code}`);
  if (error.code === 'invalid_json' && !isText) fail('invalid_json for an already-parsed value');
  if (error.code === 'unknown_provider' && options.provider !== undefined) fail('unknown_provider though a provider was named');
  if (error.code === 'invalid_payload' && options.provider === undefined && !options.strict) {
    fail(`invalid_payload from detection alone: ${error.message}${error.cause === undefined ? '' : ` (cause: ${describeCause(error.cause)})`}`);
  }
  // A WebhookError wrapping some other error is a safety net catching a bug (invalid_json wraps the engine's
  // SyntaxError and the decoder's TypeError on purpose).
  if (error.code !== 'invalid_json' && error.cause !== undefined && !isWebhookError(error.cause)) {
    fail(`${error.code} wraps ${describeCause(error.cause)}`);
  }
  // Adapters send the message back and pass it to onError for logging: short, and one printable line.
  if (typeof error.message !== 'string' || error.message === '' || error.message.length > 4000 || UNPRINTABLE.test(error.message)) {
    fail(`error message is ${describe(error.message)}`);
  }
}

function describeCause(cause: unknown): string {
  return cause instanceof Error ? `${cause.name}: ${cause.message.split('\n')[0]}` : describe(cause);
}

/** A body as `parseWebhook` takes it: text, bytes, or an already-parsed value. */
export type Body = string | Uint8Array | ArrayBuffer | unknown;

function isTextBody(body: unknown): body is string | Uint8Array | ArrayBuffer {
  return typeof body === 'string' || body instanceof Uint8Array || body instanceof ArrayBuffer;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Parses a text body the plain way, for counting items (digits do not matter there). */
export function plainParse(body: string | Uint8Array | ArrayBuffer): unknown {
  let text = typeof body === 'string' ? body : strictUtf8.decode(body);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return JSON.parse(text);
}

/**
 * Runs `parseWebhook` and checks whatever comes out: a result that keeps every invariant, or a `WebhookError`.
 * Also checks that no built-in prototype changed.
 * @param body Any body.
 * @param options Parse options.
 * @returns The result, or the error.
 */
export function parseAndCheck(body: Body, options: ParseOptions = {}): WebhookResult | WebhookError {
  let outcome: WebhookResult | WebhookError;
  try {
    outcome = parseWebhook(body, options);
  } catch (error) {
    checkError(error, options, isTextBody(body));
    checkPrototypesUntouched();
    return error;
  }
  checkPrototypesUntouched();
  const parsed = isTextBody(body) ? plainParse(body) : body;
  checkResult(outcome, options, parsed);
  return outcome;
}
