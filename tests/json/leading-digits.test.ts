import { describe, expect, it } from 'vitest';
import { leadingDigitsToFind, printedDigitCount } from '../../src/json/leading-digits.js';

/**
 * The smallest and the largest integer literal that JSON.parse rounds to `value` (those within half an ulp of it;
 * which of the two halfway literals rounds to it depends on the tie rule, so both are tried). The literals in
 * between share every leading digit these two share.
 */
function extremeLiteralsRoundingTo(value: number): bigint[] {
  const exact = BigInt(value);
  const magnitude = Math.abs(value);
  let half = 1n;
  for (let limit = 2 ** 54; magnitude >= limit; limit *= 2) half *= 2n;
  return [-half, 1n - half, half - 1n, half].map((delta) => exact + delta).filter((literal) => Number(literal) === value);
}

/** A deterministic stream of numbers in [0, 1). */
function* randomUnits(seed: number): Generator<number> {
  let state = seed;
  for (;;) {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    yield state / 2 ** 32;
  }
}

describe('leadingDigitsToFind', () => {
  it('gives digits that every literal rounding to the value starts with', () => {
    const units = randomUnits(7);
    let checked = 0;
    for (let exponent = 53; exponent < 70; exponent++) {
      for (let i = 0; i < 400; i++) {
        const value = Math.floor((1 + units.next().value) * 2 ** exponent);
        for (const signed of [value, -value]) {
          const prefix = leadingDigitsToFind(signed);
          if (prefix === undefined) continue;
          for (const literal of extremeLiteralsRoundingTo(signed)) {
            const digits = (literal < 0n ? -literal : literal).toString();
            expect(digits.startsWith(prefix), `${literal} for ${signed} (prefix ${prefix})`).toBe(true);
            checked++;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(20_000);
  });

  it('finds digits for real ids, and none next to a power of ten or beyond 10^21', () => {
    expect(leadingDigitsToFind(222016111000001234)).toBe('22201611');
    expect(leadingDigitsToFind(-222016111000001234)).toBe('22201611');
    expect(leadingDigitsToFind(9007199254740993)).toBe('90071992');
    // 1e17 is a literal's rounding both from 99999999999999999 and from 100000000000000001.
    expect(leadingDigitsToFind(1e17)).toBeUndefined();
    expect(leadingDigitsToFind(1e21)).toBeUndefined();
    expect(leadingDigitsToFind(Infinity)).toBeUndefined();
    // Beyond 10^19 the printed digits are used.
    expect(leadingDigitsToFind(12345678901234567890)).toBe('1234567890123456');
  });

  it('counts printed digits', () => {
    expect(printedDigitCount(9007199254740993)).toBe(16);
    expect(printedDigitCount(222016111000001234)).toBe(18);
    expect(printedDigitCount(-222016111000001234)).toBe(18);
    expect(printedDigitCount(1e20)).toBe(21);
  });
});
