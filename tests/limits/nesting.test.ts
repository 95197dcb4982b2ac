/**
 * Deep nesting: 10^5 levels of arrays and of objects, as text, as bytes and as already-parsed values. Each must end
 * in a WebhookError or a correct result, never a stack overflow.
 */
import { describe, expect, it } from 'vitest';
import { isWebhookError, parseWebhook, type WebhookError } from '../../src/index.js';
import { parseAndCheck } from '../fuzz/check-result.js';
import { OPEN_BUGS } from '../fuzz/known-bugs.js';
import { DEEP, deepArrays, deepObjects, deepValue, lingdongDelivery, lingdongWithDeepField } from './bodies.js';

const utf8 = new TextEncoder();

function refusal(body: unknown): WebhookError {
  const outcome = parseAndCheck(body);
  if (!('code' in outcome)) throw new Error('expected a WebhookError, got a result');
  return outcome;
}

describe(`text nested ${DEEP.toLocaleString('en')} levels`, () => {
  // Bodies that no provider claims are refused by their shape, before the walk that checks depth: the cheapest
  // answer. Bodies a provider claims, or that the provider option names, are refused for their depth.
  for (const [name, text, code] of [
    ['arrays', deepArrays(DEEP), 'unknown_provider'],
    ['objects', deepObjects(DEEP), 'unknown_provider'],
    ['arrays, never closed', '['.repeat(DEEP), 'invalid_json'],
    ['objects, never closed', '{"a":'.repeat(DEEP), 'invalid_json'],
    ['a field of a valid Lingdong item', lingdongWithDeepField(DEEP), 'invalid_json'],
  ] as const) {
    it(`${name}: ${code}, as text and as bytes`, () => {
      for (const body of [text, utf8.encode(text)]) {
        const error = refusal(body);
        expect(error.code).toBe(code);
        expect(error.status).toBe(400);
      }
    });
  }

  it('arrays and objects with the provider named: invalid_json for their depth', () => {
    for (const text of [deepArrays(DEEP), deepObjects(DEEP)]) {
      expect(() => parseWebhook(text, { provider: 'lingdong' })).toThrowError(expect.objectContaining({ code: 'invalid_json' }));
    }
  });

  it('64 levels are accepted, 65 are not', () => {
    // The body is level 1, `delivered` 2, the item 3; `extra` adds the rest.
    const at = (levels: number) => `{"delivered":[${lingdongDelivery('1', 'a@b.io', `,"extra":${deepArrays(levels - 3)}`)}]}`;
    const accepted = parseAndCheck(at(64));
    expect('events' in accepted && accepted.events).toHaveLength(1);
    expect(refusal(at(65)).code).toBe('invalid_json');
  });
});

describe(`already-parsed values nested ${DEEP.toLocaleString('en')} levels`, () => {
  it('a whole body of nested arrays or objects: unknown_provider', () => {
    expect(refusal(deepValue(DEEP, 'array')).code).toBe('unknown_provider');
    expect(refusal(deepValue(DEEP, 'object')).code).toBe('unknown_provider');
  });

  it('with provider named: invalid_payload', () => {
    expect(() => parseWebhook(deepValue(DEEP, 'array'), { provider: 'lingdong' })).toThrowError(
      expect.objectContaining({ code: 'invalid_payload' }),
    );
  });

  // express.json() parses 10^5 levels without complaint and hands the value over.
  (OPEN_BUGS.parsedValueStringify ? it.fails : it)('deep fields of items: a result or a WebhookError, no RangeError', () => {
    for (const kind of ['array', 'object'] as const) {
      const deep = deepValue(DEEP, kind);
      for (const body of [
        [{ event: 'delivered', recipient: 'a@b.io', book_id: deep }],
        [{ event: 'deferred', task_id: 1, book_id: deep }],
        { delivered: [{ email: 'a@b.io', status: 'deferred', url: deep }] },
        { delivered: [], replies: [{ email: deep }] },
      ]) {
        try {
          parseWebhook(body);
        } catch (error) {
          if (!isWebhookError(error)) throw error;
        }
      }
    }
  });

  it('deep fields that decoders never read are left alone', () => {
    const deep = deepValue(DEEP, 'object');
    const outcome = parseAndCheck({ delivered: [{ id: 1, email: 'a@b.io', status: 'success', extra: deep }] });
    expect('events' in outcome && outcome.events[0]?.raw.extra).toBe(deep);
  });
});
