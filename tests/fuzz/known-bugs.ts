/**
 * Bugs the fuzzing found that src/ has not fixed yet. While a flag is `true`:
 * - its regression tests (tests/fuzz/regressions.test.ts, tests/limits) run as `it.fails`, so they turn red the
 *   day the fix lands and the flag must be flipped;
 * - the properties skip (`fc.pre`) the inputs that trigger it, so they keep hunting for other bugs.
 * `npm run fuzz -- --include-open-bugs` (or `FUZZ_INCLUDE_OPEN_BUGS=1`) ignores the flags and reports them.
 * When a fix lands, set its flag to `false`; nothing else changes.
 */
export const OPEN_BUGS = {
  /**
   * Provider tables (`EVENT_TYPES`, `ACTIVITY_GROUPS`, `BOUNCE_KINDS`) are plain objects looked up with names
   * from the body, so `constructor`, `toString`, `__proto__`... resolve to Object.prototype members:
   * `[{"event":"constructor","recipient":"a@b.io"}]` yields an event whose `type` is the `Object` function.
   */
  prototypeKeyLookup: false,
  /**
   * An already-parsed body is not depth-checked, and derived ids `JSON.stringify` item fields: a deeply nested,
   * cyclic or BigInt field throws a bare RangeError/TypeError instead of a WebhookError or a result.
   */
  parsedValueStringify: false,
  /**
   * Valibot's `looseObject` accepts arrays, and the schema of an item of an unknown Lingdong group has no required
   * key, so an array item there (`{"delivered":[],"replies":[[]]}`) is explained as "could not be decoded".
   */
  arrayItemInUnknownGroup: false,
  /**
   * `restoreMemberIntegers` takes the first member of the right name and rounded value. A dropped duplicate member
   * (JSON.parse keeps the last of a repeated name) that holds a big integer lends its digits to a big id after it,
   * even in another object: `{"replies":[{"id":222016111000001235,"id":5}],"delivered":[{"id":222016111000001234,
   * ...}]}` gives the delivery the id `...235`. The container count added in 6322cf1 catches dropped members that
   * hold objects or arrays, not these.
   */
  duplicateNameDigits: true,
  /**
   * An integer literal of 309 digits or more parses to `Infinity`, which the lossless reader does not count as
   * rounded: `{"delivered":[{"id":1777…(400 digits),...}]}` becomes an issue whose input has `id: Infinity`.
   */
  hugeIntegerToInfinity: false,
  /**
   * In strict mode the error message embeds the path of the bad item, and a Lingdong path starts with the group
   * name, a key of the body: `{"delivered":[],"x\n[ERROR] forged":[5]}` puts a newline (or ANSI escapes, or a
   * megabyte of text) into `WebhookError.message`, which adapters send back and hand to `onError` for logging.
   */
  strictMessageEchoesKeys: false,
  /**
   * A wall-clock time that occurs twice (the clocks went back) is read as the later instant in zones east of UTC,
   * though the documented rule (Temporal's `compatible`) takes the earlier one: `2024-10-27 01:30:00` in
   * Europe/London gives 01:30Z (GMT) instead of 00:30Z (BST); `2027-04-04 01:45:00` in Australia/Lord_Howe gives
   * 15:15Z instead of 14:45Z. Zones west of UTC (America/New_York) get the earlier one.
   */
  ambiguousTimeTakesLater: false,
};

let includeOpenBugs = false;

/** Makes the properties generate the inputs of open bugs too (the long run's `--include-open-bugs`). */
export function setIncludeOpenBugs(include: boolean): void {
  includeOpenBugs = include;
}

/** Whether a name resolves through `Object.prototype` when looked up on a plain object. */
export function isPrototypeMemberName(name: unknown): boolean {
  return typeof name === 'string' && name.trim() in Object.prototype;
}

/**
 * Whether a parsed body would trigger the open prototype-lookup bug: a top-level key, or an item's `event` or
 * `status`, that names an Object.prototype member.
 * @param value The parsed body.
 */
function triggersPrototypeLookup(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const items: unknown[] = [];
  if (Array.isArray(value)) items.push(...value);
  else {
    items.push(value);
    for (const key of Object.keys(value)) {
      if (isPrototypeMemberName(key)) return true;
      const group = (value as Record<string, unknown>)[key];
      if (Array.isArray(group)) items.push(...group);
    }
  }
  return items.some(
    (item) =>
      typeof item === 'object' &&
      item !== null &&
      (isPrototypeMemberName((item as Record<string, unknown>).event) ||
        isPrototypeMemberName((item as Record<string, unknown>).status)),
  );
}

/**
 * Whether the properties must avoid the inputs of an open bug (it is open, and not asked for).
 * @param bug The bug's flag in {@link OPEN_BUGS}.
 */
export function avoids(bug: keyof typeof OPEN_BUGS): boolean {
  return OPEN_BUGS[bug] && !includeOpenBugs;
}

/**
 * Whether an input must be skipped because it triggers a bug that is still open.
 * @param parsed The body as parsed JSON (or `undefined` when it does not parse).
 */
export function hitsOpenBug(parsed: unknown): boolean {
  return (
    (avoids('prototypeKeyLookup') && triggersPrototypeLookup(parsed)) ||
    (avoids('arrayItemInUnknownGroup') && hasArrayItemInUnknownGroup(parsed)) ||
    (avoids('strictMessageEchoesKeys') && hasUnprintableKey(parsed))
  );
}

/** Characters that must never reach a log line unescaped: controls (C0, DEL, C1) and line separators. */
export const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** Whether a top-level key of an object body has unprintable characters or is very long. */
function hasUnprintableKey(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return Object.keys(value).some((key) => UNPRINTABLE.test(key) || key.length > 200);
}

const ITEM_GROUPS_WITH_REQUIRED_KEYS = new Set(['delivered', 'receipts', 'opens', 'clicks', 'unsubscriptions', 'complaints', 'subscriptions']);

/** Whether an object body has an array item in a group other than the activity and delivery groups. */
function hasArrayItemInUnknownGroup(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return Object.entries(value).some(
    ([key, group]) => !ITEM_GROUPS_WITH_REQUIRED_KEYS.has(key) && Array.isArray(group) && group.some(Array.isArray),
  );
}
