import { readText } from './text.js';

/**
 * Reads a list of names (tags, categories): text entries trimmed, numbers written out, blank entries and `null`
 * left out.
 * @param value The field as received.
 * @returns The names, `undefined` when there are none, or `null` when the value is not a list of text.
 */
export function readTextList(value: unknown): string[] | undefined | null {
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
