import * as v from 'valibot';
import { emailField, integerIdField, itemObject, requiredNameField, timeField } from '../field-schemas.js';
import { readZonedIsoTime } from '../../normalize/time/zoned-iso.js';

// Schemas that explain why a Postmark record could not be decoded. They check exactly what the decoder needs, with
// the decoder's own readers: a recipient address, readable times, an integer `ID`.

const postmarkTime = timeField(readZonedIsoTime, 'ISO 8601 with a zone, e.g. 2019-11-05T16:33:54.9070259Z');

/** A `Delivery` record. */
export const postmarkDeliverySchema = itemObject({
  RecordType: requiredNameField,
  Recipient: emailField,
  DeliveredAt: postmarkTime,
});

/** A `Bounce` or `SpamComplaint` record: the recipient is `Email`, the time `BouncedAt`. */
export const postmarkBounceSchema = itemObject({
  RecordType: requiredNameField,
  ID: integerIdField,
  Email: emailField,
  BouncedAt: postmarkTime,
});

/** An `Open` or `Click` record. */
export const postmarkActivitySchema = itemObject({
  RecordType: requiredNameField,
  Recipient: emailField,
  ReceivedAt: postmarkTime,
});

/** A `SubscriptionChange` record: `SuppressSending` says whether the address was suppressed or reactivated. */
export const postmarkSubscriptionSchema = itemObject({
  RecordType: requiredNameField,
  Recipient: emailField,
  ChangedAt: postmarkTime,
  SuppressSending: v.boolean('expected true or false'),
});

/** A record of a kind this library does not know: any time it carries must be readable. */
export const postmarkUnknownSchema = itemObject({
  RecordType: requiredNameField,
  ID: integerIdField,
  DeliveredAt: postmarkTime,
  BouncedAt: postmarkTime,
  ReceivedAt: postmarkTime,
  ChangedAt: postmarkTime,
});
