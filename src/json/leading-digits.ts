// The digits a rounded number's literal must start with, so the literal can be looked for in the text.
//
// A literal that rounds to a double lies within half a unit in the last place (ulp) of it. So the double's own
// leading digits are the literal's whenever its remaining digits (the tail) are at least an ulp away from rolling
// over, either way: `tail >= ulp` and `tail + ulp < 10 ** tailDigits`.

/** Powers of ten, each exact as a double (up to 10^22). */
const POWERS_OF_TEN = Array.from({ length: 23 }, (_, k) => 10 ** k);

/** How many leading digits the arithmetic path looks for: few enough that every step below stays exact. */
const QUICK_DIGITS = 8;

/** One ulp of a double of this magnitude, at least 2^53: 2, doubling with every power of two above. */
function ulpOf(magnitude: number): number {
  let ulp = 2;
  for (let limit = 2 ** 54; magnitude >= limit; limit *= 2) ulp *= 2;
  return ulp;
}

/**
 * How many digits an integer beyond 2^53 and below 10^21 prints with (its minus sign not counted).
 * @param value The number.
 */
export function printedDigitCount(value: number): number {
  const magnitude = value < 0 ? -value : value;
  let digits = 16;
  while (digits < 22 && magnitude >= POWERS_OF_TEN[digits]!) digits++;
  return digits;
}

/**
 * The first {@link QUICK_DIGITS} digits of a double from 2^53 up to 10^19, by exact arithmetic: the quotient by a
 * power of ten times that power is an exact double (at most 8 digits times 5^11 stays below 2^53, and the power's
 * twos only shift the exponent), so the tail is exact too and the quotient is corrected if the division rounded.
 * No `String()` of the big number: converting a double to its shortest text costs far more than this, and a body
 * brings ids never seen before, so the engine's number-to-text cache does not help.
 */
function quickLeadingDigits(magnitude: number): string | undefined {
  if (!(magnitude < 1e19)) return undefined;
  const power = POWERS_OF_TEN[printedDigitCount(magnitude) - QUICK_DIGITS]!;
  let quotient = Math.floor(magnitude / power);
  let tail = magnitude - quotient * power;
  if (tail < 0) {
    quotient--;
    tail += power;
  } else if (tail >= power) {
    quotient++;
    tail -= power;
  }
  const ulp = ulpOf(magnitude);
  return tail >= ulp && tail + ulp < power ? String(quotient) : undefined;
}

/**
 * The same from the number's printed digits, for what the arithmetic path leaves (beyond 10^19, or a tail next
 * to a roll-over): digits are dropped from the end until the tail is safe.
 */
function printedLeadingDigits(magnitude: number): string | undefined {
  // From 1e21 on, and for Infinity, numbers print with an exponent: no digits to look for.
  if (!(magnitude < 1e21)) return undefined;
  const written = String(magnitude);
  const ulp = ulpOf(magnitude);
  // Dropping fewer digits than an ulp has can never do.
  let drop = 1;
  let power = 10;
  while (power <= ulp) {
    drop++;
    power *= 10;
  }
  for (let keep = written.length - drop; keep >= 1; keep--, power *= 10) {
    let tail = 0;
    for (let i = keep; i < written.length; i++) tail = tail * 10 + (written.charCodeAt(i) - 48);
    if (tail >= ulp && tail + ulp < power) return written.slice(0, keep);
  }
  return undefined;
}

/**
 * Leading digits that every integer literal rounding to `value` starts with (after its minus sign), to look for
 * it in the JSON text. `undefined` when no digits are safe (a value printed with an exponent, or right next to a
 * power of ten), and the literal must be found another way.
 * @param value A number beyond 2^53 in magnitude, as `JSON.parse` gave it.
 */
export function leadingDigitsToFind(value: number): string | undefined {
  const magnitude = value < 0 ? -value : value;
  return quickLeadingDigits(magnitude) ?? printedLeadingDigits(magnitude);
}
