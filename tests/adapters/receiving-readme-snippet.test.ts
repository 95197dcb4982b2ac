import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';
import { expressWebhook } from '../../src/adapters/express.js';
import { fetchWebhook } from '../../src/adapters/fetch.js';
import { nodeWebhook } from '../../src/adapters/node.js';
import { MISSING_AUTH_MESSAGE } from '../../src/adapters/shared/options.js';
import { WebhookError } from '../../src/index.js';

const run = promisify(execFile);

describe("the README's adapter snippets", () => {
  test('compile with strict and exactOptionalPropertyTypes', async () => {
    const tsc = await run('npx', ['tsc', '-p', 'tests/types/tsconfig.readme-snippet.json'], { timeout: 120_000 }).then(
      () => ({ code: 0, output: '' }),
      (error: { code?: number; stdout?: string }) => ({ code: error.code ?? 1, output: error.stdout ?? '' }),
    );
    expect(tsc.output).toBe('');
    expect(tsc.code).toBe(0);
  }, 120_000);

  test('refuse an unset WEBHOOK_SECRET when the handler is created, naming the fix', () => {
    const unset: string | undefined = process.env.EMAIL_WEBHOOKS_SURELY_UNSET_VARIABLE;
    for (const create of [expressWebhook, nodeWebhook, fetchWebhook] as Array<(options: never) => unknown>) {
      expect(() => create({ secret: unset, onEvents() {} } as never)).toThrow(
        new WebhookError('invalid_options', MISSING_AUTH_MESSAGE),
      );
    }
  });
});
