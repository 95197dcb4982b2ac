import { apportion, createRandom, type Random } from './random.js';

/** A generated Lingdong body and what decoding it must give. */
export interface LingdongBatch {
  /** The JSON text, pretty-printed the way the Lingdong article prints its example. */
  body: string;
  /** How many items the body holds, all groups together. */
  items: number;
  /** Every item's id as exact decimal digits, in body order (= event order, since every item is good). */
  ids: string[];
  /** How many of those ids lie beyond 2^53, where a plain `JSON.parse` changes digits. */
  unsafeIds: number;
  /** Ids planted at fixed places that a lossy parse would round; checked by the bench before it measures. */
  plantedIds: { index: number; id: string }[];
}

// Shares of a realistic batch: delivery receipts dominate, then opens and clicks. The announced groups
// (`replies`, `changeProfiles`) are not live yet, but a batch holding them must cost no more than any other.
const GROUP_WEIGHTS = {
  delivered: 540,
  opens: 250,
  clicks: 120,
  unsubscriptions: 30,
  complaints: 20,
  subscriptions: 20,
  replies: 10,
  changeProfiles: 10,
} as const;
type Group = keyof typeof GROUP_WEIGHTS;

// `deferred` is a status this library does not know: it becomes an `unknown` event.
const STATUS_WEIGHTS = {
  success: 850,
  'bounce:hard': 50,
  'bounce:soft': 50,
  'bounce:bad-mailbox': 40,
  deferred: 10,
} as const;
type Status = keyof typeof STATUS_WEIGHTS;

const DSN: Record<Status, readonly string[]> = {
  success: ['smtp;250 ok: Message 1758717523 accepted', 'smtp;250 Mail OK queued as smtp14,EsCowADX', 'smtp;250 2.0.0 OK'],
  'bounce:hard': ['Action: failed | Status: 5.1.1 (bad destination mailbox address)', 'smtp;550 5.1.1 用户不存在'],
  'bounce:soft': ['Action: delayed | Status: 4.2.2 (mailbox full)', 'smtp;452 4.2.2 Mailbox over quota'],
  'bounce:bad-mailbox': ['Action: failed | Status: 5.1.2 (bad destination system: no such domain)'],
  deferred: ['Action: delayed | Status: 4.4.1 (connection timed out)'],
};

const CAMPAIGNS = [
  '大麦网温馨提示:您关注的演出内容有更新',
  'KiKUU Order Shipped Reminder',
  '【京东】您的订单已发货,请注意查收',
  '双十一狂欢节:全场商品低至五折',
  '会员专享:本周末积分兑换活动开始啦',
  '您的账户安全提醒:请及时修改密码',
];
const LOCATIONS = [
  '中国/河北/廊坊',
  '中国/广东省/广州市',
  '中国/北京/北京',
  '中国/上海/上海',
  '中国/浙江省/杭州市',
  '中国/四川省/成都市',
  '中国//',
];
const LOCAL_PARTS = ['xiaorong', 'wangwei', 'lihua', 'zhangmin', 'liuyang', 'chenjing', 'someone', 'zhaolei', 'sunli'];
const DOMAINS = ['qq.com', '163.com', '126.com', 'sina.com', 'example.com', 'gmail.com', 'foxmail.com', 'abc.com'];
const PLATFORMS = ['Windows 7', 'Windows 10', 'iOS 17', 'Android 13', 'Mac OS X'];
const CLIENTS = ['Chrome', 'Safari', 'Outlook', 'Foxmail', 'QQ邮箱', '网易邮箱大师'];
const DEVICES = ['', '', 'iPhone', 'Android', 'iPad'];
const URLS = ['http://item.damai.cn/78982.html', 'https://www.jd.com/promotion/1111.html?utm_source=edm', '#退订'];
const COMPLAINTS = [
  '在沒有任何解釋及通知的情況下, 退還按金時直接扣了大約27英鎊。請協助跟進。',
  '我从来没有订阅过这个邮件,请不要再发了。',
  'I do not want to receive these emails anymore .',
];
const REPLIES = ['请问这场演出还有余票吗?', '收到,谢谢!', '请把我从邮件列表中删除。'];

// Wall clock (Asia/Shanghai) of the first event; a batch spans two days, so times cross many hours.
const WALL_CLOCK_START = Date.UTC(2024, 5, 27, 9, 0, 0);
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const SPAN_MS = 48 * 3_600_000;

// Ids as Lingdong writes them: mostly 17 and 18 digits (beyond 2^53), some 16-digit ones (safe or not), and
// negative ones for system links. Kept as bigint so no digit is ever rounded.
const ID_17 = 22201606019253710n;
const ID_18 = 222016111000001234n;
const ID_16 = 2201602002317593n;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** The first item's id and one in the middle of the batch: both parse to other digits with `JSON.parse`. */
export const PLANTED_FIRST_ID = '222016111000001234';
export const PLANTED_MIDDLE_ID = '9007199254740993';
/**
 * An id whose rounding carries into its leading digits: `JSON.parse` gives 222016111000540000, which shares only
 * 13 leading digits with it. About one realistic 1000-item batch in four holds such an id (measured over 100 seeds
 * of this generator), so the bench measures a batch with one planted, three quarters of the way in.
 */
export const PLANTED_CARRY_ID = '222016111000539994';

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** Writes wall-clock milliseconds as Lingdong's zone-less `yyyy-MM-dd HH:mm:ss`. */
function formatWallClock(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

type Member = readonly [key: string, literal: string];
const str = (value: string): string => JSON.stringify(value);

function email(random: Random): string {
  const address = `${random.pick(LOCAL_PARTS)}${random.int(1, 99999)}@${random.pick(DOMAINS)}`;
  const roll = random.next();
  // As in the article (`" xiaorong@example.com "`): some addresses arrive padded or with a capitalised domain.
  if (roll < 0.03) return ` ${address} `;
  if (roll < 0.06) return address.replace(/@(.*)$/, (_, domain: string) => `@${domain.toUpperCase()}`);
  return address;
}

function coordinate(random: Random, min: number, max: number): string {
  return (min + random.next() * (max - min)).toFixed(4);
}

/** Article style: four-space indent, members separated by `", "` and a newline. */
function printItem(members: readonly Member[]): string {
  const lines = members.map(([key, literal]) => `            ${str(key)}: ${literal}`);
  return `        {\n${lines.join(', \n')}\n        }`;
}

/**
 * Generates a Lingdong webhook body of `count` items over every group and delivery status, with Chinese
 * campaign, subject and location text, ids beyond 2^53 written as bare integer literals (from bigint digits,
 * never through a `number`), zone-less local times, and `updatedAt` epoch milliseconds on some receipts.
 * @param count How many items in all (1000 and 10 000 in the bench).
 * @param options `seed`: the same seed gives the same body; `carry`: plant {@link PLANTED_CARRY_ID}.
 */
export function generateLingdongBatch(count: number, options: { seed?: number; carry?: boolean } = {}): LingdongBatch {
  const random = createRandom(options.seed ?? 20240627);
  const counts = apportion(count, GROUP_WEIGHTS);
  const ids: string[] = [];
  const plantedIds: LingdongBatch['plantedIds'] = [];
  const middle = Math.floor(count / 2);
  const carryAt = options.carry ? Math.floor((count * 3) / 4) : -1;
  let next17 = ID_17;
  let next18 = ID_18;
  let next16 = ID_16;
  let unsafeIds = 0;

  const nextId = (): string => {
    const index = ids.length;
    let id: bigint;
    if (index === 0) id = BigInt(PLANTED_FIRST_ID);
    else if (index === middle) id = BigInt(PLANTED_MIDDLE_ID);
    else if (index === carryAt) id = BigInt(PLANTED_CARRY_ID);
    else {
      const kind = random.next();
      const step = BigInt(random.int(1, 5000));
      if (kind < 0.75) id = next17 += step;
      else if (kind < 0.85) id = next18 += step;
      else if (kind < 0.95) id = next16 += step * 1_000_000_000n;
      else id = -(next16 += step);
    }
    const digits = id.toString();
    if (index === 0 || index === middle || index === carryAt) plantedIds.push({ index, id: digits });
    if (id > MAX_SAFE || id < -MAX_SAFE) unsafeIds++;
    ids.push(digits);
    return digits;
  };

  const commonStart = (campaign: string): Member[] => [
    ['id', nextId()],
    ['campaign', str(campaign)],
  ];

  const activity = (group: Group): Member[] => {
    const campaign = random.pick(CAMPAIGNS);
    const created = WALL_CLOCK_START + random.int(0, SPAN_MS / 1000) * 1000;
    const members: Member[] = [
      ...commonStart(campaign),
      ['subject', str(group === 'replies' ? `Re: ${campaign}` : campaign)],
      ['uid', str(random.alphanumeric(20))],
      ['email', str(email(random))],
    ];
    if (group !== 'replies') {
      members.push(
        ['ip', str(`${random.int(1, 223)}.${random.int(0, 255)}.${random.int(0, 255)}.${random.int(1, 254)}`)],
        ['location', str(random.pick(LOCATIONS))],
        ['longitude', coordinate(random, 100, 125)],
        ['latitude', coordinate(random, 20, 45)],
        ['device', str(random.pick(DEVICES))],
        ['platform', str(random.pick(PLATFORMS))],
        ['client', str(random.pick(CLIENTS))],
      );
    }
    if (group === 'clicks') members.push(['url', str(random.pick(URLS))]);
    if (group === 'unsubscriptions' || group === 'complaints' || group === 'subscriptions') {
      members.push(['source', str(random.next() < 0.8 ? 'esp' : 'isp')]);
    }
    if (group === 'unsubscriptions' || group === 'complaints') members.push(['content', str(random.pick(COMPLAINTS))]);
    if (group === 'replies') members.push(['content', str(random.pick(REPLIES))]);
    members.push(['createdAt', str(formatWallClock(created))]);
    return members;
  };

  const receipt = (): Member[] => {
    const status = random.weighted(STATUS_WEIGHTS);
    const created = WALL_CLOCK_START + random.int(0, SPAN_MS / 1000) * 1000;
    const updated = created + random.int(1, 600) * 1000;
    const members: Member[] = [
      ...commonStart(random.pick(CAMPAIGNS)),
      ['uid', str(random.alphanumeric(20))],
      ['email', str(email(random))],
      ['status', str(status)],
      ['dsn', str(random.pick(DSN[status]))],
    ];
    // The API reference documents `updatedAt` in epoch milliseconds; real samples carry `updated` text.
    if (random.next() < 0.1) members.push(['updatedAt', String(updated - SHANGHAI_OFFSET_MS)]);
    else members.push(['updated', str(formatWallClock(updated))]);
    members.push(
      ['createdAt', str(formatWallClock(created))],
      ['scheduleId', String(random.int(10_000, 200_000))],
      [random.next() < 0.2 ? 'mid' : 'messageId', String(random.int(10_000, 999_999))],
      ['contactId', String(random.int(10_000_000, 99_999_999))],
    );
    return members;
  };

  const groups: string[] = [];
  for (const group of Object.keys(GROUP_WEIGHTS) as Group[]) {
    const n = counts[group];
    if (n === 0) continue;
    const items: string[] = [];
    for (let i = 0; i < n; i++) items.push(printItem(group === 'delivered' ? receipt() : activity(group)));
    groups.push(`    ${str(group)}: [\n${items.join(', \n')}\n    ]`);
  }
  return { body: `{\n${groups.join(', \n')}\n}`, items: ids.length, ids, unsafeIds, plantedIds };
}
