import { describe, expect, it } from 'vitest';
import { parseWebhook } from '../../src/index.js';
import { buildBody, signHeaders } from '../../src/testing/index.js';

describe('buildBody', () => {
  it('writes Lingdong ids as exact integer literals and times as Asia/Shanghai wall clock', () => {
    const { body, contentType } = buildBody('lingdong', [
      { type: 'bounced', recipient: 'ann@example.com', id: '22201606019253710', bounce: 'soft', occurredAt: new Date('2014-06-27T07:03:04Z') },
      { type: 'clicked', recipient: 'bo@example.com', id: '9007199254740993', url: 'https://shop.example/a', geo: { country: '中国', city: '廊坊' } },
    ]);
    expect(contentType).toBe('application/json');
    expect(body).toBe(
      '{"delivered":[{"id":22201606019253710,"email":"ann@example.com","status":"bounce:soft",' +
        '"updated":"2014-06-27 15:03:04","createdAt":"2014-06-27 15:03:04"}],' +
        '"clicks":[{"id":9007199254740993,"email":"bo@example.com","location":"中国//廊坊","url":"https://shop.example/a"}]}',
    );
    const [bounced, clicked] = parseWebhook(body).events;
    expect(bounced).toMatchObject({ id: '22201606019253710', bounce: 'soft', occurredAt: new Date('2014-06-27T07:03:04Z') });
    expect(clicked).toMatchObject({ id: '9007199254740993', geo: { country: '中国', city: '廊坊' } });
  });

  it('writes SendPulse SMTP events with unix seconds and integer message ids', () => {
    const { body } = buildBody('sendpulse', [
      { type: 'bounced', recipient: 'viktor@example.org', occurredAt: new Date('2024-05-30T09:20:10Z'), messageId: '1149320003', smtp: { code: 451, enhancedStatus: '4.7.1', text: 'Greylisting' }, bounce: 'soft' },
    ]);
    expect(body).toBe(
      '[{"event":"undelivered","timestamp":1717060810,"message_id":1149320003,"recipient":"viktor@example.org",' +
        '"smtp_server_response_code":"451","smtp_server_response_subcode":"4.7.1","smtp_server_response":"Greylisting"}]',
    );
    expect(parseWebhook(body).events[0]).toMatchObject({ type: 'bounced', bounce: 'soft', smtp: { code: 451, enhancedStatus: '4.7.1' } });
  });

  it('refuses what a provider cannot write instead of dropping it', () => {
    expect(() => buildBody('sendpulse', [{ type: 'opened', recipient: 'a@example.com', id: '1' }])).toThrow(
      new TypeError('SendPulse cannot write id on opened events'),
    );
    expect(() => buildBody('lingdong', [{ type: 'queued', recipient: 'a@example.com' }])).toThrow(
      new TypeError('Lingdong sends no queued events'),
    );
    expect(() => buildBody('lingdong', [{ type: 'opened', recipient: 'a@example.com', occurredAt: new Date(1500) }])).toThrow(TypeError);
    expect(() => buildBody('nope', [])).toThrow(/unknown provider: nope/);
  });

  it('signHeaders refuses a provider that does not sign', async () => {
    await expect(signHeaders('lingdong', '{}', 'key')).rejects.toThrow(new TypeError('provider lingdong does not sign its requests'));
  });
});
