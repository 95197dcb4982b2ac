import { isItem } from '../item.js';

/**
 * Tells whether a parsed body is Mailgun's: one JSON object carrying both `event-data` and `signature`, the two
 * members of every webhook Mailgun posts.
 * @param body A parsed body.
 */
export function isMailgunBody(body: unknown): boolean {
  return isItem(body) && body['event-data'] !== undefined && body.signature !== undefined;
}
