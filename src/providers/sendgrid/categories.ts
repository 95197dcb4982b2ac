import { readText } from '../../normalize/text.js';
import { readTextList } from '../../normalize/text-list.js';

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
  return readTextList(value);
}
