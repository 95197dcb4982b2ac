import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BUILT_IN_PROVIDERS, parseWebhook, type WebhookResult } from '../../src/index.js';
import { allFixtures } from '../helpers/fixtures.js';
import { send } from './support/http.js';
import { ADAPTERS, startAdapter, type RunningServer } from './support/servers.js';

// Every documented example of every registered provider, posted over loopback to each adapter, must reach the
// handler exactly as parseWebhook decodes it, or be refused with the status of parseWebhook's error.

const SECRET = 'over-http-secret';
const names = new Set<string>(BUILT_IN_PROVIDERS.map((provider) => provider.name));
const fixtures = allFixtures().filter((fixture) => names.has(fixture.folder) && fixture.name.endsWith('.json'));

function expectedOutcome(bytes: Uint8Array): { status: number; result?: WebhookResult } {
  try {
    return { status: 200, result: parseWebhook(bytes) };
  } catch (error) {
    return { status: (error as { status: number }).status };
  }
}

describe.each(ADAPTERS)('%s adapter', (kind) => {
  const received: WebhookResult[] = [];
  let server: RunningServer;
  beforeAll(async () => {
    server = await startAdapter(kind, { secret: SECRET, onEvents: (result) => void received.push(result) });
  });
  afterAll(() => server.close());

  test('takes every provider fixture as parseWebhook decodes it', async () => {
    expect(new Set(fixtures.map((fixture) => fixture.folder))).toEqual(names);
    for (const fixture of fixtures) {
      received.length = 0;
      const expected = expectedOutcome(new Uint8Array(fixture.bytes));
      const reply = await send(`${server.origin}/hooks/email?token=${SECRET}`, {
        body: fixture.bytes,
        headers: { 'content-type': 'application/json' },
      });
      expect({ fixture: fixture.name, status: reply.status }).toEqual({ fixture: fixture.name, status: expected.status });
      if (expected.result === undefined) {
        expect(received).toEqual([]);
        continue;
      }
      expect({ fixture: fixture.name, received }).toEqual({ fixture: fixture.name, received: [expected.result] });
      expect(reply.json).toMatchObject({
        provider: expected.result.provider,
        events: expected.result.events.length,
        issues: expected.result.issues.length,
      });
    }
  });
});
