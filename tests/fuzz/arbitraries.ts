/**
 * fast-check generators of hostile and provider-shaped webhook bodies.
 */
import fc from 'fast-check';
import { BareInteger, Members, RawNumber, type Spacer, type TextValue } from './json-text.js';

/** Keys that reach prototypes when code assigns or looks up by attacker-chosen names. */
export const PROTOTYPE_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'isPrototypeOf',
  '__defineGetter__',
] as const;

/** Every field name either provider uses: generated keys favour these so decoders see them. */
export const PROVIDER_FIELDS = [
  'id', 'email', 'status', 'dsn', 'updated', 'updatedAt', 'createdAt', 'mid', 'messageId', 'campaign', 'subject',
  'ip', 'location', 'latitude', 'longitude', 'client', 'platform', 'device', 'url', 'source', 'content', 'uid',
  'event', 'timestamp', 'recipient', 'message_id', 'task_id', 'sender', 'smtp_server_response_code',
  'smtp_server_response_subcode', 'smtp_server_response', 'link_url', 'link_id', 'reason', 'book_id',
  'open_device', 'open_platform', 'browser_name', 'browser_ver', 'from_all', 'categories', 'variables',
] as const;

export const LINGDONG_GROUPS = [
  'delivered', 'receipts', 'opens', 'clicks', 'unsubscriptions', 'complaints', 'subscriptions', 'replies',
  'changeProfiles',
] as const;

export const SENDPULSE_EVENTS = [
  'delivered', 'undelivered', 'hard_bounces', 'soft_bounces', 'opened', 'open', 'clicked', 'redirect',
  'unsubscribed', 'unsubscribe', 'spam_by_user', 'spam', 'resubscribed', 'new_emails',
] as const;

export const SENDPULSE_UNKNOWN_EVENTS = ['delete', 'task_status_update', 'deferred', 'event_name'] as const;

const MAX_SAFE = 9007199254740991n;

/** A lone UTF-16 surrogate, which JSON text can carry as `\ud800` and a JS string as raw content. */
export const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));

const WHITESPACE_UNITS = [' ', '\t', '\n', '\r', '\u00a0', '\u3000', '\u2028', '\ufeff'];

/** One printable ASCII character. */
const asciiChar = fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code));

/** One code point anywhere in Unicode outside the surrogates (astral ones are two code units). */
const unicodeChar = fc
  .integer({ min: 0, max: 0x10ffff - 0x800 })
  .map((n) => String.fromCodePoint(n < 0xd800 ? n : n + 0x800));

/** Short strings over every kind of code unit: ASCII, CJK, emoji, controls, whitespace, lone surrogates. */
export const anyText = fc
  .array(
    fc.oneof(
      { weight: 6, arbitrary: asciiChar },
      { weight: 3, arbitrary: unicodeChar },
      { weight: 2, arbitrary: fc.constantFrom(...WHITESPACE_UNITS, '"', '\\', ':', '/', '@', '{', '}', '[', ']', ',') },
      { weight: 1, arbitrary: loneSurrogate },
    ),
    { maxLength: 24 },
  )
  .map((units) => units.join(''));

/** Text that stays as it is when trimmed and is not empty. */
export const cleanText = fc
  .array(
    fc.oneof(
      { weight: 5, arbitrary: asciiChar },
      { weight: 2, arbitrary: fc.constantFrom('网', '中', '文', 'é', 'ß', 'Ж', '😀', ' ', ':', '/', '"', '\\') },
    ),
    { minLength: 1, maxLength: 20 },
  )
  .map((units) => units.join('').trim())
  .filter((text) => text !== '');

/** Empty or whitespace-only text: the contract makes these absent fields. */
export const blankText = fc
  .array(fc.constantFrom(...WHITESPACE_UNITS), { maxLength: 3 })
  .map((units) => units.join(''));

/** An integer literal beyond 2^53 (either sign), 16 to 40 digits. */
export const bigIntegerLiteral = fc
  .tuple(fc.boolean(), fc.integer({ min: 16, max: 40 }), fc.bigInt({ min: 0n, max: 10n ** 40n }))
  .map(([negative, length, seed]) => {
    let digits = (seed % 10n ** BigInt(length)).toString().padStart(length, '7');
    digits = `${'123456789'[Number(seed % 9n)]}${digits.slice(1)}`;
    if (BigInt(digits) <= MAX_SAFE) digits = `9${digits}`;
    return `${negative ? '-' : ''}${digits}`;
  });

/** Number literals that `JSON.parse` cannot keep: out of range, negative zero, long integers, long fractions. */
export const awkwardNumber: fc.Arbitrary<TextValue> = fc.oneof(
  fc.constantFrom('1e400', '-1e400', '-0', '0.0', '1E+2', '4.9e-325', '1.7976931348623157e309', '123456789012345678901234567890.5')
    .map((literal) => new RawNumber(literal)),
  bigIntegerLiteral.map((digits) => new BareInteger(digits)),
);

/** Any JSON leaf, including the awkward ones. */
export const jsonLeaf: fc.Arbitrary<TextValue> = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom<TextValue>(null, true, false, 0, -1, '', ' ') },
  { weight: 2, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  { weight: 3, arbitrary: anyText },
  { weight: 1, arbitrary: awkwardNumber },
  { weight: 1, arbitrary: fc.constantFrom(...PROTOTYPE_KEYS, ...SENDPULSE_EVENTS, 'success', 'bounce:hard') },
);

/** Object keys: provider field names, prototype keys, group names and arbitrary text. */
export const jsonKey: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...PROVIDER_FIELDS) },
  { weight: 1, arbitrary: fc.constantFrom(...PROTOTYPE_KEYS) },
  { weight: 1, arbitrary: fc.constantFrom(...LINGDONG_GROUPS, 'forwards') },
  { weight: 1, arbitrary: anyText },
);

/** Any JSON value up to a few levels, keys drawn from {@link jsonKey} (repeats and `__proto__` included). */
export const jsonValue: fc.Arbitrary<TextValue> = fc.letrec<{ value: TextValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    jsonLeaf,
    fc.array(tie('value'), { maxLength: 5 }),
    fc.array(fc.tuple(jsonKey, tie('value')), { maxLength: 5 }).map((entries) => new Members(entries)),
  ),
})).value;

/** Whitespace between tokens: none, or any JSON whitespace run. */
export const spacer: fc.Arbitrary<Spacer> = fc.oneof(
  fc.constant<Spacer>(() => ''),
  fc.array(fc.constantFrom('', ' ', '\n', '\t', '\r\n', '    '), { minLength: 1, maxLength: 8 }).map((gaps) => {
    let next = 0;
    return () => gaps[next++ % gaps.length]!;
  }),
);

// ---------------------------------------------------------------------------------------------------------
// Provider-shaped items: each field missing, valid, or wrong in some way.

/** A string of `minLength` to `maxLength` characters drawn from `alphabet`. */
function stringOf(alphabet: string, minLength: number, maxLength: number): fc.Arbitrary<string> {
  return fc
    .array(fc.integer({ min: 0, max: alphabet.length - 1 }), { minLength, maxLength })
    .map((indexes) => indexes.map((index) => alphabet[index]).join(''));
}

const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const DIGITS = '0123456789';

const ALNUM = `${LOWER}${DIGITS}`;

/** A dot-atom local part: words of letters, digits and `_%+-`, joined by single dots. */
const localPart = fc
  .array(stringOf(`${ALNUM}ABCXYZ_%+-`, 1, 6), { minLength: 1, maxLength: 3 })
  .map((words) => words.join('.'));

/** A DNS label: letters, digits and inner hyphens, starting and ending with a letter or digit. */
const label = fc
  .tuple(stringOf(ALNUM, 1, 1), fc.option(fc.tuple(stringOf(`${ALNUM}-`, 0, 6), stringOf(ALNUM, 1, 1))))
  .map(([head, rest]) => (rest === null ? head : head + rest[0] + rest[1]));

/** A well-formed address, possibly with surrounding spaces and an upper-case domain. */
export const goodEmail = fc
  .tuple(
    localPart,
    fc.array(label, { minLength: 1, maxLength: 2 }),
    stringOf(LOWER, 2, 6),
    fc.boolean(),
    fc.constantFrom('', ' ', '  ', '\t'),
  )
  .map(([local, labels, tld, upper, pad]) => {
    const domain = [...labels, tld].join('.');
    return { text: `${pad}${local}@${upper ? domain.toUpperCase() : domain}${pad}`, normalized: `${local}@${domain}` };
  });

const emailValue: fc.Arbitrary<TextValue> = fc.oneof(
  { weight: 4, arbitrary: goodEmail.map((email) => email.text) },
  {
    weight: 2,
    arbitrary: fc.constantFrom<TextValue>(
      'not-an-email', '', ' ', 'a@', '@b.cn', 'a@b', 'a b@c.de', 'a@b..c', 'a@b.c1', '"q"@x.io', 'a@@b.io',
      `${'x'.repeat(250)}@b.io`, 'x\ud800@b.io', 'ok@exa\u0000mple.com', 12345, null, true,
    ),
  },
  { weight: 1, arbitrary: jsonLeaf },
);

const wallClock = fc
  .record({
    year: fc.integer({ min: 0, max: 9999 }),
    month: fc.integer({ min: 0, max: 13 }),
    day: fc.integer({ min: 0, max: 32 }),
    hour: fc.integer({ min: 0, max: 25 }),
    minute: fc.integer({ min: 0, max: 61 }),
    second: fc.integer({ min: 0, max: 61 }),
  })
  .map(({ year, month, day, hour, minute, second }) => {
    const two = (n: number) => String(n).padStart(2, '0');
    return `${String(year).padStart(4, '0')}-${two(month)}-${two(day)} ${two(hour)}:${two(minute)}:${two(second)}`;
  });

const lingdongTimeValue: fc.Arbitrary<TextValue> = fc.oneof(
  { weight: 3, arbitrary: wallClock },
  { weight: 1, arbitrary: fc.integer({ min: -8.64e15, max: 8.64e15 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 4e12 }).map(String) },
  {
    weight: 2,
    arbitrary: fc.constantFrom<TextValue>(
      '2014-13-45 99:00:00', '2014-02-29 00:00:00', '2016-02-29 23:59:59', '2014-02-20T18:08:05Z',
      '2014-02-20 18:08:05+08:00', '2014-02-20 18:08:05.123456789', '2014-02-20', ' 2014-02-20 18:08:05 ',
      '8640000000000001', '-8640000000000000', 1.5, -1, '', ' ', null, 'not-a-time', new RawNumber('1e400'),
    ),
  },
  { weight: 1, arbitrary: jsonLeaf },
);

const unixTimeValue: fc.Arbitrary<TextValue> = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: -1e10, max: 1e10 }) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 2e9 }).map(String) },
  { weight: 1, arbitrary: fc.double({ min: -1e13, max: 1e13, noNaN: true }) },
  {
    weight: 2,
    arbitrary: fc.constantFrom<TextValue>(
      '1717059600.5', ' 1717059600 ', '8640000000000', '8640000000001', '-8640000000001', '1e3', 'not-a-time',
      '', ' ', null, new RawNumber('1e400'), new RawNumber('-1e400'), new BareInteger('1234567890123456789012345678901234567890'),
    ),
  },
  { weight: 1, arbitrary: jsonLeaf },
);

const textValue: fc.Arbitrary<TextValue> = fc.oneof(
  { weight: 3, arbitrary: cleanText },
  { weight: 1, arbitrary: blankText },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 2, arbitrary: jsonLeaf },
  { weight: 1, arbitrary: fc.constantFrom<TextValue>([], {}, ['a'], { a: 1 }) },
);

const idValue: fc.Arbitrary<TextValue> = fc.oneof(
  { weight: 2, arbitrary: fc.integer() },
  { weight: 3, arbitrary: bigIntegerLiteral.map((digits) => new BareInteger(digits)) },
  { weight: 1, arbitrary: bigIntegerLiteral },
  {
    weight: 2,
    arbitrary: fc.constantFrom<TextValue>(
      ' 42 ', '0123', 'abc', '-0', '', 1.5, 1e20, new RawNumber('1e400'), new RawNumber('-0'), null, true, [], {},
    ),
  },
);

const coordinateValue: fc.Arbitrary<TextValue> = fc.oneof(
  fc.double({ min: -200, max: 200, noNaN: true }),
  fc.constantFrom<TextValue>('39.5292', ' -12 ', '', 'abc', '0x10', 'Infinity', '1e1', 91, -181, null, {}, new RawNumber('1e400')),
);

const statusValue: fc.Arbitrary<TextValue> = fc.oneof(
  { weight: 16, arbitrary: fc.constantFrom('success', 'bounce:hard', 'bounce:soft', 'bounce:bad-mailbox') },
  {
    weight: 2,
    arbitrary: fc.constantFrom<TextValue>('bounce:other', 'deferred', ' success ', 'SUCCESS', 'bounce:', '', ' ', 1, null, {}),
  },
  { weight: 1, arbitrary: fc.constantFrom(...PROTOTYPE_KEYS) },
);

const eventNameValue: fc.Arbitrary<TextValue> = fc.oneof(
  { weight: 20, arbitrary: fc.constantFrom(...SENDPULSE_EVENTS) },
  { weight: 6, arbitrary: fc.constantFrom(...SENDPULSE_UNKNOWN_EVENTS, ' delivered ', 'Delivered', '', ' ', 'x\ud800') },
  { weight: 1, arbitrary: fc.constantFrom(...PROTOTYPE_KEYS) },
  { weight: 1, arbitrary: fc.constantFrom<TextValue>(1, null, [], {}) },
);

const smtpCodeValue: fc.Arbitrary<TextValue> = fc.oneof(
  fc.integer({ min: 100, max: 700 }),
  fc.integer({ min: 200, max: 599 }).map(String),
  fc.constantFrom<TextValue>('5xx', '', ' 250 ', '99', 1000, 250.5, null, new RawNumber('1e400')),
);

const dsnValue: fc.Arbitrary<TextValue> = fc.oneof(
  fc.constantFrom(
    'smtp;250 ok: Message 1758717523 accepted',
    'Action: failed | Status: 5.1.2 (bad destination system: no such domain)',
    '550 5.1.1 user unknown',
    'Diagnostic-Code: smtp; 452 4.2.2 mailbox full',
  ),
  textValue,
);

/** A field's generator, by field name. */
const FIELD_VALUES: Readonly<Record<string, fc.Arbitrary<TextValue>>> = {
  id: idValue,
  email: emailValue,
  recipient: emailValue,
  status: statusValue,
  dsn: dsnValue,
  updated: lingdongTimeValue,
  updatedAt: lingdongTimeValue,
  createdAt: lingdongTimeValue,
  latitude: coordinateValue,
  longitude: coordinateValue,
  event: eventNameValue,
  timestamp: unixTimeValue,
  smtp_server_response_code: smtpCodeValue,
  smtp_server_response_subcode: fc.oneof(fc.constantFrom('5.7.1', '4.2.2', '2.0.0', '9.9.9', '5.1'), textValue),
  location: fc.oneof(fc.constantFrom('中国/河北/廊坊', '中国//', '/a/b/c/d', '  ', 'x/ /z'), textValue),
  message_id: idValue,
  mid: idValue,
  messageId: idValue,
  task_id: idValue,
};

function fieldValue(key: string): fc.Arbitrary<TextValue> {
  return FIELD_VALUES[key] ?? textValue;
}

/** Fields of a Lingdong item of each group kind, and of a SendPulse item. */
const LINGDONG_ACTIVITY_FIELDS = ['id', 'email', 'createdAt', 'campaign', 'subject', 'mid', 'messageId', 'ip', 'location', 'latitude', 'longitude', 'client', 'platform', 'device', 'url', 'source', 'content', 'uid'];
const LINGDONG_DELIVERY_FIELDS = ['id', 'email', 'status', 'dsn', 'updated', 'updatedAt', 'createdAt', 'campaign', 'subject', 'mid', 'messageId', 'uid'];
const SENDPULSE_FIELDS = ['event', 'timestamp', 'recipient', 'email', 'message_id', 'task_id', 'sender', 'subject', 'smtp_server_response_code', 'smtp_server_response_subcode', 'smtp_server_response', 'link_url', 'url', 'reason', 'source', 'open_device', 'open_platform', 'browser_name', 'book_id'];

/** Required fields are present more often than not, so many items decode and the rest fail in few ways. */
const REQUIRED = new Set(['email', 'status', 'event', 'recipient']);

/**
 * An item with the given fields, each present or missing, each value valid or not, plus stray keys (prototype
 * keys included) holding anything.
 * @param fields The kind's field names.
 */
function providerItem(fields: readonly string[]): fc.Arbitrary<Members> {
  const entries = fields.map((key) =>
    fc.option(fieldValue(key).map((value) => [key, value] as const), { freq: REQUIRED.has(key) ? 6 : 2 }),
  );
  return fc
    .tuple(
      fc.tuple(...entries),
      fc.array(fc.tuple(jsonKey, jsonValue), { maxLength: 2 }),
      fc.nat(),
    )
    .map(([chosen, stray, order]) => {
      const present = chosen.filter((entry): entry is readonly [string, TextValue] => entry !== null);
      const all: (readonly [string, TextValue])[] = [...present, ...stray];
      // Shuffle with a small generator seeded from `order`, so key order varies too (0 keeps the given order).
      let state = order;
      for (let i = all.length - 1; i > 0 && order !== 0; i--) {
        state = (Math.imul(state, 1103515245) + 12345) >>> 0;
        const j = state % (i + 1);
        [all[i], all[j]] = [all[j]!, all[i]!];
      }
      return new Members(all);
    });
}

const notAnItem: fc.Arbitrary<TextValue> = fc.oneof(
  fc.constantFrom<TextValue>(null, 'example@abc.com unsubscribed', 42, [], true),
  jsonValue,
);

function lingdongItem(group: string): fc.Arbitrary<TextValue> {
  const fields = group === 'delivered' || group === 'receipts' ? LINGDONG_DELIVERY_FIELDS : LINGDONG_ACTIVITY_FIELDS;
  return fc.oneof({ weight: 8, arbitrary: providerItem(fields) }, { weight: 1, arbitrary: notAnItem });
}

/** A group of items, or a group key holding something else; one arbitrary per group name, built once. */
function lingdongGroup(group: string): fc.Arbitrary<readonly [string, TextValue]> {
  return fc.oneof(
    { weight: 8, arbitrary: fc.array(lingdongItem(group), { maxLength: 4 }).map((items) => [group, items] as const) },
    { weight: 1, arbitrary: jsonLeaf.map((value) => [group, value] as const) },
    { weight: 1, arbitrary: fc.constant([group, null] as const) },
  );
}

const lingdongGroupEntry = fc.oneof(
  { weight: 30, arbitrary: fc.oneof(...LINGDONG_GROUPS.map(lingdongGroup)) },
  { weight: 3, arbitrary: fc.oneof(...['forwards', 'bounces'].map(lingdongGroup)) },
  { weight: 1, arbitrary: fc.oneof(...PROTOTYPE_KEYS.map(lingdongGroup)) },
  {
    weight: 2,
    arbitrary: fc.tuple(anyText, fc.array(lingdongItem('forwards'), { maxLength: 2 })).map(([key, items]) => [key, items] as const),
  },
);

/** A Lingdong body: known and unknown groups of items, some groups not arrays, some metadata keys. */
export const lingdongBody: fc.Arbitrary<Members> = fc
  .tuple(
    fc.array(lingdongGroupEntry, { minLength: 1, maxLength: 4 }),
    fc.array(fc.tuple(fc.constantFrom('meta', 'version', 'count', '__proto__'), jsonLeaf), { maxLength: 1 }),
  )
  .map(([groups, meta]) => new Members([...groups, ...meta]));

/** A SendPulse item of a known or unknown kind, in either dialect. */
export const sendpulseItem: fc.Arbitrary<TextValue> = fc.oneof(
  { weight: 10, arbitrary: providerItem(SENDPULSE_FIELDS) },
  { weight: 1, arbitrary: notAnItem },
);

/** A SendPulse body: a batch, or one bare object. */
export const sendpulseBody: fc.Arbitrary<TextValue> = fc.oneof(
  { weight: 4, arbitrary: fc.array(sendpulseItem, { maxLength: 6 }) },
  { weight: 1, arbitrary: providerItem(SENDPULSE_FIELDS) },
);

/** Options a user may pass: mostly none. */
export const parseOptions = fc.oneof(
  { weight: 4, arbitrary: fc.constant({}) },
  {
    weight: 1,
    arbitrary: fc.record(
      {
        provider: fc.constantFrom('lingdong' as const, 'sendpulse' as const),
        strict: fc.boolean(),
        timeZone: fc.constantFrom('UTC', 'Asia/Shanghai', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe'),
      },
      { requiredKeys: [] },
    ),
  },
);
