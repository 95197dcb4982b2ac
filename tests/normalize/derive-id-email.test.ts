/**
 * `mixIdEmail` checks and mixes plain addresses in one pass: it must give exactly what `normalizeEmail` followed by
 * `mixIdLowerCaseAddress` gives, for every text (the returned address and the id's lanes alike).
 */
import { describe, expect, it } from 'vitest';
import {
  beginDerivedId,
  derivedIdStart,
  endDerivedId,
  mixIdEmail,
  mixIdLowerCaseAddress,
} from '../../src/normalize/derive-id.js';
import { normalizeEmail } from '../../src/normalize/email.js';

const START = derivedIdStart('test', 3);

function viaParts(value: unknown): [string | undefined, string] {
  beginDerivedId(START);
  const address = normalizeEmail(value);
  mixIdLowerCaseAddress(1, address);
  return [address, endDerivedId()];
}

function fused(value: unknown): [string | undefined, string] {
  beginDerivedId(START);
  const address = mixIdEmail(1, value);
  return [address, endDerivedId()];
}

// A small xorshift generator: the same texts on every run.
function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
}

describe('mixIdEmail', () => {
  it('agrees with normalizeEmail and mixIdLowerCaseAddress on chosen texts', () => {
    const texts: unknown[] = [
      'a@b.co', 'A@b.co', 'a@B.co', 'a@b.c0', 'a@b.0c', 'a@b', 'a@.b.co', 'a@b..co', 'a@-b.co', 'a@b-.co', 'a@b.co-',
      'a@b.co.', '@b.co', 'a@@b.co', ' a@b.co', 'a@b.co ', 'a b@c.de', 'x'.repeat(64) + '@b.co', 'x'.repeat(65) + '@b.co',
      `a@${'b'.repeat(63)}.co`, `a@${'b'.repeat(64)}.co`, `a@b.${'c'.repeat(63)}`, `a@b.${'c'.repeat(64)}`,
      `${'a'.repeat(60)}@${'b.'.repeat(94)}co`, `${'a'.repeat(60)}@${'b.'.repeat(95)}co`, 'Ünï@Bücher.DE', 'ü@b.co',
      'a@bü.co', 'doe.john@sendpulse.com', 'Doe.John@SendPulse.com', "o'neil+tag@mail.example.net", 'a@b.co\u200b',
      '', '@', 'a', 42, null, undefined, {}, 'a@1.2.3.4', 'a@b.c-d', 'a@b.-cd', 'a"b@c.de', 'a@b_c.de',
    ];
    for (const text of texts) expect(fused(text), String(text)).toEqual(viaParts(text));
  });

  it('agrees on random texts near the shape of an address', () => {
    const next = random(20261203);
    const alphabet = ['a', 'z', 'A', 'Z', '0', '9', '.', '-', '_', '+', '@', ' ', 'é', 'É', '\u200b', '"', 'q', 'm'];
    for (let t = 0; t < 20000; t++) {
      const length = Math.floor(next() * 24);
      let text = '';
      for (let i = 0; i < length; i++) text += alphabet[Math.floor(next() * alphabet.length)];
      if (next() < 0.5) text = `${text.slice(0, 5)}@${text.slice(5)}.${next() < 0.5 ? 'com' : 'c'}`;
      expect(fused(text), text).toEqual(viaParts(text));
    }
  });
});
