import { describe, expect, test } from 'vitest';
import { expressWebhook } from '../../src/adapters/express.js';
import { fetchWebhook } from '../../src/adapters/fetch.js';
import { nodeWebhook } from '../../src/adapters/node.js';
import { DEFAULT_MAX_BODY_BYTES } from '../../src/adapters/options.js';
import { isWebhookError } from '../../src/index.js';
import { lingdongBatch, sendpulseBatch } from './support/provider-batches.js';

const factories = { expressWebhook, nodeWebhook, fetchWebhook } as Record<string, (options: never) => unknown>;

describe.each(Object.entries(factories))('%s options', (_name, create) => {
  const refused = (options: unknown) => {
    try {
      create(options as never);
    } catch (error) {
      return isWebhookError(error) && error.code === 'invalid_options';
    }
    return false;
  };
  const onEvents = () => {};

  test('misconfigurations fail when the handler is created, not on the first delivery', () => {
    expect(refused(undefined)).toBe(true);
    expect(refused({})).toBe(true);
    expect(refused({ onEvents, secret: '' })).toBe(true);
    expect(refused({ onEvents, maxBodyBytes: 0 })).toBe(true);
    expect(refused({ onEvents, maxBodyBytes: 1.5 })).toBe(true);
    expect(refused({ onEvents, requestTimeoutMs: -1 })).toBe(true);
    expect(refused({ onEvents, timeZone: 'Mars/Olympus' })).toBe(true);
    expect(refused({ onEvents, provider: 'mailchimp' })).toBe(true);
    expect(refused({ onEvents, maxItems: -1 })).toBe(true);
    expect(refused({ onEvents, maxItems: 2.5 })).toBe(true);
  });

  test('sound options are taken', () => {
    expect(refused({ onEvents })).toBe(false);
    expect(refused({ onEvents, secret: 'x', maxBodyBytes: 1, requestTimeoutMs: 0, timeZone: 'Europe/Moscow' })).toBe(false);
    expect(refused({ onEvents, provider: 'lingdong', timeZone: '+08:00' })).toBe(false);
    expect(refused({ onEvents, requestTimeoutMs: Number.POSITIVE_INFINITY })).toBe(false);
    expect(refused({ onEvents, maxItems: 1000 })).toBe(false);
  });
});

test('the default body limit is at least 1 MiB and holds 1000 items of either provider with room to spare', () => {
  expect(DEFAULT_MAX_BODY_BYTES).toBeGreaterThanOrEqual(1024 * 1024);
  const bytes = (text: string) => new TextEncoder().encode(text).byteLength;
  const largest = Math.max(bytes(lingdongBatch(1000)), bytes(lingdongBatch(1000, ['complaints'])), bytes(sendpulseBatch(1000)));
  expect(largest * 3).toBeLessThan(DEFAULT_MAX_BODY_BYTES);
  // Lingdong documents no batch limit: 1000 items in each of its five groups still fit.
  expect(bytes(lingdongBatch(5000))).toBeLessThan(DEFAULT_MAX_BODY_BYTES);
});
