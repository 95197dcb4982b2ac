import { readText } from '../../normalize/text.js';

/**
 * Reads Mailgun's `tags` (a list of names; blank ones left out).
 * @param value The field as received.
 * @returns The names, `undefined` when there are none, or `null` when the field is not a list of text.
 */
export function readTags(value: unknown): string[] | undefined | null {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) return null;
  const names: string[] = [];
  for (const entry of value) {
    if (entry === null) continue;
    if (typeof entry !== 'string' && typeof entry !== 'number') return null;
    const name = readText(entry);
    if (name !== undefined) names.push(name);
  }
  return names.length === 0 ? undefined : names;
}
