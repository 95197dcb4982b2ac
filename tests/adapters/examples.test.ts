import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, onTestFinished, test, vi } from 'vitest';
import * as expressExample from '../../examples/express-server.js';
import * as fetchExample from '../../examples/fetch-handler.js';
import * as nodeExample from '../../examples/node-server.js';
import { parseWebhook, type WebhookResult } from '../../src/index.js';
import { allFixtures } from '../helpers/fixtures.js';
import { basicAuth, send } from './support/http.js';

const SECRET = 'example-secret';
const examples = { 'express-server': expressExample, 'node-server': nodeExample, 'fetch-handler': fetchExample };

/** The examples log each refusal to stderr; the tests make refusals on purpose. */
function quietRefusalLogs(): void {
  const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
  onTestFinished(() => spy.mockRestore());
}

describe.each(Object.entries(examples))('examples/%s.ts', (_name, example) => {
  const start = async () => {
    const received: WebhookResult[] = [];
    const server = await example.startServer({ port: 0, secret: SECRET, onEvents: (result) => void received.push(result) });
    onTestFinished(() => server.close());
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/webhooks\/email$/);
    return { url: server.url, received };
  };

  test('takes every provider fixture posted to it and hands over exactly the decoded events', async () => {
    quietRefusalLogs();
    const { url, received } = await start();
    for (const { name, folder, bytes } of allFixtures()) {
      if (folder === 'invalid') continue;
      let expected: WebhookResult | undefined;
      try {
        expected = parseWebhook(new Uint8Array(bytes));
      } catch {
        expected = undefined;
      }
      received.length = 0;
      const reply = await send(`${url}?token=${SECRET}`, { body: bytes });
      expect(reply.status, name).toBe(expected === undefined ? 400 : 200);
      expect(received, name).toEqual(expected === undefined ? [] : [expected]);
    }
  });

  test('refuses a wrong secret and other methods, and takes Basic credentials', async () => {
    quietRefusalLogs();
    const { url } = await start();
    const body = allFixtures().find((fixture) => fixture.name.endsWith('delivered.json'))!.bytes;
    expect((await send(`${url}?token=nope`, { body })).status).toBe(401);
    expect((await send(url, { body })).status).toBe(401);
    expect((await send(url, { method: 'GET' })).status).toBe(405);
    expect((await send(url, { body, headers: { authorization: basicAuth('hooks', SECRET) } })).status).toBe(200);
  });
});

test('npm run demo replays every fixture through the Express example and exits 0', async () => {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'examples/demo.ts'], {
    cwd: root,
    timeout: 20_000,
  });
  const posted = stdout.match(/^POST /gm) ?? [];
  expect(posted).toHaveLength(allFixtures().length);
  expect(stdout).toContain('POST lingdong/article.json');
  expect(stdout).toMatch(/lingdong opened +someone@example\.com .* id=222016111000001234/);
  expect(stdout).toContain('-> 200 {"provider":"lingdong","events":7,"issues":0,"duplicates":0}');
  expect(stdout).toContain('-> 400 {"error":{"code":"invalid_json"');
  expect(stdout).toContain('server closed');
});
