import { isItem } from '../item.js';
import { isKnownGroup } from './decode.js';

/**
 * Tells whether a parsed body is Lingdong's: a JSON object with at least one of its groups (`delivered`,
 * `receipts`, `opens`, `clicks`, ...) holding an array.
 * @param body A parsed body.
 */
export function isLingdongBody(body: unknown): boolean {
  if (!isItem(body)) return false;
  for (const key in body) {
    if (isKnownGroup(key) && Array.isArray(body[key])) return true;
  }
  return false;
}
