import { isItem } from '../item.js';

// Event names only SendPulse uses, in either dialect.
const OWN_EVENTS: ReadonlySet<string> = new Set([
  'undelivered', 'hard_bounces', 'soft_bounces', 'opened', 'clicked', 'redirect', 'unsubscribed', 'spam_by_user',
  'spam', 'resubscribed', 'new_emails', 'delete', 'task_status_update',
]);

// Fields only SendPulse sends: SMTP dialect first, then the bulk-campaign one.
const OWN_FIELDS: ReadonlySet<string> = new Set([
  'recipient', 'message_id', 'sender', 'smtp_server_response', 'smtp_server_response_code',
  'smtp_server_response_subcode', 'status_explain', 'task_id', 'book_id', 'link_url', 'link_id', 'open_device',
  'open_platform', 'browser_name', 'browser_ver', 'from_all',
]);

/**
 * Tells whether one item is a SendPulse event: an object with a string `event` that is a SendPulse event name or
 * that carries one of SendPulse's own fields. `event` and `email` alone are not enough: other providers send
 * those too.
 * @param value One item.
 */
export function isSendpulseItem(value: unknown): boolean {
  if (!isItem(value) || typeof value.event !== 'string') return false;
  if (OWN_EVENTS.has(value.event.trim())) return true;
  // One pass over the item's own members: a batch of another provider's 1000 items is read here item by item,
  // and sixteen reads by name cost several times one walk.
  for (const key in value) {
    if (OWN_FIELDS.has(key) && value[key] !== undefined) return true;
  }
  return false;
}

/**
 * Tells whether a parsed body is SendPulse's: an array holding a SendPulse event (or empty), or one such event.
 * @param body A parsed body.
 */
export function isSendpulseBody(body: unknown): boolean {
  if (Array.isArray(body)) return body.length === 0 || body.some(isSendpulseItem);
  return isSendpulseItem(body);
}
