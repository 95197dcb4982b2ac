import type { EmailEventType } from '../../events.js';

/**
 * What each of Resend's email events becomes. A Map, not an object literal: the names come from the body, and
 * `constructor` must not find Object.prototype's. Any other type (`email.received`, `contact.*`, `domain.*`,
 * `suppression.*`, ...) passes through as `unknown`.
 */
export const RESEND_EVENT_TYPES: ReadonlyMap<string, Exclude<EmailEventType, 'unknown'>> = new Map([
  ['email.sent', 'queued'],
  ['email.scheduled', 'queued'],
  ['email.delivered', 'delivered'],
  ['email.delivery_delayed', 'deferred'],
  // The spelling of Resend's earlier event-type page, kept for bodies written after it.
  ['email.delivered_delayed', 'deferred'],
  ['email.failed', 'rejected'],
  ['email.suppressed', 'rejected'],
  ['email.bounced', 'bounced'],
  ['email.opened', 'opened'],
  ['email.clicked', 'clicked'],
  ['email.complained', 'complained'],
] as const);
