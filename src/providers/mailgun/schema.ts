import * as v from 'valibot';
import { readUnixSeconds } from '../../normalize/time.js';
import { isItem } from '../item.js';
import { emailField, itemObject, requiredNameField, textField, timeField } from '../field-schemas.js';
import { readTextList } from '../../normalize/text-list.js';

/** Top-level text fields of `event-data` an event may normalize; each must be text when present. */
export const MAILGUN_TEXT_FIELDS = ['id', 'severity', 'reason', 'ip', 'url'] as const;
/** Members of `event-data` that must be objects when present. */
export const MAILGUN_OBJECT_FIELDS = [
  'message', 'delivery-status', 'client-info', 'geolocation', 'user-variables', 'reject', 'envelope',
] as const;

const unixTime = timeField(readUnixSeconds, 'unix seconds');

const objectField = v.optional(
  v.custom<unknown>((input) => input === null || isItem(input), 'expected an object'),
);

const tagsField = v.optional(v.custom<unknown>((input) => readTextList(input) !== null, 'expected a list of tag names'));

const entries = {
  ...(Object.fromEntries(MAILGUN_TEXT_FIELDS.map((key) => [key, textField])) as Record<
    (typeof MAILGUN_TEXT_FIELDS)[number],
    typeof textField
  >),
  ...(Object.fromEntries(MAILGUN_OBJECT_FIELDS.map((key) => [key, objectField])) as Record<
    (typeof MAILGUN_OBJECT_FIELDS)[number],
    typeof objectField
  >),
  tags: tagsField,
};

/** `event-data` of a kind this library knows: it needs a recipient. */
export const mailgunKnownEventSchema = itemObject({
  event: requiredNameField,
  timestamp: unixTime,
  recipient: emailField,
  ...entries,
});

/** `event-data` of a kind this library does not know: it needs a name, and a readable time if any. */
export const mailgunUnknownEventSchema = itemObject({
  event: requiredNameField,
  timestamp: unixTime,
  id: textField,
});
