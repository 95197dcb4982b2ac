/**
 * Realistic large provider bodies, built the way each provider writes them: Lingdong pretty-printed with four
 * spaces and `", "` line ends like the article, with Chinese campaign, subject and location text and bare ids
 * beyond 2^53; SendPulse SMTP items pretty-printed with two spaces and full SMTP replies.
 */

const CAMPAIGNS = [
  '大麦网温馨提示:您关注的演出内容有更新',
  '双十一狂欢节会员专享优惠券已到账,请及时使用',
  '您的订单已发货,请留意查收快递包裹',
  '春季新品上市,全场满300减50,限时三天',
  '账户安全提醒:您的密码即将过期,请尽快修改',
];
const LOCATIONS = ['中国/河北/廊坊', '中国/广东省/广州市', '中国/上海/上海', '中国/浙江省/杭州市', '中国/四川省/成都市'];
const COMPLAINT =
  '在沒有任何解釋及通知的情況下, 退還按金時直接扣了大約27英鎊。在現場交還汽車時並沒有指出任何問題需要作出賠償,現在卻無理地少退還了按金。請協助跟進。';
const LINGDONG_GROUPS = ['delivered', 'clicks', 'opens', 'unsubscriptions', 'complaints'] as const;
type LingdongGroup = (typeof LINGDONG_GROUPS)[number];

/** A JSON value whose bigint leaves are written as bare integer literals. */
function stringifyWithBigInts(value: unknown, indent: number): string {
  return JSON.stringify(value, (_key, leaf: unknown) => (typeof leaf === 'bigint' ? `@big:${leaf}` : leaf), indent).replace(
    /"@big:(-?\d+)"/g,
    '$1',
  );
}

function lingdongItem(group: LingdongGroup, n: number): Record<string, unknown> {
  const id = 22201603016582230n + BigInt(n);
  const campaign = CAMPAIGNS[n % CAMPAIGNS.length]!;
  const email = `member${n}@example.com`;
  if (group === 'delivered') {
    return {
      id,
      campaign,
      uid: `GFpCmAhnXpPoXq${String(n).padStart(6, '0')}`,
      email,
      status: n % 10 === 0 ? 'bounce:hard' : 'success',
      dsn: n % 10 === 0 ? 'Action: failed | Status: 5.1.2 (bad destination system: no such domain)' : `smtp;250 ok: Message ${1758717523 + n} accepted`,
      updated: '2014-06-27 15:03:04',
      createdAt: '2014-06-27 15:02:20',
      scheduleId: 121830,
      messageId: 162084 + n,
      contactId: 43001513 + n,
    };
  }
  const activity: Record<string, unknown> = {
    id,
    campaign,
    subject: campaign,
    uid: `GFpCmAhnXpPoXq${String(n).padStart(6, '0')}`,
    email,
    ip: `119.255.${n % 256}.${(n * 7) % 256}`,
    location: LOCATIONS[n % LOCATIONS.length]!,
    longitude: 116.7139,
    latitude: 39.5292,
    device: n % 3 === 0 ? 'mobile' : '',
    platform: 'Windows 7',
    client: 'Chrome',
  };
  if (group === 'clicks') activity.url = `http://item.damai.cn/${78982 + n}.html`;
  if (group === 'unsubscriptions' || group === 'complaints') {
    activity.source = 'esp';
    activity.content = group === 'complaints' ? COMPLAINT : '我不想再收到这些邮件了,请把我从名单中删除。';
  }
  activity.createdAt = '2014-02-20 18:08:05';
  return activity;
}

/**
 * A Lingdong body of `count` items.
 * @param count Items in the body.
 * @param groups The groups to spread them over, round robin (all five by default: a realistic mix; pass
 *   `['complaints']` for the largest items).
 * @param offset Added to every id and address number, so bodies built with different offsets share no event.
 */
export function lingdongBatch(count: number, groups: readonly LingdongGroup[] = LINGDONG_GROUPS, offset = 0): string {
  const body: Record<string, Record<string, unknown>[]> = {};
  for (let index = 0; index < count; index++) {
    const group = groups[index % groups.length]!;
    (body[group] ??= []).push(lingdongItem(group, offset + index));
  }
  // The article's Python-style `", "` before each line end.
  return stringifyWithBigInts(body, 4).replace(/,\n/g, ', \n');
}

const SENDPULSE_EVENTS = ['delivered', 'opened', 'clicked', 'undelivered', 'delivered', 'opened'] as const;

/**
 * A SendPulse SMTP batch of `count` items, each with its own recipient and message id.
 * @param count Items in the batch.
 * @param offset Added to every message id and address number, so batches built with different offsets share no
 *   event.
 */
export function sendpulseBatch(count: number, offset = 0): string {
  const items = [];
  for (let index = 0; index < count; index++) {
    const n = offset + index;
    const event = SENDPULSE_EVENTS[index % SENDPULSE_EVENTS.length]!;
    const bounce = event === 'undelivered';
    items.push({
      smtp_server_response_code: bounce ? '550' : '250',
      smtp_server_response_subcode: bounce ? '5.1.1' : '2.0.0',
      sender: 'news@shop.example',
      smtp_server_response: bounce
        ? `550 5.1.1 The email account that you tried to reach does not exist. Please try double-checking the recipient's email address for typos or unnecessary spaces. d2-20020a05600c${n}si1234567wmq.123 - gsmtp`
        : `250 2.0.0 Ok: queued as 4VqP3m${n}`,
      timestamp: 1717060001 + index,
      message_id: 1149320001 + n,
      recipient: `user${n}@example.com`,
      event,
      subject: 'Ваш заказ №5521 отправлен: отслеживайте доставку в личном кабинете',
    });
  }
  return JSON.stringify(items, null, 2);
}
