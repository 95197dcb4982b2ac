import { describe, expect, onTestFinished, test } from 'vitest';
import { expressWebhook } from '../../src/adapters/express.js';
import { fetchWebhook } from '../../src/adapters/fetch.js';
import { nodeWebhook } from '../../src/adapters/node.js';
import { MISSING_AUTH_MESSAGE } from '../../src/adapters/shared/options.js';
import { isWebhookError } from '../../src/index.js';
import { fixture } from '../helpers/fixtures.js';
import { basicAuth, send } from './support/http.js';
import { ADAPTERS, startAdapter } from './support/servers.js';

const factories = { expressWebhook, nodeWebhook, fetchWebhook } as Record<string, (options: never) => unknown>;
const onEvents = () => {};

function refusal(create: (options: never) => unknown, options: unknown): string | undefined {
  try {
    create(options as never);
  } catch (error) {
    return isWebhookError(error) && error.code === 'invalid_options' ? error.message : `not invalid_options: ${String(error)}`;
  }
  return undefined;
}

describe.each(Object.entries(factories))('%s: authentication is required', (_name, create) => {
  test('no secret, no signingKeys and no secret: false is refused at creation, naming the fix', () => {
    expect(refusal(create, { onEvents })).toBe(MISSING_AUTH_MESSAGE);
    expect(refusal(create, { onEvents, secret: undefined })).toBe(MISSING_AUTH_MESSAGE);
    expect(refusal(create, { onEvents, signingKeys: {} })).toBe(MISSING_AUTH_MESSAGE);
    expect(MISSING_AUTH_MESSAGE).toContain('secret: false');
    expect(MISSING_AUTH_MESSAGE).toContain('signingKeys');
  });

  test('empty secrets and empty lists are refused; a list and false are taken', () => {
    const emptyMessage = 'secret must be a non-empty string or a non-empty list of them (or false)';
    expect(refusal(create, { onEvents, secret: '' })).toBe(emptyMessage);
    expect(refusal(create, { onEvents, secret: [] })).toBe(emptyMessage);
    expect(refusal(create, { onEvents, secret: ['ok', ''] })).toBe(emptyMessage);
    expect(refusal(create, { onEvents, secret: true })).toBe(emptyMessage);
    expect(refusal(create, { onEvents, secret: ['old', 'new'] })).toBeUndefined();
    expect(refusal(create, { onEvents, secret: false })).toBeUndefined();
  });
});

describe.each(ADAPTERS)('%s adapter: secrets over loopback', (kind) => {
  const body = fixture('sendpulse/delivered.json');

  async function serve(secret: string | readonly string[]): Promise<string> {
    const server = await startAdapter(kind, { secret, onEvents });
    onTestFinished(() => server.close());
    return server.origin;
  }

  test('every secret of a list is accepted, for rotation, as token or Basic password; others are 401', async () => {
    const origin = await serve(['old-secret', 'new-secret']);
    expect((await send(`${origin}/hook?token=old-secret`, { body })).status).toBe(200);
    expect((await send(`${origin}/hook?token=new-secret`, { body })).status).toBe(200);
    expect((await send(`${origin}/hook`, { body, headers: { authorization: basicAuth('hooks', 'new-secret') } })).status).toBe(200);
    const wrong = await send(`${origin}/hook?token=other-secret`, { body });
    expect(wrong.status).toBe(401);
    expect(wrong.json).toEqual({ error: { code: 'unauthorized', message: 'the webhook secret is missing or wrong' } });
  });

  test('a + in the secret matches whether the token is sent raw or as %2B', async () => {
    const origin = await serve('a+b/c=d');
    expect((await send(`${origin}/hook?token=a+b/c=d`, { body })).status).toBe(200);
    expect((await send(`${origin}/hook?token=a%2Bb%2Fc%3Dd`, { body })).status).toBe(200);
    expect((await send(`${origin}/hook?token=a%20b/c=d`, { body })).status).toBe(401);
  });
});
