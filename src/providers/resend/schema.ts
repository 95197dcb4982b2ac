import * as v from 'valibot';
import { itemObject, requiredNameField } from '../field-schemas.js';
import { readResendRecipient } from './read-address.js';
import { readZonedIsoTime } from '../../normalize/time/zoned-iso.js';

// Schemas that explain why a Resend event could not be decoded. They check exactly what the decoder needs, with
// the decoder's own readers: a readable `created_at` and, for email events, a recipient in `data.to`.

const createdAt = v.custom<unknown>(
  (input) => readZonedIsoTime(input) !== undefined,
  'not a readable time (expected ISO 8601 with a zone, e.g. 2024-11-22T23:41:12.126Z)',
);

/** An email event of a kind this library maps: its recipient is the first address of `data.to`. */
export const resendEmailEventSchema = itemObject({
  type: requiredNameField,
  created_at: createdAt,
  data: itemObject({
    to: v.custom<unknown>(
      (input) => readResendRecipient(input) !== undefined,
      (issue) => (issue.input == null || (Array.isArray(issue.input) && issue.input.length === 0) ? 'missing' : 'not an email address'),
    ),
  }),
});

/** Any other event: it needs a readable `created_at`. */
export const resendOtherEventSchema = itemObject({
  type: requiredNameField,
  created_at: createdAt,
  data: itemObject({}),
});
