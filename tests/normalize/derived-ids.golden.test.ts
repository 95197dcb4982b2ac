/**
 * Derived ids are a compatibility promise: users deduplicate on them, across deployments and upgrades. These
 * values are pinned; a change to the hash, its seed, the parts or their normalization fails here, and shipping it
 * is a breaking change (say so in CHANGELOG.md).
 */
import { describe, expect, it } from 'vitest';
import { parseWebhook } from '../../src/parse-webhook.js';
import type { WebhookResult } from '../../src/result.js';

function idsOf(body: unknown): string[] {
  const result: WebhookResult = parseWebhook(JSON.stringify(body));
  expect(result.issues).toEqual([]);
  return result.events.map((event) => event.id);
}

describe('derived ids: Lingdong items without an id', () => {
  const batch = {
    delivered: [
      {
        email: 'hg007@example.com', status: 'bounce:hard', updated: '2014-02-20 18:08:05',
        createdAt: '2014-02-20 18:08:04', messageId: 12399, campaign: 'Spring',
      },
      { email: ' XiaoRong@Example.com ', status: 'success', updatedAt: 1403852584000, createdAt: '2014-06-27 15:02:20', mid: 162085 },
    ],
    clicks: [
      { email: 'someone@example.com', url: 'http://item.damai.cn/78982.html', createdAt: '2014-02-20 18:08:05', mid: '22201606019253710' },
    ],
    opens: [{ email: 'someone@example.com', createdAt: '2014-02-20 18:08:05' }],
    unsubscriptions: [{ email: 'someone@example.com', createdAt: '2014-02-20 18:09:00', content: 'too many' }],
  };

  it('are pinned', () => {
    expect(idsOf(batch)).toEqual([
      '8a053dd582c02cb2', 'eb02e91ece3f40a8', '1f1c81fe2b734edf', 'aaaac4c0f3ff2b46', 'ec25d4936027c34d',
    ]);
  });

  it('come from normalized values: number or digit string, spaces, address case, epoch as number or text, the renamed group', () => {
    expect(idsOf({
      receipts: [
        {
          email: 'hg007@example.com', status: ' bounce:hard ', updated: '2014-02-20 18:08:05',
          createdAt: '2014-02-20 18:08:04', messageId: '12399', campaign: ' Spring ',
        },
        { email: 'xiaorong@example.com', status: 'success', updatedAt: '1403852584000', createdAt: '2014-06-27 15:02:20', mid: '162085' },
      ],
    })).toEqual(['8a053dd582c02cb2', 'eb02e91ece3f40a8']);
  });

  it('do not depend on the time zone the batch is read in', () => {
    const { events } = parseWebhook(JSON.stringify(batch), { timeZone: 'Europe/London' });
    expect(events[0]!.id).toBe('8a053dd582c02cb2');
  });
});

describe('derived ids: SendPulse events', () => {
  it('are pinned', () => {
    expect(idsOf([
      {
        event: 'delivered', timestamp: 1490962764, message_id: 1149317311, recipient: 'doe.john@sendpulse.com',
        sender: 'n@x.com', subject: 'Hi', smtp_server_response_code: 250,
      },
      { event: 'opened', timestamp: 1490962800, message_id: 1149317311, recipient: 'doe.john@sendpulse.com' },
      { event: 'clicked', timestamp: 1490962900, message_id: 1149317311, recipient: 'doe.john@sendpulse.com', link_url: 'https://example.com/a' },
      { event: 'unsubscribed', recipient: 'a@example.com', sender: 'n@x.com', subject: 'Weekly digest' },
      { event: 'unsubscribed', recipient: 'a@example.com', sender: 'n@x.com', subject: 'Monthly digest' },
      { event: 'redirect', timestamp: '1490962900', task_id: '2345', email: 'A@Example.com', link_url: 'https://example.com/a', link_id: 7 },
    ])).toEqual([
      '87fd2946b099023d', '659a6a2b191a2593', '5248df34cf3443b5', 'e08d88b924bd7191', 'f2b8ac83cebba024',
      '0fe87c30e5591080',
    ]);
  });

  it('come from normalized values: 42 and "42", a unix time as number or string, " A@Example.com " and a@example.com', () => {
    expect(idsOf([
      {
        event: 'delivered', timestamp: '1490962764', message_id: '1149317311', recipient: ' Doe.John@SendPulse.com ',
        // Sender and subject are the same for every event of a message: they do not identify an event that
        // has a time or a message id.
        sender: 'other@x.com', subject: 'Other', smtp_server_response_code: '250',
      },
      { event: 'redirect', timestamp: 1490962900, task_id: 2345, email: ' a@example.com', link_url: 'https://example.com/a', link_id: '7' },
    ])).toEqual(['87fd2946b099023d', '0fe87c30e5591080']);
  });

  it('keep sender and subject for an SMTP unsubscribed with no time and no message id', () => {
    const [weekly, monthly] = idsOf([
      { event: 'unsubscribed', recipient: 'a@example.com', sender: 'n@x.com', subject: 'Weekly digest' },
      { event: 'unsubscribed', recipient: 'a@example.com', sender: 'n@x.com', subject: 'Monthly digest' },
    ]);
    expect(weekly).toBe('e08d88b924bd7191');
    expect(monthly).toBe('f2b8ac83cebba024');
  });
});
