/**
 * Numbers JSON.parse cannot keep: out of range (`1e400`), 40-digit integers, and longer ones, in every numeric
 * field of both providers.
 */
import { describe, expect, it } from 'vitest';
import type { WebhookResult } from '../../src/index.js';
import { parseAndCheck } from '../fuzz/check-result.js';
import { OPEN_BUGS } from '../fuzz/known-bugs.js';
import { lingdongDelivery, sendpulseDelivered } from './bodies.js';

function result(body: string): WebhookResult {
  const outcome = parseAndCheck(body);
  if (!('events' in outcome)) throw new Error(`expected a result, got ${outcome.code}: ${outcome.message}`);
  return outcome;
}

const FORTY = '1234567890123456789012345678901234567890';
const OUT_OF_RANGE = ['1e400', '-1e400', '1.7976931348623157e309'];

/** The issue paths of a body, or `[]` with its events. */
function issuePaths(body: string) {
  return result(body).issues.map((issue) => issue.path);
}

describe('numbers out of range (1e400)', () => {
  for (const literal of OUT_OF_RANGE) {
    it(`${literal} as a SendPulse timestamp, code, or subject`, () => {
      expect(issuePaths(`[${sendpulseDelivered('a@b.io').replace('1717060001', literal)}]`)).toEqual([[0, 'timestamp']]);
      // Text fields take strings and finite numbers: an infinite one makes the item an issue.
      expect(issuePaths(`[${sendpulseDelivered('a@b.io').replace('"250"', literal)}]`)).toEqual([
        [0, 'smtp_server_response_code'],
      ]);
      expect(issuePaths(`[${sendpulseDelivered('a@b.io', `,"subject":${literal}`)}]`)).toEqual([[0, 'subject']]);
    });

    it(`${literal} as a Lingdong id, time or coordinate`, () => {
      expect(issuePaths(`{"delivered":[${lingdongDelivery(literal, 'a@b.io')}]}`)).toEqual([['delivered', 0, 'id']]);
      expect(issuePaths(`{"delivered":[${lingdongDelivery('1', 'a@b.io', `,"updatedAt":${literal}`)}]}`)).toEqual([
        ['delivered', 0, 'updatedAt'],
      ]);
      expect(issuePaths(`{"opens":[{"email":"a@b.io","latitude":${literal}}]}`)).toEqual([['opens', 0, 'latitude']]);
    });
  }

  it('1e-400 (which JSON.parse makes 0) is an ordinary number', () => {
    const { events } = result(`{"opens":[{"email":"a@b.io","latitude":1e-400,"longitude":-1e-400}]}`);
    expect((events[0] as { geo?: unknown }).geo).toEqual({ latitude: 0, longitude: -0 });
  });
});

describe('40-digit integers', () => {
  it('as Lingdong id and mid: kept to the last digit, either sign', () => {
    for (const digits of [FORTY, `-${FORTY}`]) {
      const { events } = result(`{"delivered":[${lingdongDelivery(digits, 'a@b.io', `,"mid":${digits}`)}]}`);
      expect(events[0]).toMatchObject({ id: digits, messageId: digits });
      expect(events[0]?.raw).toMatchObject({ id: digits, mid: digits });
    }
  });

  it('as SendPulse message_id and task_id: kept to the last digit', () => {
    const body = `[${sendpulseDelivered('a@b.io', `,"task_id":${FORTY}`).replace('1149320001', FORTY)}]`;
    expect(result(body).events[0]).toMatchObject({ messageId: FORTY, campaign: FORTY });
  });

  it('as array elements in a field no decoder reads: kept in raw', () => {
    const { events } = result(`[${sendpulseDelivered('a@b.io', `,"tags":[${FORTY},-${FORTY},1]`)}]`);
    expect(events[0]?.raw.tags).toEqual([FORTY, `-${FORTY}`, 1]);
  });

  it('as times and coordinates: out of range, so issues', () => {
    expect(issuePaths(`[${sendpulseDelivered('a@b.io').replace('1717060001', FORTY)}]`)).toEqual([[0, 'timestamp']]);
    expect(issuePaths(`{"delivered":[${lingdongDelivery('1', 'a@b.io', `,"updatedAt":${FORTY}`)}]}`)).toEqual([
      ['delivered', 0, 'updatedAt'],
    ]);
    expect(issuePaths(`{"clicks":[{"email":"a@b.io","longitude":${FORTY}}]}`)).toEqual([['clicks', 0, 'longitude']]);
  });

  it('as the whole body: not a webhook', () => {
    const outcome = parseAndCheck(FORTY);
    expect('code' in outcome && outcome.code).toBe('unknown_provider');
  });
});

describe('integers of 309 digits and more (beyond the largest double)', () => {
  const digits = `1${'7'.repeat(399)}`;
  (OPEN_BUGS.hugeIntegerToInfinity ? it.fails : it)('a 400-digit Lingdong id keeps every digit', () => {
    const { events } = result(`{"delivered":[${lingdongDelivery(digits, 'a@b.io')}]}`);
    expect(events[0]?.id).toBe(digits);
  });

  it('a 400-digit number anywhere ends in a result or a WebhookError', () => {
    parseAndCheck(`[${sendpulseDelivered('a@b.io', `,"message_id":${digits},"tags":[${digits}]`)}]`);
    parseAndCheck(`{"delivered":[${lingdongDelivery(digits, 'a@b.io', `,"mid":-${digits}`)}]}`);
  });
});
