import type { BounceKind, EmailEventType } from '../../events.js';

/** What a Postmark record (or bounce `Type`) becomes: an event type and, for `bounced`, how final it is. */
export interface RecordMeaning {
  type: Exclude<EmailEventType, 'queued' | 'unknown'>;
  bounce?: BounceKind;
}

/**
 * Postmark's bounce types (the `Type` of a `Bounce` record), each decided from Postmark's own description of it,
 * with django-anymail's mapping as a second opinion. A Map, not an object literal: the names come from the body,
 * and `constructor` must not find Object.prototype's.
 */
export const BOUNCE_TYPES: ReadonlyMap<string, RecordMeaning> = new Map<string, RecordMeaning>([
  // "The server was unable to deliver your message (ex: unknown user, mailbox not found)."
  ['HardBounce', { type: 'bounced', bounce: 'hard' }],
  // "Unable to temporarily deliver message (i.e. mailbox full, account disabled, exceeds quota, out of disk space)."
  ['SoftBounce', { type: 'bounced', bounce: 'soft' }],
  // "The server could not temporarily deliver your message (ex: Message is delayed due to network troubles)."
  ['Transient', { type: 'deferred' }],
  // "A temporary DNS error."
  ['DnsError', { type: 'deferred' }],
  // "Unable to classify the NDR": a non-delivery report all the same.
  ['Unknown', { type: 'bounced', bounce: 'undetermined' }],
  // "The bounce is actually a virus notification warning about a virus/code infected message."
  ['VirusNotification', { type: 'bounced', bounce: 'undetermined' }],
  // ISP block: the receiving side refused the message; Postmark does not say whether for good.
  ['Blocked', { type: 'bounced', bounce: 'undetermined' }],
  // "The subscriber explicitly marked this message as spam." / "... classified as spam, bulk mail ..."
  ['SpamComplaint', { type: 'complained' }],
  ['SpamNotification', { type: 'complained' }],
  // "Unsubscribe or Remove request." / "Subscribe request from someone wanting to get added to the mailing list."
  ['Unsubscribe', { type: 'unsubscribed' }],
  ['Subscribe', { type: 'subscribed' }],
  // Postmark refused the message itself, without trying the recipient's server.
  ['BadEmailAddress', { type: 'rejected' }], // "The address is not a valid email address."
  ['ManuallyDeactivated', { type: 'rejected' }], // "The email was manually deactivated."
  ['Unconfirmed', { type: 'rejected' }], // "The subscriber has not clicked on the confirmation link."
  ['SMTPApiError', { type: 'rejected' }], // "An error occurred while accepting an email through the SMTP API."
  ['DMARCPolicy', { type: 'rejected' }], // "Email rejected due DMARC Policy."
  ['TemplateRenderingFailed', { type: 'rejected' }], // "An error occurred while attempting to render your template."
]);
// Left to `unknown` (providerEvent `Bounce:<Type>`), as replies that say nothing about delivery: AutoResponder,
// AddressChange, ChallengeVerification, OpenRelayTest, InboundError (inbound, not outbound mail), and any type
// Postmark adds later.
