import { describe, expect, it } from 'vitest';
import { detectProvider, isWebhookError, parseWebhook, WebhookError } from '../src/index.js';
import { fixtureBytes, fixtureText } from './helpers/fixtures.js';

function errorOf(run: () => unknown): WebhookError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(WebhookError);
    return error as WebhookError;
  }
  throw new Error('expected a WebhookError');
}

describe('parseWebhook: bodies', () => {
  it('accepts strings, Uint8Array, ArrayBuffer and already-parsed values alike', () => {
    const bytes = fixtureBytes('sendpulse/mixed-batch.json');
    const fromBytes = parseWebhook(bytes);
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    expect(parseWebhook(buffer)).toEqual(fromBytes);
    expect(parseWebhook(fixtureText('sendpulse/mixed-batch.json'))).toEqual(fromBytes);
    expect(parseWebhook(JSON.parse(fixtureText('sendpulse/mixed-batch.json')))).toEqual(fromBytes);
  });

  it('an already-parsed Lingdong body gets derived ids where JSON.parse rounded big ids, never the rounded digits', () => {
    const { events, issues } = parseWebhook(JSON.parse(fixtureText('lingdong/article.json')));
    expect(issues).toEqual([]);
    // 2201602002317593 is below 2^53 and survives JSON.parse; 222016111000001234 does not.
    expect(events.map((event) => event.id)).toEqual([
      '2201602002317593', '2cccd23cb2ffc321', '4e5f34340fdc7c91', '8974c8963da3c54d', '361de1e0597840c5',
      'b5e8ed6b53275d7e', 'ecb561c8ba561474',
    ]);
    expect(parseWebhook(fixtureBytes('lingdong/article.json')).events[4]!.id).toBe('222016111000001234');
    // Three receipts whose ids JSON.parse rounds to one value stay three events with three ids.
    const receipts = [4, 5, 6].map((last, second) => ({
      id: JSON.parse(`22201611100000123${last}`) as number,
      email: 'a@example.com',
      status: 'success',
      updated: `2024-05-01 10:00:0${second}`,
    }));
    expect(parseWebhook({ receipts }).events.map((event) => event.id)).toEqual([
      'b64b2d5008aaf154', 'c9b1d57d028d633d', '300d93f832483858',
    ]);
  });

  it('accounts for every item of every fixture', () => {
    const cases: [string, number][] = [
      ['lingdong/article.json', 7], ['lingdong/partial-bad.json', 8], ['lingdong/receipts.json', 4],
      ['lingdong/source-isp.json', 2], ['lingdong/subscriptions-and-announced.json', 6],
      ['sendpulse/mixed-batch.json', 13], ['sendpulse/campaign-events.json', 10], ['sendpulse/partial-bad.json', 6],
      ['sendpulse/bounces-newer.json', 4], ['sendpulse/code-as-number.json', 3],
    ];
    for (const [fixture, items] of cases) {
      const { events, issues } = parseWebhook(fixtureBytes(fixture));
      expect(events.length + issues.length, fixture).toBe(items);
    }
  });
});

describe('parseWebhook: errors', () => {
  it('invalid_json for what cannot be read', () => {
    for (const fixture of ['invalid/not-json.txt', 'invalid/empty.txt', 'invalid/invalid-utf8.json', 'sendpulse/batch-trailing-comma.json']) {
      const error = errorOf(() => parseWebhook(fixtureBytes(fixture)));
      expect([error.code, error.status], fixture).toEqual(['invalid_json', 400]);
    }
  });

  it('unknown_provider for JSON of no known shape', () => {
    for (const body of [fixtureBytes('invalid/unknown-shape.json'), '{}', '[1,2,3]', 'null', '"text"', '42', '{"clicks":"no"}']) {
      const error = errorOf(() => parseWebhook(body));
      expect([error.code, error.status]).toEqual(['unknown_provider', 400]);
    }
  });

  it('invalid_payload when the named provider does not match the body', () => {
    const error = errorOf(() => parseWebhook(fixtureBytes('lingdong/article.json'), { provider: 'sendpulse' }));
    expect([error.code, error.status]).toEqual(['invalid_payload', 400]);
    expect(errorOf(() => parseWebhook('[]', { provider: 'lingdong' })).code).toBe('invalid_payload');
    expect(errorOf(() => parseWebhook('"x"', { provider: 'sendpulse' })).code).toBe('invalid_payload');
  });

  it('invalid_payload with the issue in strict mode', () => {
    const error = errorOf(() => parseWebhook(fixtureBytes('sendpulse/partial-bad.json'), { strict: true }));
    expect(error.code).toBe('invalid_payload');
    expect(error.message).toBe('bad item: [1].recipient: missing');
    expect(error.issues).toHaveLength(1);
    expect(parseWebhook(fixtureBytes('sendpulse/mixed-batch.json'), { strict: true }).events).toHaveLength(13);
  });

  it('invalid_options for an unknown zone or provider name', () => {
    const zone = errorOf(() => parseWebhook(fixtureBytes('lingdong/article.json'), { timeZone: 'Mars/Olympus' }));
    expect([zone.code, zone.status]).toEqual(['invalid_options', 500]);
    const provider = errorOf(() => parseWebhook('[]', { provider: 'no-such-provider' as never }));
    expect(provider.code).toBe('invalid_options');
  });

  it('errors are recognisable across realms', () => {
    const error = errorOf(() => parseWebhook('nope'));
    expect(isWebhookError(error)).toBe(true);
    expect(isWebhookError({ name: 'WebhookError', code: 'invalid_json', status: 400 })).toBe(true);
    expect(isWebhookError(new Error('x'))).toBe(false);
    expect(error.name).toBe('WebhookError');
    expect(error.cause).toBeInstanceOf(SyntaxError);
  });
});

describe('parseWebhook: hostile and odd input', () => {
  it('does not resolve names from the body through Object.prototype', () => {
    const sendpulse = parseWebhook('[{"event":"constructor","recipient":"a@b.io"},{"event":"toString","recipient":"x"}]');
    expect(sendpulse.events.map((e) => [e.type, e.type === 'unknown' && e.providerEvent])).toEqual([
      ['unknown', 'constructor'],
      ['unknown', 'toString'],
    ]);
    const lingdong = parseWebhook('{"delivered":[{"id":1,"email":"a@b.io","status":"constructor"}],"__proto__":[{"id":2}]}');
    expect(lingdong.events.map((e) => [e.type, e.type === 'unknown' && e.providerEvent])).toEqual([
      ['unknown', 'constructor'],
      ['unknown', '__proto__'],
    ]);
    expect(Object.prototype).not.toHaveProperty('id');
  });

  it('explains an array item of an unknown group', () => {
    const { issues } = parseWebhook('{"delivered":[],"replies":[[]]}');
    expect(issues.map((i) => [i.path, i.message])).toEqual([[['replies', 0], 'expected an object, got an array']]);
  });

  it('turns anything thrown while decoding an already-parsed value into a WebhookError or an event', () => {
    const cyclic: Record<string, unknown> = { event: 'deferred', recipient: 'a@b.io' };
    cyclic.message_id = cyclic;
    const withBigInt = { event: 'deferred', recipient: 'a@b.io', message_id: 10n };
    const odd = { event: 'deferred', recipient: 'a@b.io', message_id: { toJSON: () => undefined } };
    for (const item of [cyclic, withBigInt, odd]) {
      const { events } = parseWebhook([item]);
      expect(events).toHaveLength(1);
      expect(events[0]!.id).toMatch(/^[0-9a-f]{16}$/);
    }
    const throwing = [{ get event(): string { throw new Error('boom'); } }];
    expect(errorOf(() => parseWebhook(throwing, { provider: 'sendpulse' })).code).toBe('invalid_payload');
  });

  it('accepts null options', () => {
    expect(parseWebhook('[]', null).events).toEqual([]);
  });

  it('keeps keys from the body out of strict error messages as raw text', () => {
    const error = errorOf(() => parseWebhook('{"delivered":[],"x\\n[ERROR] forged":[5]}', { strict: true }));
    expect(error.message).toBe('bad item: "x\\n[ERROR] forged"[0]: expected an object, got a number');
    expect(error.message).not.toContain('\n');
    const long = errorOf(() => parseWebhook(`{"delivered":[],"${'k'.repeat(5000)}!":[5]}`, { strict: true }));
    expect(long.message.length).toBeLessThan(200);
  });

  it('treats blank times as absent and falls back from a blank recipient to email', () => {
    const { events, issues } = parseWebhook([
      { event: 'opened', timestamp: '  ', recipient: 'a@b.io' },
      { event: 'hard_bounces', recipient: null, email: 'c@d.io' },
      { event: 'hard_bounces', recipient: '', email: 'e@f.io' },
    ]);
    expect(issues).toEqual([]);
    expect(events.map((e) => [e.recipient, e.occurredAt])).toEqual([
      ['a@b.io', undefined],
      ['c@d.io', undefined],
      ['e@f.io', undefined],
    ]);
  });

  it('refuses a body of another shape when the provider is named', () => {
    for (const body of ['{"event":"hard_bounces","email":"a@b.io","task_id":1}', '{"hello":"world"}']) {
      expect(errorOf(() => parseWebhook(body, { provider: 'lingdong' })).code).toBe('invalid_payload');
    }
    expect(parseWebhook('{"version":2,"opens":[]}', { provider: 'lingdong' }).events).toEqual([]);
  });
});

describe('parseWebhook: maxItems', () => {
  it('refuses batches of more items than allowed, before decoding any', () => {
    const many = `[${Array(10_001).fill('1').join(',')}]`;
    const error = errorOf(() => parseWebhook(many, { provider: 'sendpulse' }));
    expect([error.code, error.status]).toEqual(['payload_too_large', 413]);
    expect(error.message).toBe('batch holds 10001 items, more than the 10000 allowed');
    expect(parseWebhook(`[${Array(10_000).fill('1').join(',')}]`, { provider: 'sendpulse' }).issues).toHaveLength(10_000);
  });

  it('counts the items of every Lingdong group, and a bare SendPulse object as one', () => {
    const lingdong = fixtureBytes('lingdong/article.json');
    expect(parseWebhook(lingdong, { maxItems: 7 }).events).toHaveLength(7);
    expect(errorOf(() => parseWebhook(lingdong, { maxItems: 6 })).code).toBe('payload_too_large');
    expect(parseWebhook(fixtureBytes('sendpulse/single-object.json'), { maxItems: 1 }).events).toHaveLength(1);
    expect(errorOf(() => parseWebhook('{"clicks":{"x":1},"opens":[]}', { maxItems: 0 })).code).toBe('payload_too_large');
    expect(errorOf(() => parseWebhook('[]', { maxItems: -1 })).code).toBe('invalid_options');
  });
});

describe('detectProvider', () => {
  it('tells the providers apart by shape', () => {
    expect(detectProvider(JSON.parse(fixtureText('lingdong/article.json')))).toBe('lingdong');
    expect(detectProvider({ receipts: [] })).toBe('lingdong');
    expect(detectProvider(JSON.parse(fixtureText('sendpulse/mixed-batch.json')))).toBe('sendpulse');
    expect(detectProvider({ event: 'delivered', recipient: 'a@example.com' })).toBe('sendpulse');
    // `event` and `email` alone are what several providers send: no one claims them.
    expect(detectProvider({ event: 'delivered' })).toBeUndefined();
    expect(detectProvider([{ event: 'delivered', email: 'a@example.com' }])).toBeUndefined();
    expect(detectProvider([null, { event: 'opened' }])).toBe('sendpulse');
    expect(detectProvider([])).toBe('sendpulse');
    expect(detectProvider({ hello: 'world' })).toBeUndefined();
    expect(detectProvider([1, 2])).toBeUndefined();
    expect(detectProvider(undefined)).toBeUndefined();
  });
});
