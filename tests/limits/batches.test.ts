/**
 * 100 000-item batches of both providers: every item accounted for, every big id exact.
 */
import { describe, expect, it } from 'vitest';
import type { WebhookResult } from '../../src/index.js';
import { parseAndCheck } from '../fuzz/check-result.js';
import { DEFAULT_MAX_ITEMS } from '../../src/index.js';
import { bigId, lingdongBatch, MANY, sendpulseBatch, sendpulseDelivered } from './bodies.js';

// Past the default `maxItems` on purpose: what a caller who raises it gets.
function result(body: string): WebhookResult {
  const outcome = parseAndCheck(body, { maxItems: MANY });
  if (!('events' in outcome)) throw new Error(`expected a result, got ${outcome.code}: ${outcome.message}`);
  return outcome;
}

describe(`${MANY.toLocaleString('en')}-item batches`, () => {
  it('are refused under the default maxItems, before any item is decoded', () => {
    for (const body of [sendpulseBatch(MANY), lingdongBatch(MANY)]) {
      const outcome = parseAndCheck(body);
      expect('code' in outcome && [outcome.code, outcome.status]).toEqual(['payload_too_large', 413]);
    }
    const atTheLimit = parseAndCheck(sendpulseBatch(DEFAULT_MAX_ITEMS));
    expect('events' in atTheLimit && atTheLimit.events.length + atTheLimit.issues.length).toBe(DEFAULT_MAX_ITEMS);
  });

  it('SendPulse: 9 in 10 become events, the rest issues at their index', () => {
    const { events, issues } = result(sendpulseBatch(MANY));
    expect(events).toHaveLength(MANY * 0.9);
    expect(issues).toHaveLength(MANY * 0.1);
    expect(issues.every((issue, k) => issue.path[0] === k * 10 + 9)).toBe(true);
  });

  it('Lingdong: 9 in 10 become events, and every id beyond 2^53 keeps its digits', () => {
    const { events, issues } = result(lingdongBatch(MANY));
    expect(events).toHaveLength(MANY * 0.9);
    expect(issues).toHaveLength(MANY * 0.1);
    const expected = new Set<string>();
    for (let i = 0; i < MANY; i++) if (i % 10 !== 9) expected.add(bigId(i));
    expect(new Set(events.map((event) => event.id))).toEqual(expected);
  });

  it(`one item with ${MANY.toLocaleString('en')} members, and a field holding ${MANY.toLocaleString('en')} elements`, () => {
    const members = Array.from({ length: MANY }, (_, i) => `"k${i}":${i}`).join(',');
    const elements = Array.from({ length: MANY }, (_, i) => String(i)).join(',');
    const { events } = result(`[${sendpulseDelivered('a@b.io', `,${members},"list":[${elements}]`)}]`);
    expect(events).toHaveLength(1);
    expect(events[0]?.raw.list).toHaveLength(MANY);
  });
});
