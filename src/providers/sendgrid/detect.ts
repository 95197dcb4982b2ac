import { isItem } from '../item.js';

/**
 * Tells whether one item is a SendGrid event: an object carrying one of the fields only SendGrid sends
 * (`sg_event_id`, `sg_message_id`, `smtp-id`).
 * @param value One item.
 */
export function isSendgridItem(value: unknown): boolean {
  return (
    isItem(value) &&
    (value.sg_event_id !== undefined || value.sg_message_id !== undefined || value['smtp-id'] !== undefined)
  );
}

/**
 * Tells whether a parsed body is SendGrid's: a JSON array holding a SendGrid event (or empty: SendGrid never posts
 * one, and an empty batch holds nothing to misattribute).
 * @param body A parsed body.
 */
export function isSendgridBody(body: unknown): boolean {
  return Array.isArray(body) && (body.length === 0 || body.some(isSendgridItem));
}
