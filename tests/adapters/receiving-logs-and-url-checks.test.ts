import { describe, expect, onTestFinished, test } from 'vitest';
import { formatIssue, isWebhookError } from '../../src/index.js';
import { fixture } from '../helpers/fixtures.js';
import { send } from './support/http.js';
import { ADAPTERS, startAdapter } from './support/servers.js';

const SECRET = 'logs-secret';
const MARKER = '\u001b[31mEVIL\u202eLOG';

describe.each(ADAPTERS)('%s adapter: nothing from the body in logs or answers', (kind) => {
  test('an invalid_json error handed to onError carries no byte of the body, in its message or its cause', async () => {
    const errors: unknown[] = [];
    const server = await startAdapter(kind, { secret: SECRET, onEvents() {}, onError: (error) => void errors.push(error) });
    onTestFinished(() => server.close());
    const reply = await send(`${server.origin}/hook?token=${SECRET}`, { body: `[{"a": ${MARKER}}]` });
    expect(reply.status).toBe(400);
    expect(reply.text).not.toContain('EVIL');
    expect(errors).toHaveLength(1);
    const error = errors[0];
    expect(isWebhookError(error) && error.code).toBe('invalid_json');
    // V8 names a position for some mistakes and not others; either way nothing else is said.
    expect((error as Error).message).toMatch(/^body is not valid JSON( \(at character \d+\))?$/);
    expect((error as Error).cause).toBeInstanceOf(SyntaxError);
    expect(((error as Error).cause as Error).message).toMatch(/^JSON\.parse refused the body( \(at character \d+\))?$/);
    expect(String((error as Error).stack)).not.toContain('EVIL');
  });
});

describe.each(ADAPTERS)('%s adapter: provider URL checks', (kind) => {
  test('HEAD is answered 200 with no body and no credentials needed; GET stays 405', async () => {
    const seen: unknown[] = [];
    const server = await startAdapter(kind, { secret: SECRET, onEvents: (result) => void seen.push(result) });
    onTestFinished(() => server.close());
    const head = await send(`${server.origin}/hook`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.body.byteLength).toBe(0);
    expect(head.headers['content-length']).toBe('0');
    const get = await send(`${server.origin}/hook?token=${SECRET}`, { method: 'GET' });
    expect(get.status).toBe(405);
    expect(get.json).toEqual({ error: { code: 'method_not_allowed', message: 'webhooks are delivered with POST' } });
    expect((await send(`${server.origin}/hook?token=${SECRET}`, { body: fixture('sendpulse/delivered.json') })).status).toBe(200);
    expect(seen).toHaveLength(1);
  });
});

describe('formatIssue', () => {
  test('escapes control, bidi and zero-width characters in keys and messages', () => {
    const key = 'a\u202eb\u2066c\u200bd\ufeffe\u061cf\u200eg\u2060h\u001bi';
    expect(formatIssue({ path: [key, 0], message: 'bad \u202evalue\u200d', input: null })).toBe(
      '"a\\u202eb\\u2066c\\u200bd\\ufeffe\\u061cf\\u200eg\\u2060h\\u001bi"[0]: bad \\u202evalue\\u200d',
    );
  });

  test('leaves plain keys and ordinary text, right-to-left letters included, as they are', () => {
    expect(formatIssue({ path: ['clicks', 3, 'email'], message: 'not an email address', input: 'x' })).toBe(
      'clicks[3].email: not an email address',
    );
    expect(formatIssue({ path: ['שלום'], message: 'مرحبا 你好', input: 'x' })).toBe('שלום: مرحبا 你好');
  });
});
