import { isItem } from '../item.js';

/**
 * Tells whether a parsed body is a Postmark webhook: one object (never an array) with a string `RecordType`,
 * the key every Postmark record is dispatched on and no other provider sends.
 * @param body A parsed body.
 */
export function isPostmarkBody(body: unknown): boolean {
  return isItem(body) && typeof body.RecordType === 'string';
}
