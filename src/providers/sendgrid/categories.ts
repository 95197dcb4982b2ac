import { readText } from '../../normalize/text.js';

/**
 * Reads SendGrid's `category`, sent as one name or as a list of names, as tags.
 * @param value The field as received.
 * @returns The names (blank ones left out), `undefined` when there are none, or `null` when the field is neither
 *   text nor a list of text.
 */
export function readCategories(value: unknown): string[] | undefined | null {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string' || typeof value === 'number') {
    const name = readText(value);
    return name === undefined ? undefined : [name];
  }
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
