import { isItem } from '../item.js';

/**
 * Whether an event name is one only SendPulse uses, in either dialect. A `switch` of the names rather than a Set:
 * it runs on every item of every batch, and comparing a few names costs less than hashing the item's.
 */
function isOwnEvent(name: string): boolean {
  switch (name) {
    case 'undelivered': case 'hard_bounces': case 'soft_bounces': case 'opened': case 'clicked': case 'redirect':
    case 'unsubscribed': case 'spam_by_user': case 'spam': case 'resubscribed': case 'new_emails': case 'delete':
    case 'task_status_update':
      return true;
    default:
      return false;
  }
}

/**
 * Whether a member name is a field only SendPulse sends: SMTP dialect first, then the bulk-campaign one. A
 * `switch` rather than a Set: another provider's batch of 1000 items has every member name of every item asked
 * here, and member names are interned strings, which compare by identity.
 */
function isOwnField(key: string): boolean {
  switch (key) {
    case 'recipient': case 'message_id': case 'sender': case 'smtp_server_response': case 'smtp_server_response_code':
    case 'smtp_server_response_subcode': case 'status_explain': case 'task_id':
    case 'book_id': case 'link_url': case 'link_id': case 'open_device': case 'open_platform': case 'browser_name':
    case 'browser_ver': case 'from_all':
      return true;
    default:
      return false;
  }
}

/**
 * Tells whether one item is a SendPulse event: an object with a string `event` that is a SendPulse event name or
 * that carries one of SendPulse's own fields. `event` and `email` alone are not enough: other providers send
 * those too.
 * @param value One item.
 */
export function isSendpulseItem(value: unknown): boolean {
  if (!isItem(value) || typeof value.event !== 'string') return false;
  if (isOwnEvent(value.event.trim())) return true;
  // One pass over the item's own members: a batch of another provider's 1000 items is read here item by item,
  // and sixteen reads by name cost several times one walk.
  for (const key in value) {
    if (isOwnField(key) && value[key] !== undefined) return true;
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
