import * as v from 'valibot';
import { normalizeEmail } from '../normalize/email.js';
import { readCoordinate } from '../normalize/geo.js';
import { isBlankText, isTextOrAbsent, readIntegerId } from '../normalize/text.js';

// Valibot building blocks for provider items. Each check calls the same normalizer the decoders use, so a
// schema rejects exactly what a decoder cannot read, and says why in words a person can act on.

function describe(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'an array';
  if (typeof input === 'string') return input.trim() === '' ? 'an empty string' : 'a string';
  return typeof input === 'object' ? 'an object' : `a ${typeof input}`;
}

/** Absent for a schema: missing, `null`, empty or white space only. */
function isAbsent(input: unknown): boolean {
  return input === undefined || input === null || isBlankText(input);
}

/**
 * A provider item: an object (valibot's own object schemas take arrays too), whose missing required keys are
 * reported as `missing`.
 */
export function itemObject<const TEntries extends v.ObjectEntries>(entries: TEntries) {
  return v.pipe(
    v.custom<Record<string, unknown>>(
      (input) => typeof input === 'object' && input !== null && !Array.isArray(input),
      (issue) => `expected an object, got ${describe(issue.input)}`,
    ),
    v.looseObject(entries, 'missing'),
  );
}

/** Free text: a string or number; `null` counts as absent. */
export const textField = v.optional(
  v.custom<unknown>(isTextOrAbsent, (issue) => `expected text, got ${describe(issue.input)}`),
);

/** A required recipient address. */
export const emailField = v.custom<unknown>(
  (input) => normalizeEmail(input) !== undefined,
  (issue) => (isAbsent(issue.input) ? 'missing' : 'not an email address'),
);

/** An optional integer id (digits beyond 2^53 arrive as strings). */
export const integerIdField = v.optional(
  v.custom<unknown>((input) => readIntegerId(input) !== null, 'not an integer id'),
);

/** An optional latitude or longitude. */
export function coordinateField(limit: 90 | 180) {
  return v.optional(
    v.custom<unknown>((input) => readCoordinate(input, limit) !== null, `not a coordinate within ±${limit}`),
  );
}

/**
 * An optional time, readable by `read` (which returns `undefined` for unreadable values).
 * @param read The decoder's own reader.
 * @param expected What a readable value looks like, for the message.
 */
export function timeField(read: (value: unknown) => number | undefined, expected: string) {
  return v.optional(
    v.custom<unknown>(
      (input) => isAbsent(input) || read(input) !== undefined,
      `not a readable time (expected ${expected})`,
    ),
  );
}

/** A required, non-empty text field, such as an event or status name. */
export const requiredNameField = v.custom<unknown>(
  (input) => typeof input === 'string' && input.trim() !== '',
  (issue) => (isAbsent(issue.input) ? 'missing' : `expected a name, got ${describe(issue.input)}`),
);
