import { readUnixSeconds } from '../../normalize/time/epoch.js';
import { emailField, itemObject, requiredNameField, textField, timeField } from '../field-schemas.js';

/** Text fields an event of a known kind may carry; each must be text when present. */
export const SENDPULSE_TEXT_FIELDS = [
  'message_id', 'task_id', 'sender', 'subject', 'smtp_server_response_code', 'smtp_server_response_subcode',
  'smtp_server_response', 'link_url', 'url', 'reason', 'source', 'open_device', 'open_platform', 'browser_name',
  'browser_ver', 'book_id', 'status_explain',
] as const;

const unixTime = timeField(readUnixSeconds, 'unix seconds');

const textEntries = Object.fromEntries(SENDPULSE_TEXT_FIELDS.map((key) => [key, textField])) as Record<
  (typeof SENDPULSE_TEXT_FIELDS)[number],
  typeof textField
>;

/** An item of a known kind in the SMTP dialect: the recipient is `recipient`. */
export const sendpulseSmtpItemSchema = itemObject({
  event: requiredNameField,
  timestamp: unixTime,
  recipient: emailField,
  ...textEntries,
});

/** An item of a known kind in the campaign dialect (and SMTP bounce events): the recipient is `email`. */
export const sendpulseEmailItemSchema = itemObject({
  event: requiredNameField,
  timestamp: unixTime,
  email: emailField,
  ...textEntries,
});

/** An item of an event kind this library does not know: it needs a name and a readable time, if any. */
export const sendpulseUnknownItemSchema = itemObject({
  event: requiredNameField,
  timestamp: unixTime,
});
