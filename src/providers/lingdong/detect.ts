import { isItem } from '../item.js';
import { isKnownGroup } from './decode.js';

/**
 * Whether any of Lingdong's group names reads as an array on the body. Nine reads by name cost less than a walk
 * of every member of another provider's body (a Postmark record has dozens), which every body goes through.
 * Written out for speed: a test checks it against `LINGDONG_GROUP_NAMES`.
 */
function hasGroupArray(body: Record<string, unknown>): boolean {
  return (
    Array.isArray(body.delivered) || Array.isArray(body.receipts) || Array.isArray(body.opens) ||
    Array.isArray(body.clicks) || Array.isArray(body.unsubscriptions) || Array.isArray(body.complaints) ||
    Array.isArray(body.subscriptions) || Array.isArray(body.replies) || Array.isArray(body.changeProfiles)
  );
}

/**
 * Tells whether a parsed body is Lingdong's: a JSON object with at least one of its groups (`delivered`,
 * `receipts`, `opens`, `clicks`, ...) holding an array.
 * @param body A parsed body.
 */
export function isLingdongBody(body: unknown): boolean {
  // The reads by name only rule bodies out: the walk of the body's enumerable members decides, as it always has.
  if (!isItem(body) || !hasGroupArray(body)) return false;
  for (const key in body) {
    if (isKnownGroup(key) && Array.isArray(body[key])) return true;
  }
  return false;
}
