/**
 * Lingdong bodies with ids beyond 2^53 written as bare number literals, embedded among surroundings built to
 * confuse a big-integer rewriter: digit runs after colons inside strings, escaped quotes, big integers as array
 * elements, numbers out of range, padding that pushes the id far from the head of the body.
 */
import fc from 'fast-check';
import { bigIntegerLiteral, goodEmail, jsonKey, jsonLeaf, jsonValue, lingdongBody, spacer } from './arbitraries.js';
import { BareInteger, Members, RawNumber, writeJson, type TextValue } from './json-text.js';
import { avoids } from './known-bugs.js';

/** A body and where its target item sits in it. */
export interface BigIdBody {
  text: string;
  /** The id literal the target item carries. */
  id: string;
  /** The target's `mid` literal, also beyond 2^53, when it has one. */
  mid: string | undefined;
  /** The target item's text spans `[start, end)` (UTF-16 offsets). */
  start: number;
  end: number;
}

/** The marker that finds the target item among the events: a key no decoder reads. */
export const TARGET_TAG = 'fuzz-target';

/** String contents that look like big member integers to a regular expression. */
export const trickyString: fc.Arbitrary<TextValue> = fc
  .tuple(fc.constantFrom(':', ': ', '":', '\\":', 'id:', ':\t'), bigIntegerLiteral, fc.constantFrom('}', ']', ',', ' }', '', '.5', 'e3'))
  .map(([before, digits, after]) => `${before}${digits}${after}`);

/** Values that surround the target: tricky strings, big integers in arrays, awkward numbers, anything. */
const surrounding: fc.Arbitrary<TextValue> = fc.oneof(
  trickyString,
  bigIntegerLiteral.map((digits) => [new BareInteger(digits)]),
  bigIntegerLiteral.map((digits) => new BareInteger(digits)),
  fc.constantFrom<TextValue>(new RawNumber('1e400'), new RawNumber('12345678901234567.5'), new RawNumber('-0')),
  jsonValue,
);

const EXTRA_KEYS = ['uid', 'scheduleId', 'contactId', 'note', 'extra', 'tags'];

const targetItem = fc
  .record({
    id: bigIntegerLiteral,
    mid: fc.option(bigIntegerLiteral),
    email: goodEmail,
    extras: fc.array(fc.tuple(fc.constantFrom(...EXTRA_KEYS), surrounding), { maxLength: 3 }),
    group: fc.constantFrom('delivered', 'receipts', 'clicks', 'opens', 'complaints'),
  })
  .chain((g) =>
    fc.shuffledSubarray([0, 1, 2, 3, 4, 5, 6, 7, 8], { minLength: 9, maxLength: 9 }).map((order) => {
      const entries: (readonly [string, TextValue])[] = [
        ['id', new BareInteger(g.id)],
        ['email', g.email.text],
        [TARGET_TAG, true],
        ['createdAt', '2014-06-27 15:02:20'],
        ...(g.mid === null ? [] : [['mid', new BareInteger(g.mid)] as const]),
        ...(g.group === 'delivered' || g.group === 'receipts' ? [['status', 'success'] as const] : []),
        ...g.extras,
      ];
      const sorted = entries.map((entry, index) => [order[index % order.length]! * 100 + index, entry] as const);
      sorted.sort((a, b) => a[0] - b[0]);
      return { group: g.group, id: g.id, mid: g.mid ?? undefined, item: new Members(sorted.map(([, entry]) => entry)) };
    }),
  );

/**
 * Another integer literal that `JSON.parse` rounds to the same number as `digits` (a near twin), if one is close.
 * @param digits An integer literal beyond 2^53.
 */
export function roundingTwin(digits: string): string | undefined {
  const exact = BigInt(digits);
  for (const delta of [1n, -1n, 2n, -2n, 3n, -3n]) {
    const twin = (exact + delta).toString();
    if (twin.replace('-', '').length === digits.replace('-', '').length && Number(twin) === Number(digits)) return twin;
  }
  return undefined;
}

/**
 * An item whose `id` appears twice: first the target id's near twin (dropped by JSON.parse, which keeps the last
 * duplicate), then a small id. Only the digits of members JSON.parse kept may reach an event.
 */
function decoyItem(targetId: string): TextValue | undefined {
  const twin = roundingTwin(targetId);
  if (twin === undefined) return undefined;
  return new Members([
    ['id', new BareInteger(twin)],
    ['id', 5],
    ['email', 'decoy@example.com'],
    ['status', 'success'],
  ]);
}

const PLACEHOLDER = '\u0000fuzz-placeholder\u0000';

/**
 * A Lingdong body whose target item carries a big bare `id` (and maybe `mid`), placed among other groups and
 * items, after optional padding that may push it past the first 4 KiB.
 */
export const bigIdBody: fc.Arbitrary<BigIdBody> = fc
  .record({
    target: targetItem,
    before: fc.array(fc.oneof(surrounding, jsonValue), { maxLength: 2 }),
    after: fc.array(fc.oneof(surrounding, jsonValue), { maxLength: 2 }),
    others: lingdongBody,
    padding: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 6000 })),
    padFirst: fc.boolean(),
    decoy: fc.constantFrom(undefined, 'same group', 'replies'),
    space: spacer,
  })
  .map((g) => {
    const groupItems: TextValue[] = [...g.before, PLACEHOLDER, ...g.after];
    const members: (readonly [string, TextValue])[] = g.others.entries.filter(([key]) => key !== g.target.group && key !== 'replies');
    // A decoy before the target: the open duplicate-name bug's input, left out while it is open.
    const decoy = g.decoy === undefined || avoids('duplicateNameDigits') ? undefined : decoyItem(g.target.id);
    if (decoy !== undefined && g.decoy === 'same group') groupItems.unshift(decoy);
    if (decoy !== undefined && g.decoy === 'replies') members.unshift(['replies', [decoy]]);
    const pad: readonly [string, TextValue] = ['padding', `:${'1'.repeat(17)}}`.padEnd(g.padding, 'x')];
    const targetGroup: readonly [string, TextValue] = [g.target.group, groupItems];
    const body = new Members(g.padFirst ? [pad, ...members, targetGroup] : [...members, targetGroup, pad]);
    const skeleton = writeJson(body, g.space);
    const itemText = writeJson(g.target.item, g.space);
    const marker = JSON.stringify(PLACEHOLDER);
    const start = skeleton.indexOf(marker);
    return {
      text: skeleton.slice(0, start) + itemText + skeleton.slice(start + marker.length),
      id: g.target.id,
      mid: g.target.mid,
      start,
      end: start + itemText.length,
    };
  });

/** Member names a digit restorer may trip on: plain ones, ones that need escaping, integer-like ones. */
const restorerKey = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('id', 'mid', 'messageId', 'a', 'task_id', '__proto__') },
  { weight: 1, arbitrary: fc.constantFrom('i"d', 'id\\', 'id ', 'ıd', '0', '17', '-1', '') },
  { weight: 2, arbitrary: jsonKey },
);

/**
 * Documents dense with integers beyond 2^53: as member values under plain and awkward names, as array elements,
 * next to strings that look like them, near-twins that round to the same double, floats of the same size.
 */
export const bigNumberDocument: fc.Arbitrary<TextValue> = fc.letrec<{ value: TextValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 3, arbitrary: bigIntegerLiteral.map((digits): TextValue => new BareInteger(digits)) },
    {
      weight: 1,
      arbitrary: bigIntegerLiteral.map((digits): TextValue => new BareInteger(roundingTwin(digits) ?? digits)),
    },
    { weight: 2, arbitrary: trickyString },
    { weight: 2, arbitrary: jsonLeaf },
    {
      weight: 1,
      arbitrary: fc.constantFrom<TextValue>(new RawNumber('12345678901234567.5'), new RawNumber('1e20'), new RawNumber('-98765432109876543e3')),
    },
    { weight: 2, arbitrary: fc.array(tie('value'), { maxLength: 5 }) },
    { weight: 3, arbitrary: fc.array(fc.tuple(restorerKey, tie('value')), { maxLength: 5 }).map((entries) => new Members(entries)) },
  ),
})).value;
