import {
  coordinateField,
  emailField,
  integerIdField,
  itemObject,
  requiredNameField,
  textField,
  timeField,
} from '../field-schemas.js';
import { readLingdongTime } from './read-time.js';

// Validity does not depend on the zone (DST gaps are moved, never rejected): the wall clock is enough.
const lingdongTime = timeField(
  (value) => readLingdongTime(value, undefined),
  '`yyyy-MM-dd HH:mm:ss` or epoch milliseconds',
);

const commonEntries = {
  id: integerIdField,
  email: emailField,
  campaign: textField,
  subject: textField,
  mid: textField,
  messageId: textField,
  createdAt: lingdongTime,
};

/** An item of `clicks`, `opens`, `unsubscriptions`, `complaints` or `subscriptions`. */
export const lingdongActivitySchema = itemObject({
  ...commonEntries,
  ip: textField,
  location: textField,
  latitude: coordinateField(90),
  longitude: coordinateField(180),
  client: textField,
  platform: textField,
  device: textField,
  url: textField,
  source: textField,
  content: textField,
});

/** An item of `delivered` (or `receipts`): a delivery record with its status. */
export const lingdongDeliverySchema = itemObject({
  ...commonEntries,
  status: requiredNameField,
  dsn: textField,
  updated: lingdongTime,
  updatedAt: lingdongTime,
});

/** An item of a group this library does not know: only its id and times must be readable. */
export const lingdongUnknownItemSchema = itemObject({
  id: integerIdField,
  createdAt: lingdongTime,
  updated: lingdongTime,
  updatedAt: lingdongTime,
});

