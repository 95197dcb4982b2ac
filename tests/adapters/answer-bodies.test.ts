import { describe, expect, test } from 'vitest';
import { acceptedAnswer, refusalAnswer } from '../../src/adapters/shared/answer.js';
import { WebhookError } from '../../src/index.js';

const decode = (bytes: Uint8Array) => JSON.parse(new TextDecoder().decode(bytes)) as unknown;

describe('answers', () => {
  test('the 200 carries the counts', () => {
    const answer = acceptedAnswer({ provider: 'sendpulse', events: [], issues: [] });
    expect(answer.status).toBe(200);
    expect(decode(answer.body)).toEqual({ provider: 'sendpulse', events: 0, issues: 0, duplicates: 0 });
  });

  test('Content-Length counts bytes, not UTF-16 units', () => {
    const answer = refusalAnswer(new WebhookError('invalid_payload', '退订 item is bad'));
    expect(answer.headers['content-length']).toBe(String(answer.body.byteLength));
    expect(answer.body.byteLength).toBeGreaterThan(JSON.stringify(decode(answer.body)).length);
  });

  test('a 4xx refusal sends its own message; a 5xx or a foreign error sends a fixed one', () => {
    expect(decode(refusalAnswer(new WebhookError('invalid_json', 'body is not valid JSON')).body)).toEqual({
      error: { code: 'invalid_json', message: 'body is not valid JSON' },
    });
    const leaky = refusalAnswer(new WebhookError('invalid_options', 'unknown time zone option: "Mars/Olympus"'));
    expect(leaky.status).toBe(500);
    expect(new TextDecoder().decode(leaky.body)).not.toContain('Mars');
    const foreign = refusalAnswer(new TypeError("Cannot read properties of undefined (reading 'x')"));
    expect(foreign.status).toBe(500);
    expect(decode(foreign.body)).toEqual({ error: { code: 'handler_failed', message: expect.any(String) } });
    expect(new TextDecoder().decode(foreign.body)).not.toContain('undefined');
  });

  test('a retryable 503 says when to retry; other refusals carry no Retry-After', () => {
    const timeout = refusalAnswer(new WebhookError('handler_timeout', 'x', { retryAfterSeconds: 10 }));
    expect(timeout.status).toBe(503);
    expect(timeout.headers['retry-after']).toBe('10');
    expect(decode(timeout.body)).toEqual({ error: { code: 'handler_timeout', message: expect.any(String) } });
    expect(refusalAnswer(new WebhookError('duplicate_in_progress', 'x', { retryAfterSeconds: 3 })).headers['retry-after']).toBe('3');
    expect(refusalAnswer(new WebhookError('invalid_json', 'x')).headers['retry-after']).toBeUndefined();
  });

  test('the 200 counts duplicates', () => {
    const answer = acceptedAnswer({ provider: 'sendgrid', events: [], issues: [] }, 4);
    expect(decode(answer.body)).toEqual({ provider: 'sendgrid', events: 0, issues: 0, duplicates: 4 });
  });

  test('405 names the allowed method; 401 names the Basic scheme', () => {
    expect(refusalAnswer(new WebhookError('method_not_allowed', 'x')).headers.allow).toBe('POST, HEAD');
    expect(refusalAnswer(new WebhookError('unauthorized', 'x')).headers['www-authenticate']).toMatch(/^Basic realm=/);
  });
});
