import { createRandom, sampleAddress, type Random } from './random.js';

/** Generated Postmark requests: Postmark posts one record a request. */
export interface PostmarkRequests {
  /** One compact JSON body per request, as Postmark posts them. */
  bodies: string[];
  /** How many records in all (one a body). */
  items: number;
}

// Deliveries and opens dominate; every record type and the common bounce types appear, plus echoed
// suppressions and an AutoResponder (both `unknown` events).
const WEIGHTS = {
  delivery: 400,
  open: 250,
  click: 130,
  hardBounce: 40,
  softBounce: 30,
  transient: 25,
  autoResponder: 10,
  spamComplaint: 10,
  manualSuppression: 45,
  echoedSuppression: 40,
  reactivation: 20,
} as const;

const TAGS = ['welcome-email', 'receipt', 'password-reset', 'digest'];
const CLIENTS = [
  { Client: { Name: 'Chrome 124.0.6367.91', Company: 'Google', Family: 'Chrome' }, OS: { Name: 'Windows 10', Company: 'Microsoft Corporation.', Family: 'Windows 10' }, Platform: 'WebMail' },
  { Client: { Name: 'Apple Mail', Company: 'Apple Inc.', Family: 'Apple Mail' }, OS: { Name: 'iOS 17.4', Company: 'Apple Inc.', Family: 'iOS' }, Platform: 'Mobile' },
  { Client: { Name: 'Gmail', Company: 'Google', Family: 'Gmail' }, OS: { Name: 'unknown', Company: 'unknown', Family: 'unknown' }, Platform: 'Unknown' },
];
const AGENT = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36';
const GEOS = [
  { CountryISOCode: 'RS', Country: 'Serbia', RegionISOCode: 'VO', Region: 'Autonomna Pokrajina Vojvodina', City: 'Novi Sad', Zip: '21000', Coords: '45.2517,19.8369', IP: '188.2.95.4' },
  { CountryISOCode: 'US', Country: 'United States', RegionISOCode: 'CA', Region: 'California', City: 'San Jose', Zip: '95113', Coords: '37.3394,-121.8950', IP: '66.249.84.1' },
  {},
];
const LINKS = ['https://shop.example/orders/5521', 'https://shop.example/sale?utm_source=postmark', 'https://example.com'];

// 2024-05-30 09:00 UTC; a run covers the next hour.
const START = Date.UTC(2024, 4, 30, 9);

/** Postmark's own time form: seven fractional digits, `Z` or an offset. */
function postmarkTime(random: Random): string {
  const instant = new Date(START + random.int(0, 3_600_000)).toISOString().replace('Z', '');
  const fraction = `${instant}${String(random.int(0, 9999)).padStart(4, '0')}`;
  return random.next() < 0.8 ? `${fraction}Z` : `${fraction}+00:00`;
}

function messageId(random: Random): string {
  const hex = (length: number) => Array.from({ length }, () => random.int(0, 15).toString(16)).join('');
  return `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
}

function bounce(random: Random, type: string, typeCode: number, details: string, id: bigint) {
  return {
    RecordType: 'Bounce', MessageStream: 'outbound', ID: `@@${id}@@`, Type: type, TypeCode: typeCode, Name: type,
    Tag: random.pick(TAGS), MessageID: messageId(random), Metadata: { customer_id: String(random.int(1, 99999)) },
    ServerID: 23, Description: 'The server was unable to deliver your message.', Details: details,
    Email: sampleAddress(random), From: 'sender@example.com', BouncedAt: postmarkTime(random), DumpAvailable: true,
    Inactive: type === 'HardBounce', CanActivate: true, Subject: 'Your receipt',
  };
}

/**
 * Generates `count` Postmark webhook bodies, one record each, of every record type: bounce IDs beyond 2^53 as bare
 * integer literals, seven-digit fractional times with `Z` or an offset, metadata, geo and client details.
 * @param count How many requests.
 * @param seed The random seed; the same seed gives the same bodies.
 */
export function generatePostmarkRequests(count: number, seed = 4323372): PostmarkRequests {
  const random = createRandom(seed);
  const bodies: string[] = [];
  let nextId = 4323372036854775807n;
  for (let i = 0; i < count; i++) {
    const kind = random.weighted(WEIGHTS);
    const recipient = sampleAddress(random);
    const common = { MessageStream: 'outbound', MessageID: messageId(random), Tag: random.pick(TAGS), Metadata: { customer_id: String(random.int(1, 99999)) } };
    let record: Record<string, unknown>;
    switch (kind) {
      case 'delivery':
        record = { RecordType: 'Delivery', ...common, Recipient: recipient, DeliveredAt: postmarkTime(random), Details: 'smtp;250 2.0.0 OK', ServerID: 23 };
        break;
      case 'open':
        record = { RecordType: 'Open', ...common, FirstOpen: random.next() < 0.7, ...random.pick(CLIENTS), UserAgent: AGENT, Geo: random.pick(GEOS), ReceivedAt: postmarkTime(random), Recipient: recipient };
        break;
      case 'click':
        record = { RecordType: 'Click', ...common, ClickLocation: 'HTML', ...random.pick(CLIENTS), UserAgent: AGENT, OriginalLink: random.pick(LINKS), Geo: random.pick(GEOS), ReceivedAt: postmarkTime(random), Recipient: recipient };
        break;
      case 'hardBounce':
        record = bounce(random, 'HardBounce', 1, 'smtp;550 5.1.1 The email account that you tried to reach does not exist.', nextId++);
        break;
      case 'softBounce':
        record = bounce(random, 'SoftBounce', 4096, 'smtp;452 4.2.2 The email account that you tried to reach is over quota.', nextId++);
        break;
      case 'transient':
        record = bounce(random, 'Transient', 2, 'smtp;421 4.7.0 Try again later, closing connection.', nextId++);
        break;
      case 'autoResponder':
        record = bounce(random, 'AutoResponder', 64, 'I am out of the office until Monday.', nextId++);
        break;
      case 'spamComplaint':
        record = { ...bounce(random, 'SpamComplaint', 512, '', nextId++), RecordType: 'SpamComplaint' };
        break;
      default: {
        const suppress = kind !== 'reactivation';
        const reason = kind === 'manualSuppression' ? 'ManualSuppression' : kind === 'echoedSuppression' ? random.pick(['HardBounce', 'SpamComplaint']) : null;
        record = {
          RecordType: 'SubscriptionChange', ...common, ServerID: 23, ChangedAt: postmarkTime(random), Recipient: recipient,
          Origin: random.pick(['Recipient', 'Customer', 'Admin']), SuppressSending: suppress, SuppressionReason: reason,
        };
      }
    }
    // The ID is beyond 2^53: write it as the bare integer literal Postmark sends.
    bodies.push(JSON.stringify(record).replace(/"@@(\d+)@@"/, '$1'));
  }
  return { bodies, items: bodies.length };
}
