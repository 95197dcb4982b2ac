import { WebhookError, defineProvider, type EmailEvent } from '../../../src/index.js';

// A provider that exists only in tests, to prove that a provider is one folder plus one registry line: it is
// detected, decodes, validates and verifies its signature with no edit anywhere else.

const encoder = new TextEncoder();

async function hmacHex(key: string, text: string): Promise<string> {
  const cryptoKey = await crypto.subtle.importKey('raw', encoder.encode(key), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ]);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', cryptoKey, encoder.encode(text)));
  return Array.from(mac, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

interface TestOnlyItem {
  kind: string;
  to: string;
  at: number;
  ref: string;
}

function isTestOnlyBody(body: unknown): body is { testOnly: unknown[] } {
  return typeof body === 'object' && body !== null && Array.isArray((body as { testOnly?: unknown }).testOnly);
}

function isItem(value: unknown): value is TestOnlyItem {
  const item = value as TestOnlyItem;
  return (
    typeof value === 'object' && value !== null && typeof item.kind === 'string' && typeof item.to === 'string' &&
    item.to.includes('@') && typeof item.at === 'number' && typeof item.ref === 'string'
  );
}

/**
 * `{ "testOnly": [{ "kind": "delivered", "to": "a@example.com", "at": 1700000000, "ref": "r1" }] }`, signed with
 * `x-test-only-signature: hex(HMAC-SHA256(key, timestamp + "." + body))` and `x-test-only-timestamp` (unix seconds).
 */
export const testOnly = defineProvider({
  name: 'test-only',
  title: 'Test Only',
  detect: isTestOnlyBody,
  countItems: (body) => (isTestOnlyBody(body) ? body.testOnly.length : 0),
  decode(body, context) {
    if (!isTestOnlyBody(body)) throw new WebhookError('invalid_payload', 'a test-only body has a testOnly array');
    // A batch header, when sent, scopes the items' refs: it shows decoders reading request headers.
    const batch = context.header('x-test-only-batch');
    body.testOnly.forEach((item, index) => {
      if (!isItem(item) || (item.kind !== 'delivered' && item.kind !== 'opened')) {
        context.reject({ path: ['testOnly', index], message: 'not a test-only item', input: item });
        return;
      }
      const event = {
        type: item.kind,
        provider: 'test-only',
        id: batch === undefined ? item.ref : `${batch}:${item.ref}`,
        recipient: item.to.trim().toLowerCase(),
        occurredAt: new Date(item.at * 1000),
        raw: item as unknown as Record<string, unknown>,
      } satisfies EmailEvent;
      context.events.push(event);
    });
  },
  signature: {
    isSigned: (request) => request.header('x-test-only-signature') !== undefined,
    async verify(request, keys, { toleranceSeconds, now }) {
      const timestamp = Number(request.header('x-test-only-timestamp'));
      if (!Number.isFinite(timestamp) || Math.abs(now.getTime() / 1000 - timestamp) > toleranceSeconds) {
        throw new WebhookError('invalid_signature', 'the test-only timestamp is missing or stale');
      }
      const signed = `${timestamp}.${new TextDecoder().decode(request.body)}`;
      for (const key of keys) {
        if ((await hmacHex(key, signed)) === request.header('x-test-only-signature')) return;
      }
      throw new WebhookError('invalid_signature', 'the test-only signature does not match');
    },
  },
  testKit: {
    buildBody(events) {
      const items = events.map((event, index) => ({
        kind: event.type,
        to: event.recipient,
        at: Math.floor((event.occurredAt ?? new Date(0)).getTime() / 1000),
        ref: event.id ?? `r${index}`,
      }));
      return { body: JSON.stringify({ testOnly: items }), contentType: 'application/json' };
    },
    async signHeaders(body, key, options) {
      const timestamp = Math.floor((options?.timestamp ?? new Date()).getTime() / 1000);
      return {
        'x-test-only-timestamp': String(timestamp),
        'x-test-only-signature': await hmacHex(key, `${timestamp}.${body}`),
      };
    },
  },
});
