/**
 * Hostile bodies at the sizes the resource-limit tests use, shared by tests/limits/*.test.ts and by
 * tests/limits/measure.ts (which times them and records memory).
 */

/** Levels of nesting for the depth cases. */
export const DEEP = 100_000;
/** Characters of the huge strings. */
export const HUGE = 10 * 1024 * 1024;
/** Items of the huge batches. */
export const MANY = 100_000;

/** `[[[...]]]`, `levels` deep. */
export function deepArrays(levels: number): string {
  return '['.repeat(levels) + ']'.repeat(levels);
}

/** `{"a":{"a":...1}}`, `levels` deep. */
export function deepObjects(levels: number): string {
  return '{"a":'.repeat(levels) + '1' + '}'.repeat(levels);
}

/** An already-parsed value nested `levels` deep, built without recursion. */
export function deepValue(levels: number, kind: 'array' | 'object'): unknown {
  let value: unknown = 1;
  for (let i = 0; i < levels; i++) value = kind === 'array' ? [value] : { a: value };
  return value;
}

/** A Lingdong delivery record; `fields` are written in after the usual ones (raw JSON text). */
export function lingdongDelivery(id: string, email: string, fields = ''): string {
  return `{"id":${id},"email":"${email}","status":"success","dsn":"smtp;250 ok","updated":"2014-06-27 15:03:04","createdAt":"2014-06-27 15:02:20"${fields}}`;
}

/** A SendPulse SMTP `delivered` event; `fields` are written in after the usual ones (raw JSON text). */
export function sendpulseDelivered(recipient: string, fields = ''): string {
  return `{"event":"delivered","timestamp":1717060001,"message_id":1149320001,"recipient":"${recipient}","smtp_server_response_code":"250"${fields}}`;
}

/** A Lingdong body whose one delivery record carries a field nested `levels` deep. */
export function lingdongWithDeepField(levels: number): string {
  return `{"delivered":[${lingdongDelivery('1', 'a@b.io', `,"extra":${deepArrays(levels)}`)}]}`;
}

/** An id of the form Lingdong uses, beyond 2^53, distinct for each index. */
export function bigId(index: number): string {
  return `2220161110${String(index).padStart(8, '0')}`;
}

/**
 * A Lingdong batch of `count` items spread over its groups, every id beyond 2^53, every tenth item bad (an
 * email that is not an address).
 */
export function lingdongBatch(count: number): string {
  const groups: Record<string, string[]> = { delivered: [], clicks: [], opens: [], complaints: [] };
  const names = Object.keys(groups);
  for (let i = 0; i < count; i++) {
    const group = names[i % names.length]!;
    const email = i % 10 === 9 ? 'not-an-email' : `user${i}@example.com`;
    const item =
      group === 'delivered'
        ? lingdongDelivery(bigId(i), email)
        : `{"id":${bigId(i)},"email":"${email}","ip":"119.255.75.126","location":"中国/河北/廊坊","createdAt":"2014-06-27 15:02:20","url":"https://shop.example/${i}"}`;
    groups[group]!.push(item);
  }
  return `{${names.map((name) => `"${name}":[${groups[name]!.join(',')}]`).join(',')}}`;
}

/** A SendPulse batch of `count` events, every tenth one bad (no recipient). */
export function sendpulseBatch(count: number): string {
  const items: string[] = [];
  for (let i = 0; i < count; i++) {
    items.push(i % 10 === 9 ? '{"event":"opened","timestamp":1717060001}' : sendpulseDelivered(`user${i}@example.com`));
  }
  return `[${items.join(',')}]`;
}

/** A SendPulse event whose subject is `length` characters. */
export function hugeSubject(length: number): string {
  return `[${sendpulseDelivered('a@b.io', `,"subject":"${'x'.repeat(length)}"`)}]`;
}

/** A Lingdong click whose location is `length` slashes (the most parts a location can split into). */
export function hugeLocation(length: number): string {
  return `{"clicks":[{"id":1,"email":"a@b.io","createdAt":"2014-06-27 15:02:20","location":"${'/'.repeat(length)}"}]}`;
}

/** A Lingdong delivery whose id is a bare integer literal of `digits` digits. */
export function hugeIdLiteral(digits: number): string {
  return `{"delivered":[${lingdongDelivery(`1${'7'.repeat(digits - 1)}`, 'a@b.io')}]}`;
}

const utf8 = new TextEncoder();

/** Bytes of a valid body with `bad` spliced into the subject string. */
export function withBadBytes(bad: readonly number[]): Uint8Array {
  const [head, tail] = [utf8.encode('[{"event":"delivered","recipient":"a@b.io","subject":"Caf'), utf8.encode(' menu"}]')];
  const bytes = new Uint8Array(head.length + bad.length + tail.length);
  bytes.set(head, 0);
  bytes.set(bad, head.length);
  bytes.set(tail, head.length + bad.length);
  return bytes;
}
