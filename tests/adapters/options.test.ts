import { describe, expect, test } from 'vitest';
import { expressWebhook } from '../../src/adapters/express.js';
import { fetchWebhook } from '../../src/adapters/fetch.js';
import { nodeWebhook } from '../../src/adapters/node.js';
import { DEFAULT_MAX_BODY_BYTES } from '../../src/adapters/shared/options.js';
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
  // Authentication is required, so the other checks are tried with a secret in place.
  const base = { onEvents, secret: 'x' };

  test('misconfigurations fail when the handler is created, not on the first delivery', () => {
    expect(refused(undefined)).toBe(true);
    expect(refused({})).toBe(true);
    expect(refused({ onEvents, secret: '' })).toBe(true);
    expect(refused({ ...base, maxInFlightBytes: 0 })).toBe(true);
    expect(refused({ ...base, maxInFlightBytes: DEFAULT_MAX_BODY_BYTES - 1 })).toBe(true);
    expect(refused({ ...base, maxBodyBytes: 0 })).toBe(true);
    expect(refused({ ...base, maxBodyBytes: 1.5 })).toBe(true);
    expect(refused({ ...base, requestTimeoutMs: -1 })).toBe(true);
    expect(refused({ ...base, timeZone: 'Mars/Olympus' })).toBe(true);
    expect(refused({ ...base, provider: 'mailchimp' })).toBe(true);
    expect(refused({ ...base, maxItems: -1 })).toBe(true);
    expect(refused({ ...base, maxItems: 2.5 })).toBe(true);
  });

  test('sound options are taken', () => {
    expect(refused(base)).toBe(false);
    expect(refused({ onEvents, secret: false })).toBe(false);
    expect(refused({ onEvents, secret: ['old', 'new'] })).toBe(false);
    expect(refused({ onEvents, secret: 'x', maxBodyBytes: 1, requestTimeoutMs: 0, timeZone: 'Europe/Moscow' })).toBe(false);
    expect(refused({ ...base, provider: 'lingdong', timeZone: '+08:00' })).toBe(false);
    expect(refused({ ...base, requestTimeoutMs: Number.POSITIVE_INFINITY })).toBe(false);
    expect(refused({ ...base, maxItems: 1000 })).toBe(false);
    expect(refused({ ...base, maxInFlightBytes: DEFAULT_MAX_BODY_BYTES })).toBe(false);
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
