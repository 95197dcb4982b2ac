/**
 * Invalid UTF-8 and lone UTF-16 surrogates: bytes that are not UTF-8 are refused as `invalid_json`; surrogates
 * that arrive as JSON escapes or inside a JS string are kept as they are, never a crash.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { WebhookResult } from '../../src/index.js';
import { parseAndCheck } from '../fuzz/check-result.js';
import { withBadBytes } from './bodies.js';

function result(body: unknown): WebhookResult {
  const outcome = parseAndCheck(body);
  if (!('events' in outcome)) throw new Error(`expected a result, got ${outcome.code}: ${outcome.message}`);
  return outcome;
}

const INVALID_UTF8: readonly (readonly [string, readonly number[]])[] = [
  ['a byte that starts nothing (FF)', [0xff]],
  ['a continuation byte alone (80)', [0x80]],
  ['a lead byte without its continuation (C3 28)', [0xc3, 0x28]],
  ['an overlong slash (C0 AF)', [0xc0, 0xaf]],
  ['an overlong NUL (E0 80 80)', [0xe0, 0x80, 0x80]],
  ['a surrogate encoded as UTF-8 (ED A0 80)', [0xed, 0xa0, 0x80]],
  ['a code point beyond U+10FFFF (F4 90 80 80)', [0xf4, 0x90, 0x80, 0x80]],
  ['a 5-byte form (F8 88 80 80 80)', [0xf8, 0x88, 0x80, 0x80, 0x80]],
  ['a truncated 3-byte character (E4 B8)', [0xe4, 0xb8]],
];

describe('invalid UTF-8', () => {
  for (const [name, bytes] of INVALID_UTF8) {
    it(`${name}: invalid_json, as Uint8Array and as ArrayBuffer`, () => {
      const body = withBadBytes(bytes);
      for (const input of [body, body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength)]) {
        const outcome = parseAndCheck(input);
        expect('code' in outcome && [outcome.code, outcome.status]).toEqual(['invalid_json', 400]);
      }
    });
  }

  it('at the very end of the body, and as the whole body', () => {
    for (const bytes of [new Uint8Array([0x5b, 0x5d, 0xff]), new Uint8Array([0xff, 0xfe]), new Uint8Array([0xc3])]) {
      const outcome = parseAndCheck(bytes);
      expect('code' in outcome && outcome.code).toBe('invalid_json');
    }
  });

  it('the invalid-utf8 fixture: invalid_json', () => {
    const bytes = new Uint8Array(readFileSync(join(import.meta.dirname, '../../fixtures/invalid/invalid-utf8.json')));
    const outcome = parseAndCheck(bytes);
    expect('code' in outcome && outcome.code).toBe('invalid_json');
  });

  it('the same character, valid (C3 A9), decodes', () => {
    expect(result(withBadBytes([0xc3, 0xa9])).events[0]?.subject).toBe('Café menu');
  });
});

describe('lone surrogates', () => {
  const bodies = {
    subject: '[{"event":"delivered","recipient":"a@b.io","subject":"x\\ud800y\\udfff"}]',
    recipient: '[{"event":"delivered","recipient":"a\\udc00@b.io"}]',
    event: '[{"event":"\\ud83d","recipient":"a@b.io"}]',
    group: '{"delivered":[],"\\udbff":[{"email":"a@b.io"}]}',
    email: '{"opens":[{"email":"a@b.io\\ud800"}]}',
  };

  it('as JSON escapes: kept in the fields they stand in', () => {
    expect(result(bodies.subject).events[0]?.subject).toBe('x\ud800y\udfff');
    expect(result(bodies.recipient).events[0]?.recipient).toBe('a\udc00@b.io');
    expect(result(bodies.event).events[0]).toMatchObject({ type: 'unknown', providerEvent: '\ud83d' });
    expect(result(bodies.group).events[0]).toMatchObject({ type: 'unknown', providerEvent: '\udbff' });
  });

  it('as raw content of a string body: the same results as the escapes', () => {
    for (const text of Object.values(bodies)) {
      const raw = text.replace(/\\u(d[89a-f][0-9a-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
      expect(raw).not.toBe(text);
      expect(parseAndCheck(raw)).toEqual(parseAndCheck(text));
    }
  });

  it('a domain ending in a lone surrogate is still a domain whose case is folded', () => {
    const { events, issues } = result(bodies.email);
    expect(events.length + issues.length).toBe(1);
  });

  it('encoded into bytes (CESU-8, ED A0 80) they are not UTF-8: invalid_json', () => {
    const outcome = parseAndCheck(withBadBytes([0xed, 0xa0, 0x80, 0xed, 0xb0, 0x80]));
    expect('code' in outcome && outcome.code).toBe('invalid_json');
  });

  it('in an already-parsed value', () => {
    expect(result([{ event: 'delivered', recipient: 'a@b.io', subject: '\udc00' }]).events[0]?.subject).toBe('\udc00');
  });
});

describe('byte order mark and control characters', () => {
  it('a leading BOM is dropped, in bytes and in text', () => {
    const text = '[{"event":"delivered","recipient":"a@b.io"}]';
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]);
    expect(result(bytes).events).toHaveLength(1);
    expect(result(`\ufeff${text}`).events).toHaveLength(1);
  });

  it('escaped NUL and controls in a recipient make it no address', () => {
    const { issues } = result('[{"event":"delivered","recipient":"a\\u0000@b.io"},{"event":"opened","recipient":"a@b\\u0007.io"}]');
    expect(issues.map((issue) => issue.path)).toEqual([[0, 'recipient'], [1, 'recipient']]);
  });
});
