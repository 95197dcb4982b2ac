import { isItem } from '../item.js';

/**
 * The family prefix a Resend event type would start with, picked by its first letter: the families of Resend's
 * event types (`email.bounced`, `contact.created`, `domain.updated`, `suppression.added`, `inbox.*`), all posted to
 * the same endpoint, start with different letters. `undefined` for any other first letter.
 */
function familyOf(first: number): string | undefined {
  switch (first) {
    case 101: return 'email.'; // e
    case 99: return 'contact.'; // c
    case 100: return 'domain.'; // d
    case 115: return 'suppression.'; // s
    case 105: return 'inbox.'; // i
    default: return undefined;
  }
}

/**
 * Tells whether a parsed body is a Resend webhook: one object with a `type` of one of Resend's event families
 * (and more than the family's prefix), a string `created_at` and a `data` object.
 * @param body A parsed body.
 */
export function isResendBody(body: unknown): boolean {
  if (!isItem(body)) return false;
  const type = body.type;
  if (typeof type !== 'string') return false;
  const family = familyOf(type.charCodeAt(0));
  return family !== undefined && type.length > family.length && type.startsWith(family) &&
    typeof body.created_at === 'string' && isItem(body.data);
}
