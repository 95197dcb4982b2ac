import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBody } from 'email-webhooks/testing';

let mf: Miniflare;

beforeAll(async () => {
  // Bundled the way wrangler does: `email-webhooks/fetch` resolves by name, through the package's exports.
  const bundle = await build({
    entryPoints: [fileURLToPath(new URL('../../examples/worker.ts', import.meta.url))],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    write: false,
    logLevel: 'error',
  });
  mf = new Miniflare({
    modules: true,
    script: bundle.outputFiles[0]!.text,
    compatibilityDate: '2025-01-01',
    bindings: { WEBHOOK_SECRET: 'worker-secret' },
  });
});
afterAll(() => mf?.dispose());

describe('Cloudflare Worker recipe, in workerd', () => {
  const { body, contentType } = buildBody('sendpulse', [{ type: 'opened', recipient: 'ann@example.com' }]);
  const post = (token: string) =>
    mf.dispatchFetch(`http://worker.example/?token=${token}`, { method: 'POST', headers: { 'content-type': contentType }, body });

  it('reads the secret from env and accepts the provider', async () => {
    const response = await post('worker-secret');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ provider: 'sendpulse', events: 1, issues: 0 });
  });

  it('refuses a wrong secret', async () => {
    const response = await post('guess');
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: 'unauthorized' } });
  });
});
