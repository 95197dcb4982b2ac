/**
 * The smallest counterexamples the fuzzing found, kept as plain tests. A test of a bug still open in src/ runs as
 * `it.fails` (see known-bugs.ts): it turns red when the fix lands, and the flag is then set to `false`.
 */
import { describe, expect, it } from 'vitest';
import { isWebhookError, parseWebhook, type WebhookResult } from '../../src/index.js';
import { DISAGREEMENT_MESSAGE, parseAndCheck } from './check-result.js';
import { OPEN_BUGS, UNPRINTABLE } from './known-bugs.js';

/** `it` for fixed bugs, `it.fails` for open ones. */
function itUnless(open: boolean) {
  return open ? it.fails : it;
}

/**
 * For already-parsed values the contract asks only for a result or a WebhookError (a body refused whole, like a
 * text body nested too deep, is fine).
 */
function expectResultOrWebhookError(body: unknown): void {
  try {
    parseWebhook(body);
  } catch (error) {
    if (!isWebhookError(error)) throw error;
  }
}

function result(body: unknown): WebhookResult {
  const outcome = parseAndCheck(body);
  if (isWebhookError(outcome)) throw new Error(`expected a result, got ${outcome.code}: ${outcome.message}`);
  return outcome;
}

describe('names of Object.prototype members in bodies (prototypeKeyLookup)', () => {
  const test = itUnless(OPEN_BUGS.prototypeKeyLookup);

  test('a SendPulse event named "constructor" is an unknown event, not one whose type is a function', () => {
    const { events } = result('[{"event":"constructor","recipient":"a@b.io"}]');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'unknown', providerEvent: 'constructor', recipient: 'a@b.io' });
  });

  test('a SendPulse event named "__proto__" without a recipient is an unknown event too', () => {
    const { events, issues } = result('[{"event":"__proto__","task_id":1}]');
    expect(issues).toEqual([]);
    expect(events[0]).toMatchObject({ type: 'unknown', providerEvent: '__proto__' });
  });

  test('a Lingdong delivery with status "constructor" is an unknown event, not a bounce of kind Object', () => {
    const { events } = result('{"delivered":[{"email":"a@b.io","status":"constructor"}]}');
    expect(events[0]).toMatchObject({ type: 'unknown', providerEvent: 'constructor' });
  });

  test('a Lingdong status "toString" without an email is not explained as "could not be decoded"', () => {
    const { events, issues } = result('{"delivered":[{"status":"toString"}]}');
    expect(events.length + issues.length).toBe(1);
    for (const issue of issues) expect(issue.message).not.toBe(DISAGREEMENT_MESSAGE);
  });

  test('Lingdong groups "toString" and "__proto__" are unknown groups whose items pass through', () => {
    const { events } = result('{"delivered":[],"toString":[{"email":"a@b.io"}],"__proto__":[{"email":"c@d.io"}]}');
    expect(events.map((event) => [event.type, (event as { providerEvent?: string }).providerEvent])).toEqual([
      ['unknown', 'toString'],
      ['unknown', '__proto__'],
    ]);
  });

  test('a "constructor" key holding metadata is not a group, so it is no issue', () => {
    const { events, issues } = result('{"delivered":[],"constructor":5,"__proto__":"x"}');
    expect(events).toEqual([]);
    expect(issues).toEqual([]);
  });

  test('a body of only a "constructor" array is not detected as Lingdong', () => {
    expect(() => parseWebhook('{"constructor":[]}')).toThrowError(expect.objectContaining({ code: 'unknown_provider' }));
  });
});

describe('array items in unknown Lingdong groups (arrayItemInUnknownGroup)', () => {
  itUnless(OPEN_BUGS.arrayItemInUnknownGroup)('an array item is explained as not an object', () => {
    const { issues } = result('{"delivered":[],"replies":[[]],"forwards":[[1,2]]}');
    expect(issues.map((issue) => issue.path)).toEqual([['replies', 0], ['forwards', 0]]);
    for (const issue of issues) expect(issue.message).toMatch(/expected an object, got an array/);
  });
});

describe('already-parsed bodies that JSON.stringify cannot write (parsedValueStringify)', () => {
  const test = itUnless(OPEN_BUGS.parsedValueStringify);

  test('a cyclic field (book_id) gives a result or a WebhookError, not a TypeError', () => {
    const item: Record<string, unknown> = { event: 'delivered', recipient: 'a@b.io' };
    item.book_id = item;
    expectResultOrWebhookError([item]);
  });

  test('a field nested 10 000 deep (what express.json() hands over) gives no RangeError', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 10_000; i++) deep = [deep];
    expectResultOrWebhookError([{ event: 'delivered', recipient: 'a@b.io', book_id: deep }]);
    expectResultOrWebhookError({ delivered: [{ status: 'deferred', url: deep }] });
  });
});

describe('ids beyond 2^53 next to duplicate member names (duplicateNameDigits)', () => {
  const test = itUnless(OPEN_BUGS.duplicateNameDigits);

  test('a dropped duplicate in another group does not lend its digits to the id', () => {
    const body =
      '{"replies":[{"id":222016111000001235,"id":5}],' +
      '"delivered":[{"id":222016111000001234,"email":"a@b.io","status":"success"}]}';
    const { events } = result(body);
    expect(events.map((event) => event.id)).toEqual(['5', '222016111000001234']);
  });

  test('within one item the last duplicate wins, as JSON.parse decides', () => {
    const body = '{"delivered":[{"id":222016111000001235,"id":222016111000001234,"email":"a@b.io","status":"success"}]}';
    expect(result(body).events[0]!.id).toBe('222016111000001234');
  });
});

describe('body keys in strict-mode error messages (strictMessageEchoesKeys)', () => {
  itUnless(OPEN_BUGS.strictMessageEchoesKeys)('the message stays one short printable line', () => {
    for (const key of ['x\n[ERROR] admin logged in\u001b[31m', 'A'.repeat(100_000)]) {
      const body = JSON.stringify({ delivered: [], [key]: [5] });
      let message = '';
      try {
        parseWebhook(body, { strict: true });
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toMatch(/^bad item: /);
      expect(message).not.toMatch(UNPRINTABLE);
      expect(message.length).toBeLessThan(1000);
    }
  });
});

describe('wall-clock times that occur twice (ambiguousTimeTakesLater)', () => {
  const at = (createdAt: string, timeZone: string) =>
    result(JSON.stringify({ opens: [{ email: 'a@b.io', createdAt }] })).events.length === 1 &&
    parseWebhook(JSON.stringify({ opens: [{ email: 'a@b.io', createdAt }] }), { timeZone }).events[0]?.occurredAt?.toISOString();

  itUnless(OPEN_BUGS.ambiguousTimeTakesLater)('east of UTC the earlier instant is taken, as Temporal does', () => {
    expect(at('2024-10-27 01:30:00', 'Europe/London')).toBe('2024-10-27T00:30:00.000Z');
    expect(at('2027-04-04 01:45:00', 'Australia/Lord_Howe')).toBe('2027-04-03T14:45:00.000Z');
    expect(at('2024-04-07 02:30:00', 'Australia/Sydney')).toBe('2024-04-06T15:30:00.000Z');
  });

  it('west of UTC the earlier instant is taken', () => {
    expect(at('2024-11-03 01:30:00', 'America/New_York')).toBe('2024-11-03T05:30:00.000Z');
  });

  it('a skipped time is moved forward by the gap', () => {
    expect(at('2024-03-10 02:30:00', 'America/New_York')).toBe('2024-03-10T07:30:00.000Z');
    expect(at('2024-03-31 01:30:00', 'Europe/London')).toBe('2024-03-31T01:30:00.000Z');
  });
});

describe('tricky inputs that decode correctly', () => {
  it('a BigInt field (from a BigInt-aware JSON parser) gives a result', () => {
    const { events } = result([{ event: 'deferred', recipient: 'a@b.io', message_id: 222016111000001234n }]);
    expect(events).toHaveLength(1);
  });

  it('a big id stays exact when the same digits sit after a colon inside a string', () => {
    const body =
      '{"delivered":[{"note":"x:222016111000001234}","id":222016111000001234,"email":"a@b.io","status":"success"}]}';
    expect(result(body).events[0]!.id).toBe('222016111000001234');
  });

  it('a big id under a "__proto__" key is kept as an own member and pollutes nothing', () => {
    const { events } = result('{"delivered":[{"__proto__":222016111000001234,"email":"a@b.io","status":"success"}]}');
    expect(Object.getOwnPropertyDescriptor(events[0]!.raw, '__proto__')?.value).toBe('222016111000001234');
    expect(Object.getPrototypeOf(events[0]!.raw)).toBe(Object.prototype);
  });
});
