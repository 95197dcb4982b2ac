/**
 * The fuzz properties, shared by the fast vitest run (tests/fuzz/properties.test.ts) and the long run
 * (tests/fuzz/run-long.ts). Each one feeds `parseWebhook` generated input and checks, through `parseAndCheck`, that
 * it returns a result keeping every invariant or throws a `WebhookError`, plus its own specific rule.
 */
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import * as v from 'valibot';
import { WebhookError, detectProvider, type ParseOptions, type WebhookResult } from '../../src/index.js';
import { readLosslessJson } from '../../src/json/read-lossless-json.js';
import { lingdongActivitySchema, lingdongDeliverySchema, lingdongUnknownItemSchema } from '../../src/providers/lingdong/schema.js';
import { sendpulseEmailItemSchema, sendpulseSmtpItemSchema, sendpulseUnknownItemSchema } from '../../src/providers/sendpulse/schema.js';
import { jsonValue, lingdongBody, parseOptions, sendpulseBody, sendpulseItem, spacer } from './arbitraries.js';
import { bigIdBody, bigNumberDocument, TARGET_TAG } from './big-ids.js';
import { checkPrototypesUntouched, InvariantError, parseAndCheck, plainParse } from './check-result.js';
import { BareInteger, Members, RawNumber, writeJson, type TextValue } from './json-text.js';
import { avoids, hitsOpenBug } from './known-bugs.js';
import { loadFixtures, mutateAround, mutate, mutation } from './mutations.js';
import { lingdongRoundTrip, sendpulseRoundTrip, type RoundTripBody } from './round-trip.js';

/** One property: its name, how many cases the fast run tries, and its share of the long run. */
export interface FuzzProperty {
  name: string;
  /** Cases in `npm test`. */
  fastRuns: number;
  /** Relative share of the long run's cases. */
  weight: number;
  /** Builds the fast-check property. */
  property(): fc.IRawProperty<[unknown]>;
}

const utf8 = new TextEncoder();
const lenientUtf8 = new TextDecoder();

function fail(message: string): never {
  throw new InvariantError(message);
}

function hasLoneSurrogate(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
      else return true;
    } else if (unit >= 0xdc00 && unit <= 0xdfff) return true;
  }
  return false;
}

function tryParse(body: string | Uint8Array): unknown {
  try {
    return plainParse(body);
  } catch {
    return undefined;
  }
}

/** Two outcomes are the same: equal results, or errors with the same code and message. */
function sameOutcome(a: WebhookResult | WebhookError, b: WebhookResult | WebhookError): boolean {
  if (a instanceof WebhookError || b instanceof WebhookError) {
    return a instanceof WebhookError && b instanceof WebhookError && a.code === b.code && a.message === b.message;
  }
  return isDeepStrictEqual(a, b);
}

/**
 * Everything one body must satisfy: a good outcome as text, the same outcome again (determinism), the same as
 * UTF-8 bytes, a good outcome as an already-parsed value, and strict mode agreeing with the collected issues.
 */
function checkBody(text: string, options: ParseOptions): WebhookResult | WebhookError {
  const first = parseAndCheck(text, options);
  const again = parseAndCheck(text, options);
  if (!sameOutcome(first, again)) fail('two parses of the same body differ');
  if (!hasLoneSurrogate(text)) {
    const bytes = parseAndCheck(utf8.encode(text), options);
    if (!sameOutcome(first, bytes)) fail('the body as bytes and as text decode differently');
  }
  const parsed = tryParse(text);
  if (parsed !== undefined) {
    parseAndCheck(parsed, options);
    if (options.provider === undefined) {
      // Detection alone decides the provider, before big numbers are restored: detectProvider tells the same of
      // what JSON.parse gives (where an integer beyond 2^53 is still a number, never an event name).
      const detected = detectProvider(parsed);
      const expected = first instanceof WebhookError ? (first.code === 'unknown_provider' ? undefined : detected) : first.provider;
      if (detected !== expected) fail(`detectProvider says ${String(detected)}, parseWebhook ${String(expected)}`);
    }
  }
  if (!options.strict) {
    const strict = parseAndCheck(text, { ...options, strict: true });
    if (first instanceof WebhookError) {
      if (!(strict instanceof WebhookError) || strict.code !== first.code) fail('strict mode fails differently');
    } else if (first.issues.length === 0) {
      if (!sameOutcome(first, strict)) fail('strict mode decodes a clean batch differently');
    } else if (!(strict instanceof WebhookError) || strict.code !== 'invalid_payload') {
      fail('strict mode accepted a batch with issues');
    } else if (!isDeepStrictEqual(strict.issues?.[0], first.issues[0])) {
      fail('strict mode reports another item than the first issue');
    }
  }
  return first;
}

const anyJson: FuzzProperty = {
  name: 'any JSON value: a result or a WebhookError, deterministic',
  fastRuns: 300,
  weight: 2,
  property: () =>
    fc.property(fc.tuple(jsonValue, spacer, parseOptions), ([value, space, options]) => {
      const text = writeJson(value, space);
      fc.pre(!hitsOpenBug(tryParse(text)));
      checkBody(text, options);
    }),
};

const providerShaped: FuzzProperty = {
  name: 'provider-shaped items with valid and invalid fields: every item accounted for',
  fastRuns: 300,
  weight: 4,
  property: () =>
    fc.property(fc.tuple(fc.oneof(lingdongBody, sendpulseBody), spacer, parseOptions), ([value, space, options]) => {
      const text = writeJson(value, space);
      fc.pre(!hitsOpenBug(tryParse(text)));
      checkBody(text, options);
    }),
};

/**
 * The schemas that may explain an item of the kind it claims to be. A SendPulse event of a known kind names its
 * recipient `recipient` or `email` (which one the decoder reads is its business), so both of its schemas count.
 */
function schemasFor(provider: 'lingdong' | 'sendpulse', group: string, item: unknown): v.GenericSchema[] {
  const object = typeof item === 'object' && item !== null && !Array.isArray(item) ? (item as Record<string, unknown>) : undefined;
  if (provider === 'sendpulse') {
    const name = typeof object?.event === 'string' ? object.event.trim() : '';
    const known = new Set(['delivered', 'undelivered', 'hard_bounces', 'soft_bounces', 'opened', 'open', 'clicked', 'redirect', 'unsubscribed', 'unsubscribe', 'spam_by_user', 'spam', 'resubscribed', 'new_emails']);
    if (object === undefined || !known.has(name)) return [sendpulseUnknownItemSchema];
    return [sendpulseSmtpItemSchema, sendpulseEmailItemSchema];
  }
  if (['opens', 'clicks', 'unsubscriptions', 'complaints', 'subscriptions'].includes(group)) return [lingdongActivitySchema];
  if (group === 'delivered' || group === 'receipts') {
    const status = typeof object?.status === 'string' ? object.status.trim() : '';
    return [status === '' || status === 'success' || status === 'deferred' || status.startsWith('bounce:') ? lingdongDeliverySchema : lingdongUnknownItemSchema];
  }
  return [lingdongUnknownItemSchema];
}

const LINGDONG_ITEM_GROUPS = ['delivered', 'receipts', 'opens', 'clicks', 'unsubscriptions', 'complaints', 'subscriptions', 'replies', 'forwards'];

const decoderMatchesSchema: FuzzProperty = {
  name: 'decoder and valibot schema agree: an item decodes exactly when its schema accepts it',
  fastRuns: 400,
  weight: 4,
  property: () =>
    fc.property(
      fc.oneof(
        sendpulseItem.map((item) => ({ provider: 'sendpulse' as const, group: '', body: [item] as TextValue })),
        fc.tuple(fc.constantFrom(...LINGDONG_ITEM_GROUPS), lingdongBody).map(([group, body]) => {
          // Take one generated item (of whatever kind) and put it alone in the chosen group.
          const items = body.entries.flatMap(([, value]) => (Array.isArray(value) ? value : []));
          return { provider: 'lingdong' as const, group, body: new Members([[group, items.slice(0, 1)]]) as TextValue };
        }),
      ),
      ({ provider, group, body }) => {
        const text = writeJson(body);
        const parsed = tryParse(text);
        fc.pre(!hitsOpenBug(parsed));
        const outcome = parseAndCheck(text, { provider });
        if (outcome instanceof WebhookError) fail(`a one-item ${provider} body threw ${outcome.code}`);
        const decoded = outcome.events[0];
        const issue = outcome.issues[0];
        if (decoded === undefined && issue === undefined) return;
        const item = decoded !== undefined ? decoded.raw : issue!.input;
        const verdicts = schemasFor(provider, group, item).map((schema) => v.safeParse(schema, item).success);
        if (decoded !== undefined && !verdicts.includes(true)) fail(`the decoder accepted an item its schema rejects: ${JSON.stringify(item)}`);
        if (issue !== undefined && !verdicts.includes(false)) fail(`the schema accepts an item the decoder rejected: ${JSON.stringify(item)}`);
      },
    ),
};

let fixtures: readonly (readonly [string, Uint8Array])[] | undefined;

const fixtureMutations: FuzzProperty = {
  name: 'byte-level mutations of every fixture: a result or a WebhookError',
  fastRuns: 400,
  weight: 6,
  property: () => {
    fixtures ??= loadFixtures();
    const files = fixtures;
    return fc.property(
      fc.tuple(fc.nat({ max: files.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 6 }), parseOptions),
      ([index, mutations, options]) => {
        const bytes = mutate(files[index]![1], mutations);
        fc.pre(!hitsOpenBug(tryParse(bytes)));
        const first = parseAndCheck(bytes, options);
        if (!sameOutcome(first, parseAndCheck(bytes, options))) fail('two parses of the same bytes differ');
        // What a lenient reader (or a framework's text parser) would hand over: U+FFFD for bad bytes.
        const text = lenientUtf8.decode(bytes);
        fc.pre(!hitsOpenBug(tryParse(text)));
        checkBody(text, options);
      },
    );
  },
};

function targetEvents(result: WebhookResult) {
  return result.events.filter((event) => event.raw[TARGET_TAG] === true);
}

const bigIdsStructured: FuzzProperty = {
  name: 'ids beyond 2^53 keep every digit whatever surrounds them',
  fastRuns: 200,
  weight: 3,
  property: () =>
    fc.property(bigIdBody, (body) => {
      fc.pre(!hitsOpenBug(tryParse(body.text)));
      for (const input of [body.text, utf8.encode(body.text)]) {
        const outcome = parseAndCheck(input);
        if (outcome instanceof WebhookError) fail(`a valid body threw ${outcome.code}: ${outcome.message}`);
        const [event, ...more] = targetEvents(outcome);
        if (event === undefined || more.length > 0) fail(`expected one target event, got ${targetEvents(outcome).length}`);
        if (event.id !== body.id) fail(`id ${body.id} came out as ${event.id}`);
        if (event.raw.id !== body.id) fail(`raw.id ${body.id} came out as ${String(event.raw.id)}`);
        if (body.mid !== undefined && event.messageId !== body.mid) fail(`mid ${body.mid} came out as ${event.messageId}`);
      }
    }),
};

const bigIdsMutated: FuzzProperty = {
  name: 'ids beyond 2^53 survive byte mutations of everything around their item',
  fastRuns: 200,
  weight: 3,
  property: () =>
    fc.property(
      fc.tuple(bigIdBody, fc.array(mutation, { maxLength: 3 }), fc.array(mutation, { maxLength: 3 })),
      ([body, before, after]) => {
        const start = utf8.encode(body.text.slice(0, body.start)).length;
        const end = start + utf8.encode(body.text.slice(body.start, body.end)).length;
        const bytes = mutateAround(utf8.encode(body.text), start, end, before, after);
        fc.pre(!hitsOpenBug(tryParse(bytes)));
        const outcome = parseAndCheck(bytes);
        if (outcome instanceof WebhookError) return;
        for (const event of targetEvents(outcome)) {
          if (event.id !== body.id) fail(`id ${body.id} came out as ${event.id}`);
          if (body.mid !== undefined && event.messageId !== body.mid) fail(`mid ${body.mid} came out as ${event.messageId}`);
        }
      },
    ),
};

const DERIVED_ID = /^[0-9a-f]{16}$/;

function checkRoundTrip(generated: RoundTripBody, space: () => string): void {
  const options: ParseOptions = generated.timeZone === undefined ? {} : { timeZone: generated.timeZone };
  if (generated.provider !== undefined) options.provider = generated.provider;
  const outcome = parseAndCheck(writeJson(generated.body, space), options);
  if (outcome instanceof WebhookError) fail(`a generated payload threw ${outcome.code}: ${outcome.message}`);
  if (outcome.issues.length > 0) fail(`a generated payload has issues: ${JSON.stringify(outcome.issues[0])}`);
  if (outcome.events.length !== generated.items.length) fail(`${outcome.events.length} events for ${generated.items.length} items`);
  generated.items.forEach(({ raw, expected }, index) => {
    const { raw: actualRaw, ...event } = outcome.events[index]!;
    const want = { ...expected };
    if (want.id === undefined) {
      if (!DERIVED_ID.test(event.id)) fail(`events[${index}].id ${event.id} is not a derived id`);
      want.id = event.id;
    }
    if (!isDeepStrictEqual(event, want)) {
      fail(`events[${index}] differs:\n  got      ${JSON.stringify(event)}\n  expected ${JSON.stringify(want)}`);
    }
    if (!isDeepStrictEqual(actualRaw, raw)) fail(`events[${index}].raw differs from the item sent`);
  });
}

const roundTripSendpulse: FuzzProperty = {
  name: 'round trip: SendPulse payloads built from event data decode to that data',
  fastRuns: 200,
  weight: 2,
  property: () => fc.property(fc.tuple(sendpulseRoundTrip, spacer), ([generated, space]) => checkRoundTrip(generated, space)),
};

const roundTripLingdong: FuzzProperty = {
  name: 'round trip: Lingdong payloads built from event data decode to that data',
  fastRuns: 200,
  weight: 2,
  property: () => fc.property(fc.tuple(lingdongRoundTrip, spacer), ([generated, space]) => checkRoundTrip(generated, space)),
};

const EVIL = 'evil@attacker.example';

/** What an attacker puts under `__proto__`, `constructor` and `prototype` members. */
const pollutionPayload = new Members([
  ['polluted', true],
  ['isAdmin', true],
  ['email', EVIL],
  ['recipient', EVIL],
  ['event', 'delivered'],
  ['status', 'success'],
  ['id', 1],
]);

/** Inserts pollution members into a value: at its top, in every object it holds, at any depth. */
function poison(value: TextValue, keys: readonly string[], pick: () => number, depth = 0): TextValue {
  if (value instanceof Members) {
    const entries: (readonly [string, TextValue])[] = value.entries.map(([key, item]) => [key, poison(item, keys, pick, depth + 1)]);
    // A top-level `constructor` key is the open prototype-lookup bug's input: left out while it is open.
    for (const key of depth === 0 && avoids('prototypeKeyLookup') ? keys.filter((name) => name === 'prototype') : keys) {
      const payload: TextValue = key === 'constructor' ? new Members([['prototype', pollutionPayload]]) : pollutionPayload;
      entries.splice(pick() % (entries.length + 1), 0, [key, payload]);
    }
    return new Members(entries);
  }
  if (Array.isArray(value)) return value.map((item) => poison(item, keys, pick, depth + 1));
  return value;
}

const noPollution: FuzzProperty = {
  name: 'no prototype pollution: __proto__, constructor and prototype keys at any depth',
  fastRuns: 200,
  weight: 2,
  property: () =>
    fc.property(
      fc.tuple(
        fc.oneof(lingdongBody, sendpulseBody, jsonValue),
        fc.subarray(['__proto__', 'constructor', 'prototype'], { minLength: 1 }),
        fc.infiniteStream(fc.nat()),
      ),
      ([value, keys, stream]) => {
        const it = stream[Symbol.iterator]();
        const text = writeJson(poison(value, keys, () => it.next().value), () => '');
        const parsed = tryParse(text);
        fc.pre(!hitsOpenBug(parsed));
        for (const input of [text, parsed]) {
          const outcome = parseAndCheck(input);
          checkPrototypesUntouched();
          if (outcome instanceof WebhookError) continue;
          for (const event of outcome.events) {
            if (Object.getPrototypeOf(event.raw) !== Object.prototype) fail('an event.raw has another prototype');
            const raw = event.raw;
            const own = (key: string) => Object.hasOwn(raw, key) && raw[key] === EVIL;
            if (event.recipient === EVIL && !own('email') && !own('recipient')) {
              fail('a recipient came from a __proto__ payload');
            }
            if ((event.raw as { polluted?: unknown }).polluted === true && !Object.hasOwn(event.raw, 'polluted')) {
              fail('event.raw inherits a polluted member');
            }
          }
        }
        // A fresh object after all that still inherits nothing.
        const probe: Record<string, unknown> = {};
        if (probe.polluted !== undefined || probe.isAdmin !== undefined) fail('Object.prototype polluted');
      },
    ),
};

const NUMBER_PARTS = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;

/**
 * What a number literal must read back as: what JSON.parse gives within ±2^53 and beyond a double's range; in
 * between, a whole literal's exact integer digits and any other literal as written (worked out with BigInt,
 * independently of the reader).
 */
function expectedNumber(literal: string): unknown {
  const parsed = Number(literal);
  if (!Number.isFinite(parsed) || Math.abs(parsed) <= Number.MAX_SAFE_INTEGER) return parsed;
  const [, sign, whole, fraction = '', exponent = '0'] = NUMBER_PARTS.exec(literal)!;
  const shift = Number(exponent) - fraction.length;
  const mantissa = BigInt(whole! + fraction);
  let integer: bigint;
  if (shift >= 0) integer = mantissa * 10n ** BigInt(shift);
  else {
    const divisor = 10n ** BigInt(-shift);
    if (mantissa % divisor !== 0n) return literal;
    integer = mantissa / divisor;
  }
  return `${sign}${integer}`;
}

/** What a generated value must read back as: big numbers as their exact text, the rest as JSON.parse gives it. */
function expectedValue(value: TextValue): unknown {
  if (value instanceof BareInteger) return value.digits;
  if (value instanceof RawNumber) return expectedNumber(value.literal);
  if (value instanceof Members) return Object.fromEntries(value.entries.map(([key, item]) => [key, expectedValue(item)]));
  if (Array.isArray(value)) return value.map(expectedValue);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null;
    // JSON has no negative zero to write: JSON.stringify(-0) is `0`.
    if (Object.is(value, -0)) return 0;
    // A double beyond 2^53 is written as a literal (JSON.stringify(2 ** 60), `1e+21`) read back exactly too.
    return expectedNumber(JSON.stringify(value));
  }
  return value;
}

/** Keeps only the last of members with the same name, at every depth (the open duplicate-name bug's input). */
function withoutDuplicateNames(value: TextValue): TextValue {
  if (value instanceof Members) {
    const last = new Map(value.entries.map(([key, item]) => [key, withoutDuplicateNames(item)] as const));
    return new Members([...last]);
  }
  return Array.isArray(value) ? value.map(withoutDuplicateNames) : value;
}

const losslessReader: FuzzProperty = {
  name: 'lossless reader: every integer beyond 2^53 keeps its digits, wherever it stands',
  fastRuns: 300,
  weight: 3,
  property: () =>
    fc.property(fc.tuple(fc.oneof(jsonValue, bigNumberDocument), spacer), ([generated, space]) => {
      const value = avoids('duplicateNameDigits') ? withoutDuplicateNames(generated) : generated;
      const text = writeJson(value, space);
      const expected = expectedValue(value);
      const read = readLosslessJson(text);
      if (!isDeepStrictEqual(read, expected)) {
        fail(`read back differently:\n  text     ${text.slice(0, 400)}\n  got      ${JSON.stringify(read)?.slice(0, 400)}\n  expected ${JSON.stringify(expected)?.slice(0, 400)}`);
      }
    }),
};

/** Zones with DST, odd offsets, negative DST, and 30-minute shifts. */
const ZONES = [
  'America/New_York', 'Europe/London', 'Europe/Dublin', 'Australia/Lord_Howe', 'America/St_Johns', 'Asia/Kathmandu',
  'Pacific/Chatham', 'Africa/Casablanca', 'America/Santiago', 'Asia/Tehran', 'Antarctica/Troll', 'Asia/Shanghai', 'UTC',
];

const wallFormatters = new Map<string, Intl.DateTimeFormat>();

/** The wall clock an instant shows in a zone, as milliseconds of a UTC date with those fields (Intl as oracle). */
function wallClockOf(instant: number, zone: string): number {
  let format = wallFormatters.get(zone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    wallFormatters.set(zone, format);
  }
  const parts: Record<string, number> = {};
  for (const part of format.formatToParts(new Date(instant))) parts[part.type] = Number(part.value);
  return Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
}

/**
 * The instant the contract gives a wall clock in a zone: the one that shows it (the earlier of two, where the
 * clock went back), or for a time skipped by a forward jump, the wall clock read with the offset before the jump.
 */
function expectedInstant(wall: number, zone: string): { instant: number; ambiguous: boolean } {
  const offsets = new Set<number>();
  for (const hours of [-36, -12, 0, 12, 36]) {
    const probe = wall + hours * 3_600_000;
    offsets.add(wallClockOf(probe, zone) - probe);
  }
  const showing = [...offsets].map((offset) => wall - offset).filter((instant) => wallClockOf(instant, zone) === wall);
  if (showing.length > 0) return { instant: Math.min(...showing), ambiguous: showing.length > 1 };
  return { instant: wall - Math.min(...offsets), ambiguous: false };
}

const wallClockNearTransitions = fc
  .record({
    year: fc.integer({ min: 1971, max: 2037 }),
    month: fc.oneof(fc.constantFrom(3, 4, 9, 10, 11), fc.integer({ min: 1, max: 12 })),
    day: fc.integer({ min: 1, max: 28 }),
    hour: fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 23 })),
    minute: fc.constantFrom(0, 1, 15, 29, 30, 31, 45, 59),
    second: fc.constantFrom(0, 30, 59),
  })
  .map(({ year, month, day, hour, minute, second }) => Date.UTC(year, month - 1, day, hour, minute, second));

const zonedTimes: FuzzProperty = {
  name: 'Lingdong wall-clock times in DST zones: the instant that shows them, gaps moved forward',
  fastRuns: 150,
  weight: 2,
  property: () =>
    fc.property(fc.tuple(fc.constantFrom(...ZONES), fc.array(wallClockNearTransitions, { minLength: 1, maxLength: 6 })), ([zone, walls]) => {
      const text = (wall: number) => new Date(wall).toISOString().slice(0, 19).replace('T', ' ');
      const body = JSON.stringify({ opens: walls.map((wall, i) => ({ id: i, email: 'a@b.io', createdAt: text(wall) })) });
      const outcome = parseAndCheck(body, { timeZone: zone });
      if (outcome instanceof WebhookError) fail(`threw ${outcome.code}`);
      outcome.events.forEach((event, i) => {
        const { instant: want, ambiguous } = expectedInstant(walls[i]!, zone);
        // Times that occur twice are the open ambiguous-time bug's input: not checked while it is open.
        if (ambiguous && avoids('ambiguousTimeTakesLater')) return;
        if (event.occurredAt?.getTime() !== want) {
          fail(`${text(walls[i]!)} in ${zone} gave ${event.occurredAt?.toISOString()}, expected ${new Date(want).toISOString()}`);
        }
      });
    }),
};

/** Every property, in the order the runs take them. */
export const PROPERTIES: readonly FuzzProperty[] = [
  anyJson,
  providerShaped,
  decoderMatchesSchema,
  fixtureMutations,
  bigIdsStructured,
  bigIdsMutated,
  roundTripSendpulse,
  roundTripLingdong,
  noPollution,
  losslessReader,
  zonedTimes,
];
