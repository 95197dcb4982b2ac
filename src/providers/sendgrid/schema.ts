import * as v from 'valibot';
import { readUnixSeconds } from '../../normalize/time.js';
import { emailField, itemObject, requiredNameField, textField, timeField } from '../field-schemas.js';
import { readCategories } from './categories.js';

/** Text fields an event of a known kind may normalize; each must be text when present. */
export const SENDGRID_TEXT_FIELDS = [
  'sg_event_id', 'sg_message_id', 'asm_group_id', 'reason', 'response', 'status', 'type', 'bounce_classification',
  'ip', 'url', 'useragent',
] as const;

const unixTime = timeField(readUnixSeconds, 'unix seconds');

/** `category`: one name, or a list of names. */
const categoryField = v.optional(
  v.custom<unknown>((input) => readCategories(input) !== null, 'expected a category name or a list of names'),
);

const textEntries = Object.fromEntries(SENDGRID_TEXT_FIELDS.map((key) => [key, textField])) as Record<
  (typeof SENDGRID_TEXT_FIELDS)[number],
  typeof textField
>;

/** An event of a kind this library knows: it needs a recipient (`email`). */
export const sendgridKnownItemSchema = itemObject({
  event: requiredNameField,
  timestamp: unixTime,
  email: emailField,
  category: categoryField,
  ...textEntries,
});

/** An event of a kind this library does not know: it needs a name, and a readable time and id if any. */
export const sendgridUnknownItemSchema = itemObject({
  event: requiredNameField,
  timestamp: unixTime,
  sg_event_id: textField,
  category: categoryField,
});
