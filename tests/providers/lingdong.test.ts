import { describe, expect, it } from 'vitest';
import { parseWebhook } from '../../src/parse-webhook.js';
import { LINGDONG_GROUP_NAMES } from '../../src/providers/lingdong/decode.js';
import { isLingdongBody } from '../../src/providers/lingdong/detect.js';
import { withoutRaw } from '../helpers/events.js';
import { fixtureBytes } from '../helpers/fixtures.js';

describe('Lingdong: the article example', () => {
  const result = parseWebhook(fixtureBytes('lingdong/article.json'));

  it('is detected and decodes all seven items', () => {
    expect(result.provider).toBe('lingdong');
    expect(result.issues).toEqual([]);
    expect(result.events.map((e) => e.type)).toEqual([
      'bounced', 'delivered', 'clicked', 'clicked', 'opened', 'unsubscribed', 'complained',
    ]);
  });

  it('decodes a hard bounce with its DSN', () => {
    expect(withoutRaw(result.events[0])).toStrictEqual({
      type: 'bounced',
      provider: 'lingdong',
      id: '2201602002317593',
      recipient: 'hg007@example.com',
      occurredAt: new Date('2014-02-20T10:08:05.000Z'),
      messageId: '2201602002317593',
      campaign: '大麦网温馨提示:您关注的演出内容有更新',
      bounce: 'hard',
      smtp: { enhancedStatus: '5.1.2', text: 'Action: failed | Status: 5.1.2 (bad destination system: no such domain)' },
    });
  });

  it('decodes a delivery: trimmed recipient, updated time, smtp code', () => {
    expect(withoutRaw(result.events[1])).toStrictEqual({
      type: 'delivered',
      provider: 'lingdong',
      id: '22201606019253710',
      recipient: 'xiaorong@example.com',
      occurredAt: new Date('2014-06-27T07:03:04.000Z'),
      messageId: '22201606019253710',
      campaign: '大麦网温馨提示:您关注的演出内容有更新',
      smtp: { code: 250, text: 'smtp;250 ok: Message 1758717523 accepted' },
    });
  });

  it('decodes clicks with geo, client and url (an in-mail anchor stays as sent)', () => {
    const expected = {
      type: 'clicked',
      provider: 'lingdong',
      id: '22201603016582230',
      recipient: 'someone@example.com',
      occurredAt: new Date('2014-02-20T10:08:05.000Z'),
      campaign: '大麦网温馨提示:您关注的演出内容有更新',
      subject: '大麦网温馨提示:您关注的演出内容有更新',
      ip: '119.255.75.126',
      geo: { country: '中国', region: '河北', city: '廊坊', latitude: 39.5292, longitude: 116.7139 },
      client: { name: 'Chrome', platform: 'Windows 7' },
      url: 'http://item.damai.cn/78982.html',
    };
    expect(withoutRaw(result.events[2])).toStrictEqual(expected);
    expect(withoutRaw(result.events[3])).toStrictEqual({ ...expected, id: '22201603026582230', url: '#退订' });
  });

  it('keeps the open id beyond 2^53 exact', () => {
    const open = result.events[4]!;
    expect(open.id).toBe('222016111000001234');
    expect(open.raw.id).toBe('222016111000001234');
    expect(withoutRaw(open)).toMatchObject({ type: 'opened', recipient: 'someone@example.com' });
    expect(open).not.toHaveProperty('url');
  });

  it('decodes unsubscriptions and complaints with reason and source', () => {
    expect(withoutRaw(result.events[5])).toMatchObject({
      type: 'unsubscribed',
      id: '222019111000001234',
      recipient: 'example@abc.com',
      reason: 'I do not want to receive these emails anymore .',
      source: 'esp',
      geo: { country: '中国', region: '河北', city: '廊坊' },
    });
    expect(withoutRaw(result.events[6])).toMatchObject({
      type: 'complained',
      id: '222019111000005678',
      recipient: 'one@someone.com',
      campaign: 'KiKUU Order Shipped Reminder',
      source: 'esp',
      geo: { country: '中国', region: '广东省', city: '广州市', latitude: 39.5292, longitude: 116.7139 },
      occurredAt: new Date('2014-02-20T10:08:05.000Z'),
    });
    expect((result.events[6] as { reason?: string }).reason).toMatch(/^在沒有任何解釋及通知的情況下/);
  });

  it('reads times in another zone when asked', () => {
    const inUtc = parseWebhook(fixtureBytes('lingdong/article.json'), { timeZone: 'UTC' });
    expect(inUtc.events[0]!.occurredAt).toEqual(new Date('2014-02-20T18:08:05.000Z'));
  });
});

describe('Lingdong: receipts, statuses and API-reference fields', () => {
  const { events, issues } = parseWebhook(fixtureBytes('lingdong/receipts.json'));

  it('reads the receipts group with every status', () => {
    expect(issues).toEqual([]);
    expect(events.map((e) => (e.type === 'bounced' ? `bounced:${e.bounce}` : e.type))).toEqual([
      'delivered', 'bounced:hard', 'bounced:soft', 'bounced:hard',
    ]);
  });

  it('takes updatedAt milliseconds, mid before the record id, and negative ids', () => {
    expect(events[1]!.occurredAt).toEqual(new Date(1403852584000));
    // A delivery record's own id is the `mid` its opens and clicks carry: the message id they share.
    expect(events[1]!.messageId).toBe('22201606019253712');
    expect(events[2]!.messageId).toBe('162085');
    expect(events[2]!.occurredAt).toEqual(new Date('2014-06-27T07:05:41.000Z'));
    expect(events[3]!.id).toBe('-2201602002317593');
    expect(events[3]).toMatchObject({ smtp: { enhancedStatus: '5.1.2' } });
  });
});

describe('Lingdong: subscriptions, announced and unknown groups, unknown statuses', () => {
  const { events, issues } = parseWebhook(fixtureBytes('lingdong/subscriptions-and-announced.json'));

  it('passes unknown kinds through as unknown events', () => {
    expect(issues).toEqual([]);
    expect(events.map((e) => [e.type, e.type === 'unknown' ? e.providerEvent : undefined])).toEqual([
      ['delivered', undefined],
      ['deferred', undefined],
      ['subscribed', undefined],
      ['unknown', 'replies'],
      ['unknown', 'changeProfiles'],
      ['unknown', 'forwards'],
    ]);
  });

  it('reads status deferred as a deferred event with its DSN', () => {
    expect(withoutRaw(events[1])).toStrictEqual({
      type: 'deferred',
      provider: 'lingdong',
      id: '22201606019253721',
      recipient: 'two@someone.com',
      occurredAt: new Date('2014-06-28T01:20:02.000Z'),
      messageId: '22201606019253721',
      campaign: 'KiKUU Order Shipped Reminder',
      smtp: { enhancedStatus: '4.4.1', text: 'Action: delayed | Status: 4.4.1 (connection timed out)' },
    });
  });

  it('keeps what an unknown event has', () => {
    expect(events[3]!.raw.content).toBe('请问这场演出还有余票吗?');
  });

  it('maps subscriptions to subscribed with its source, an empty campaign absent', () => {
    expect(withoutRaw(events[2])).toStrictEqual({
      type: 'subscribed',
      provider: 'lingdong',
      id: '22201607013345001',
      recipient: 'newfan@example.com',
      occurredAt: new Date('2014-07-01T02:21:09.000Z'),
      source: 'esp',
    });
  });
});

describe('Lingdong: empty fields and ISP complaints', () => {
  const { events } = parseWebhook(fixtureBytes('lingdong/source-isp.json'));

  it('leaves empty shapes absent', () => {
    expect(withoutRaw(events[0])).toStrictEqual({
      type: 'complained',
      provider: 'lingdong',
      id: '222019111000005679',
      recipient: 'three@someone.com',
      occurredAt: new Date('2014-02-20T23:45:12.000Z'),
      campaign: 'KiKUU Order Shipped Reminder',
      subject: 'KiKUU Order Shipped Reminder',
      source: 'isp',
    });
  });

  it('keeps the parts that are there', () => {
    expect(withoutRaw(events[1])).toMatchObject({
      type: 'unsubscribed',
      recipient: 'Example2@abc.com',
      geo: { country: '中国' },
      client: { name: 'QQ Browser', platform: 'Android 4.4' },
    });
    expect(events[1]).not.toHaveProperty('reason');
    expect((events[1] as { geo?: object }).geo).toStrictEqual({ country: '中国' });
  });
});

describe('Lingdong: a batch with bad items', () => {
  const result = parseWebhook(fixtureBytes('lingdong/partial-bad.json'));

  it('decodes every good item and reports every bad one where it is', () => {
    expect(result.events).toHaveLength(4);
    expect(result.issues.map((i) => [i.path, i.message])).toEqual([
      [['delivered', 1, 'status'], 'missing'],
      [['clicks', 1, 'email'], 'not an email address'],
      [['opens', 0, 'createdAt'], 'not a readable time (expected `yyyy-MM-dd HH:mm:ss` or epoch milliseconds)'],
      [['unsubscriptions', 1], 'expected an object, got a string'],
    ]);
    expect(result.issues[1]!.input).toMatchObject({ email: 'not-an-email' });
  });

  it('throws on the first bad item in strict mode', () => {
    expect(() => parseWebhook(fixtureBytes('lingdong/partial-bad.json'), { strict: true })).toThrowError(
      expect.objectContaining({
        code: 'invalid_payload',
        status: 400,
        message: 'bad item: delivered[1].status: missing',
        issues: [expect.objectContaining({ path: ['delivered', 1, 'status'] })],
      }),
    );
  });
});

describe('Lingdong: edge cases', () => {
  const decode = (body: unknown) => parseWebhook(JSON.stringify(body), { provider: 'lingdong' });

  it('derives a stable id when an item has none', () => {
    const body = { opens: [{ email: 'a@example.com', createdAt: '2014-02-20 18:08:05' }] };
    const first = decode(body).events[0]!;
    expect(first.id).toMatch(/^[0-9a-f]{16}$/);
    expect(decode(body).events[0]!.id).toBe(first.id);
    expect(decode({ opens: [{ email: 'a@example.com', createdAt: '2014-02-20 18:08:06' }] }).events[0]!.id).not.toBe(first.id);
  });

  it('reports wrong field types, non-integer ids and bad coordinates', () => {
    const { issues } = decode({
      clicks: [
        { id: 1.5, email: 'a@example.com' },
        { email: 'a@example.com', url: { href: 'x' } },
        { email: 'a@example.com', latitude: 123 },
        { email: 'a@example.com', campaign: ['x'], createdAt: 'soon' },
      ],
    });
    expect(issues.map((i) => [i.path, i.message])).toEqual([
      [['clicks', 0, 'id'], 'not an integer id'],
      [['clicks', 1, 'url'], 'expected text, got an object'],
      [['clicks', 2, 'latitude'], 'not a coordinate within ±90'],
      [['clicks', 3, 'campaign'], 'expected text, got an array; createdAt: not a readable time (expected `yyyy-MM-dd HH:mm:ss` or epoch milliseconds)'],
    ]);
  });

  it('reports a known group that is not an array, ignores null groups and metadata', () => {
    const result = decode({ clicks: { email: 'a@example.com' }, opens: null, version: 2 });
    expect(result.events).toEqual([]);
    expect(result.issues).toEqual([{ path: ['clicks'], message: 'expected an array of items', input: { email: 'a@example.com' } }]);
  });

  it('checks every time of a delivery record, while its instant comes from the status time', () => {
    const record = { id: 1, email: 'a@example.com', status: 'success', updated: '2014-06-27 15:03:04' };
    const { events, issues } = decode({
      delivered: [
        { ...record, createdAt: '2014-06-27 15:02:20' },
        { ...record, createdAt: '2014-06-31 15:02:20' },
        { ...record, createdAt: '1403852540000', updated: undefined },
        { ...record, updatedAt: 'soon' },
        { ...record, createdAt: '   ' },
      ],
    });
    expect(events.map((e) => e.occurredAt?.toISOString())).toEqual([
      '2014-06-27T07:03:04.000Z', '2014-06-27T07:02:20.000Z', '2014-06-27T07:03:04.000Z',
    ]);
    expect(issues.map((i) => i.path)).toEqual([['delivered', 1, 'createdAt'], ['delivered', 3, 'updatedAt']]);
  });

  it('refuses epoch times in the wrong unit or outside the years 2000 to 2100', () => {
    const record = { id: 1, email: 'a@example.com', status: 'success' };
    const { events, issues } = decode({
      delivered: [
        // Seconds where milliseconds belong would be January 1970.
        { ...record, updatedAt: 1403852584 },
        { ...record, updatedAt: '1403852584' },
        { ...record, updatedAt: 4102444800000 },
        { ...record, updatedAt: 946684800000 },
      ],
    });
    expect(issues.map((i) => i.path)).toEqual([
      ['delivered', 0, 'updatedAt'], ['delivered', 1, 'updatedAt'], ['delivered', 2, 'updatedAt'],
    ]);
    expect(events.map((e) => e.occurredAt?.toISOString())).toEqual(['2000-01-01T00:00:00.000Z']);
  });

  it('decodes an unknown bounce:* status as an undetermined bounce', () => {
    const { events } = decode({ delivered: [{ id: 1, email: 'a@example.com', status: 'bounce:blocked' }] });
    expect(events[0]).toMatchObject({ type: 'bounced', bounce: 'undetermined', id: '1', occurredAt: undefined });
  });

  it('accepts an empty object when the provider is named', () => {
    expect(decode({})).toEqual({ provider: 'lingdong', events: [], issues: [] });
  });
});

describe('Lingdong: detection', () => {
  it('claims a body holding any one of its groups as an array, and no other object', () => {
    expect(LINGDONG_GROUP_NAMES).toEqual([
      'opens', 'clicks', 'unsubscriptions', 'complaints', 'subscriptions', 'delivered', 'receipts', 'replies', 'changeProfiles',
    ]);
    for (const name of LINGDONG_GROUP_NAMES) {
      expect(isLingdongBody({ [name]: [] }), name).toBe(true);
      expect(isLingdongBody({ [name]: {} }), `${name} as an object`).toBe(false);
    }
    expect(isLingdongBody({ other: [] })).toBe(false);
    expect(isLingdongBody([])).toBe(false);
  });
});
