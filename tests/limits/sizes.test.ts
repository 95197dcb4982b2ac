/**
 * 10 MB strings inside an item, in every kind of field: each ends in a correct result (the text kept whole, or
 * the item an issue) or a WebhookError.
 */
import { describe, expect, it } from 'vitest';
import type { WebhookResult } from '../../src/index.js';
import { parseAndCheck } from '../fuzz/check-result.js';
import { HUGE, hugeIdLiteral, hugeLocation, hugeSubject, lingdongDelivery, sendpulseDelivered } from './bodies.js';

function result(body: string): WebhookResult {
  const outcome = parseAndCheck(body);
  if (!('events' in outcome)) throw new Error(`expected a result, got ${outcome.code}: ${outcome.message}`);
  return outcome;
}

const MB = `${HUGE / 1024 / 1024} MB`;
const huge = 'x'.repeat(HUGE);

describe(`${MB} strings`, () => {
  it('a subject is kept whole', () => {
    const { events } = result(hugeSubject(HUGE));
    expect(events[0]?.subject).toHaveLength(HUGE);
  });

  it('a Lingdong dsn is kept whole as the SMTP text, its code still read', () => {
    const { events } = result(`{"delivered":[${lingdongDelivery('1', 'a@b.io').replace('"smtp;250 ok"', `"smtp;250 ${huge}"`)}]}`);
    expect(events[0]).toMatchObject({ type: 'delivered', smtp: { code: 250 } });
    expect((events[0] as { smtp?: { text?: string } }).smtp?.text).toHaveLength(HUGE + "smtp;250 ".length);
  });

  it('a location of slashes keeps everything past the second in the city', () => {
    const { events } = result(hugeLocation(HUGE));
    expect((events[0] as { geo?: { city?: string } }).geo?.city).toHaveLength(HUGE - 2);
  });

  it('a recipient that long is not an address: an issue', () => {
    const { events, issues } = result(`[${sendpulseDelivered(`${huge}@b.io`)}]`);
    expect(events).toEqual([]);
    expect(issues.map((issue) => [issue.path, issue.message])).toEqual([[[0, 'recipient'], 'not an email address']]);
  });

  it('an event name that long is an unknown event of that name', () => {
    const { events } = result(`[{"event":"${huge}","recipient":"a@b.io"}]`);
    expect(events[0]).toMatchObject({ type: 'unknown', recipient: 'a@b.io' });
    expect((events[0] as { providerEvent?: string }).providerEvent).toHaveLength(HUGE);
  });

  it('a timestamp of that many digits is out of range: an issue', () => {
    const { issues } = result(`[${sendpulseDelivered('a@b.io').replace('1717060001', `"${'1'.repeat(HUGE)}"`)}]`);
    expect(issues.map((issue) => issue.path)).toEqual([[0, 'timestamp']]);
  });

  it('a Lingdong time of that length is unreadable: an issue', () => {
    const { issues } = result(`{"opens":[{"email":"a@b.io","createdAt":"2014-06-27 ${huge}"}]}`);
    expect(issues.map((issue) => issue.path)).toEqual([['opens', 0, 'createdAt']]);
  });

  it('a member name that long, and whitespace that long between tokens, change nothing', () => {
    const { events } = result(`[${sendpulseDelivered('a@b.io', `,"${huge}":1`)}${' '.repeat(HUGE)}]`);
    expect(events).toHaveLength(1);
  });

  it('an id literal of that many digits keeps every digit', () => {
    const { events } = result(hugeIdLiteral(HUGE));
    expect(events[0]?.id).toBe(`1${'7'.repeat(HUGE - 1)}`);
  });

  it('a string of escaped lone surrogates that long is kept as it is', () => {
    const { events } = result(hugeSubject(8).replace('"xxxxxxxx"', `"${'\\ud800'.repeat(HUGE / 6)}"`));
    expect(events[0]?.subject).toBe('\ud800'.repeat(HUGE / 6));
  });
});
