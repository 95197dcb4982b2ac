import { isItem } from '../item.js';

// The families of Resend's event types (`email.bounced`, `contact.created`, `domain.updated`, ...), all posted to
// the same endpoint.
const FAMILIES = ['email.', 'contact.', 'domain.', 'suppression.', 'inbox.'] as const;

/**
 * Tells whether a parsed body is a Resend webhook: one object with a `type` of one of Resend's event families,
 * a string `created_at` and a `data` object.
 * @param body A parsed body.
 */
export function isResendBody(body: unknown): boolean {
  if (!isItem(body) || typeof body.type !== 'string' || typeof body.created_at !== 'string' || !isItem(body.data)) {
    return false;
  }
  const type = body.type;
  // A loop rather than `some` with a callback: this runs on every body, and twice on a Resend one.
  for (let i = 0; i < FAMILIES.length; i++) {
    const family = FAMILIES[i]!;
    if (type.length > family.length && type.startsWith(family)) return true;
  }
  return false;
}
