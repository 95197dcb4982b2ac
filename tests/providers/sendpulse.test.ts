import { describe, expect, it } from 'vitest';
import type { EmailEvent } from '../../src/events.js';
import { parseWebhook } from '../../src/parse-webhook.js';
import { SENDPULSE_TEXT_FIELDS } from '../../src/providers/sendpulse/schema.js';
import { withoutRaw } from '../helpers/events.js';
import { fixtureBytes, fixtureText } from '../helpers/fixtures.js';

/** The event without `raw` and without its derived id (checked to be one). */
function shape(event: EmailEvent | undefined): Record<string, unknown> {
  const { id, ...rest } = withoutRaw(event);
  expect(id).toMatch(/^[0-9a-f]{16}$/);
  return rest;
}

const one = (fixture: string) => {
  const result = parseWebhook(fixtureBytes(fixture));
  expect(result.provider).toBe('sendpulse');
  expect(result.issues).toEqual([]);
  expect(result.events).toHaveLength(1);
  return result.events[0]!;
};

describe('SendPulse SMTP: the documented examples', () => {
  it('delivered', () => {
    expect(shape(one('sendpulse/delivered.json'))).toStrictEqual({
      type: 'delivered',
      provider: 'sendpulse',
      recipient: 'doe.john@sendpulse.com',
      occurredAt: new Date('2017-03-31T09:52:13.000Z'),
      messageId: '1149317311',
      sender: 'john.doe@sendpulse.com',
      subject: 'utf8_hello_world',
      smtp: { code: 250, text: 'custom_text_response_from_recipients_server' },
    });
  });

  it('undelivered with a 5xx code is a hard bounce', () => {
    expect(shape(one('sendpulse/undelivered.json'))).toStrictEqual({
      type: 'bounced',
      provider: 'sendpulse',
      recipient: 'doe.john@sendpulse.com',
      occurredAt: new Date('2017-03-31T10:28:37.000Z'),
      messageId: '1149317311',
      sender: 'john.doe@sendpulse.com',
      subject: 'utf8_hello_world',
      bounce: 'hard',
      smtp: { code: 554, enhancedStatus: '5.7.1', text: 'custom_text_response_from_recipients_server' },
    });
  });

  it('opened, clicked, spam_by_user', () => {
    expect(shape(one('sendpulse/opened.json'))).toStrictEqual({
      type: 'opened',
      provider: 'sendpulse',
      recipient: 'doe.john@sendpulse.com',
      occurredAt: new Date('2017-03-31T12:19:24.000Z'),
      messageId: '1149317311',
      sender: 'john.doe@sendpulse.com',
      subject: 'utf8_hello_world',
    });
    expect(shape(one('sendpulse/clicked.json'))).toMatchObject({ type: 'clicked', occurredAt: new Date('2017-03-31T12:55:28.000Z') });
    expect(one('sendpulse/clicked.json')).not.toHaveProperty('url');
    expect(shape(one('sendpulse/spam-by-user.json'))).toMatchObject({
      type: 'complained',
      messageId: '1145317311',
      occurredAt: new Date('2017-03-31T12:50:07.000Z'),
    });
  });

  it('unsubscribed without timestamp or message_id', () => {
    expect(shape(one('sendpulse/unsubscribed.json'))).toStrictEqual({
      type: 'unsubscribed',
      provider: 'sendpulse',
      recipient: 'john.doe@sendpulse.com',
      occurredAt: undefined,
      sender: 'doe.john@sendpulse.com',
      subject: 'hello world',
    });
  });

  it('the basic format with an unknown event name', () => {
    expect(shape(one('sendpulse/basic.json'))).toStrictEqual({
      type: 'unknown',
      provider: 'sendpulse',
      providerEvent: 'event_name',
      recipient: 'john.doe@sendpulse.com',
      occurredAt: new Date('2017-03-31T09:54:21.000Z'),
      messageId: '1149317311',
      sender: 'doe.john@sendpulse.com',
      subject: 'hello world',
    });
  });

  it('rejects the documented batch with its trailing comma as invalid JSON', () => {
    expect(() => parseWebhook(fixtureBytes('sendpulse/batch-trailing-comma.json'))).toThrowError(
      expect.objectContaining({ code: 'invalid_json', status: 400 }),
    );
  });
});

describe('SendPulse SMTP: the newer revision', () => {
  it('lets the event name decide hard or soft, whatever the code', () => {
    const { events, issues } = parseWebhook(fixtureBytes('sendpulse/bounces-newer.json'));
    expect(issues).toEqual([]);
    expect(events.map((e) => [e.type, e.type === 'bounced' ? e.bounce : undefined, e.recipient, e.campaign])).toEqual([
      ['bounced', 'hard', 'no.such.user@example.org', '91234567'],
      ['bounced', 'soft', 'full.box@example.net', '91234567'],
      ['bounced', 'soft', 'policy.block@example.com', '91234567'],
      ['subscribed', undefined, 'came.back@example.com', undefined],
    ]);
    expect(events[2]).toMatchObject({ smtp: { code: 554, enhancedStatus: '5.7.1' } });
  });

  it('reads codes and message ids as numbers or strings; the code decides undelivered', () => {
    const { events } = parseWebhook(fixtureBytes('sendpulse/code-as-number.json'));
    expect(events.map((e) => [e.type === 'bounced' && e.bounce, e.messageId])).toEqual([
      ['soft', '1149318100'],
      ['hard', '1149318101'],
      ['undetermined', '1149318102'],
    ]);
    expect(events[0]).toMatchObject({ smtp: { code: 421, enhancedStatus: '4.7.0' } });
    expect(events[2]).not.toHaveProperty('smtp');
  });

  it('takes a bare object as a batch of one', () => {
    expect(shape(one('sendpulse/single-object.json'))).toMatchObject({
      type: 'delivered',
      recipient: 'doe.john@sendpulse.com',
      messageId: '1149318200',
      smtp: { code: 250, enhancedStatus: '2.0.0' },
    });
  });

  it('decodes a mixed batch in order, trimming recipients', () => {
    const { events, issues } = parseWebhook(fixtureBytes('sendpulse/mixed-batch.json'));
    expect(issues).toEqual([]);
    expect(events).toHaveLength(13);
    const raw = JSON.parse(fixtureText('sendpulse/mixed-batch.json')) as { event: string }[];
    expect(events.map((e) => (e.type === 'unknown' ? e.providerEvent : e.raw.event))).toEqual(raw.map((item) => item.event));
    expect(events[1]!.recipient).toBe('Boris@example.ru');
    expect(events.filter((e) => e.type === 'unknown').map((e) => e.type === 'unknown' && e.providerEvent)).toEqual(['deferred']);
    expect(new Set(events.map((e) => e.id)).size).toBe(13);
  });
});

describe('SendPulse bulk-campaign dialect', () => {
  const { events, issues } = parseWebhook(fixtureBytes('sendpulse/campaign-events.json'));

  it('maps every campaign event', () => {
    expect(issues).toEqual([]);
    expect(events.map((e) => (e.type === 'unknown' ? `unknown:${e.providerEvent}` : e.type))).toEqual([
      'delivered', 'opened', 'clicked', 'complained', 'unsubscribed', 'bounced', 'bounced', 'subscribed',
      'unknown:delete', 'unknown:task_status_update',
    ]);
  });

  it('reads string timestamps, email and task_id, client and link', () => {
    expect(shape(events[1])).toStrictEqual({
      type: 'opened',
      provider: 'sendpulse',
      recipient: 'john.doe@sendpulse.com',
      occurredAt: new Date('2024-05-30T09:05:41.000Z'),
      campaign: '3668141',
      client: { name: 'Firefox', platform: 'Windows', device: 'Desktop', version: '125.0' },
    });
    expect(shape(events[2])).toMatchObject({
      type: 'clicked',
      recipient: 'jane.roe@example.com',
      url: 'https://shop.example/sale?utm_source=sendpulse',
      client: { name: 'Chrome', platform: 'Android', device: 'Mobile', version: '124.0.6367.179' },
    });
    expect(events[4]).not.toHaveProperty('reason');
    expect(events[5]).toMatchObject({ bounce: 'soft' });
    expect(events[6]).toMatchObject({ bounce: 'hard' });
    expect(events[7]).toMatchObject({ source: 'address book', recipient: 'fresh.subscriber@example.com', listId: '490686' });
  });

  it('reads the address book as listId and from_all as the scope of an unsubscribe', () => {
    expect(shape(events[4])).toStrictEqual({
      type: 'unsubscribed',
      provider: 'sendpulse',
      recipient: 'leaving@example.org',
      occurredAt: new Date('2024-05-30T09:21:12.000Z'),
      campaign: '3668141',
      listId: '490686',
      scope: 'all',
    });
    const scopeOf = (extra: Record<string, unknown>) => {
      const item = { event: 'unsubscribe', email: 'a@example.com', timestamp: '1717060872', ...extra };
      const [event] = parseWebhook([item]).events;
      return event?.type === 'unsubscribed' ? event.scope : 'not unsubscribed';
    };
    expect(scopeOf({ from_all: 1 })).toBe('all');
    expect(scopeOf({ from_all: '0', book_id: 490686 })).toBe('list');
    expect(scopeOf({ book_id: '490686' })).toBe('list');
    expect(scopeOf({ from_all: '0' })).toBeUndefined();
  });

  it('keeps the source of a spam complaint', () => {
    const [event] = parseWebhook([{ event: 'spam', email: 'a@example.com', timestamp: '1717060422', task_id: 1, source: 'fbl' }]).events;
    expect(event).toMatchObject({ type: 'complained', source: 'fbl' });
  });

  it('passes a campaign status update through without a recipient', () => {
    expect(shape(events[9])).toStrictEqual({
      type: 'unknown',
      provider: 'sendpulse',
      providerEvent: 'task_status_update',
      occurredAt: new Date('2024-05-30T08:50:00.000Z'),
      campaign: '3668141',
      listId: '490686',
      description: 'Sending',
    });
  });
});

describe('SendPulse: bad items and ids', () => {
  it('decodes good items and reports bad ones by position', () => {
    const result = parseWebhook(fixtureBytes('sendpulse/partial-bad.json'));
    expect(result.events).toHaveLength(2);
    expect(result.issues.map((i) => [i.path, i.message])).toEqual([
      [[1, 'recipient'], 'missing'],
      [[2, 'timestamp'], 'not a readable time (expected unix seconds)'],
      [[3, 'timestamp'], 'not a readable time (expected unix seconds)'],
      [[4], 'expected an object, got null'],
    ]);
    expect(result.events.length + result.issues.length).toBe(6);
  });

  it('reports items without an event name, and wrong text types', () => {
    const { issues } = parseWebhook('[{"recipient":"a@example.com"},{"event":7},{"event":"opened","recipient":"a@example.com","subject":{}}]', { provider: 'sendpulse' });
    expect(issues.map((i) => [i.path, i.message])).toEqual([
      [[0, 'event'], 'missing'],
      [[1, 'event'], 'expected a name, got a number'],
      [[2, 'subject'], 'expected text, got an object'],
    ]);
  });

  it('checks every text field the schema names, in the decoder too', () => {
    for (const field of SENDPULSE_TEXT_FIELDS) {
      const item = { event: 'delivered', recipient: 'a@example.com', [field]: { nested: true } };
      const { events, issues } = parseWebhook([item], { provider: 'sendpulse' });
      expect(events, field).toEqual([]);
      expect(issues.map((i) => [i.path, i.message]), field).toEqual([[[0, field], 'expected text, got an object']]);
    }
  });

  it('tells apart events without time or message by sender and subject', () => {
    const unsubscribe = (subject: string) =>
      parseWebhook({ event: 'unsubscribed', recipient: 'a@example.com', sender: 's@example.com', subject }).events[0]!.id;
    expect(unsubscribe('one')).not.toBe(unsubscribe('two'));
    expect(unsubscribe('one')).toBe(unsubscribe('one'));
  });

  it('derives the same id for a redelivered event and different ids for different events', () => {
    const body = fixtureBytes('sendpulse/mixed-batch.json');
    expect(parseWebhook(body).events.map((e) => e.id)).toEqual(parseWebhook(body).events.map((e) => e.id));
    const a = parseWebhook('{"event":"opened","timestamp":1700000001,"message_id":1,"recipient":"a@example.com"}').events[0]!;
    const b = parseWebhook('{"recipient":"a@example.com","message_id":1,"timestamp":1700000001,"event":"opened"}').events[0]!;
    const c = parseWebhook('{"event":"opened","timestamp":1700000002,"message_id":1,"recipient":"a@example.com"}').events[0]!;
    expect(b.id).toBe(a.id);
    expect(c.id).not.toBe(a.id);
  });

  it('refuses a unix time in the wrong unit or outside the years 2000 to 2100', () => {
    const issueAt = (timestamp: unknown) =>
      parseWebhook([{ event: 'opened', timestamp, message_id: 1, recipient: 'a@example.com' }]).issues.map((i) => i.path);
    // Milliseconds where seconds belong would be the year 55 825.
    expect(issueAt(1700000001000)).toEqual([[0, 'timestamp']]);
    expect(issueAt('1700000001000')).toEqual([[0, 'timestamp']]);
    expect(issueAt(946684799)).toEqual([[0, 'timestamp']]);
    expect(issueAt(4102444800)).toEqual([[0, 'timestamp']]);
    expect(issueAt(946684800)).toEqual([]);
    expect(issueAt('4102444799.5')).toEqual([]);
  });

  it('accepts an empty batch', () => {
    expect(parseWebhook('[]')).toEqual({ provider: 'sendpulse', events: [], issues: [] });
  });
});
