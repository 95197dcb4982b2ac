import { defineProvider } from '../provider.js';
import { decodeMailgun } from './decode.js';
import { isMailgunBody } from './detect.js';
import { mailgunTestKit } from './test-kit.js';
import { mailgunSignature } from './verify.js';

/**
 * Mailgun webhooks: one event a request, `{ signature, "event-data" }`. Signed with an HMAC of the body's
 * `timestamp + token`: configure `signingKeys.mailgun` with the HTTP webhook signing key.
 */
export const mailgun = defineProvider({
  name: 'mailgun',
  title: 'Mailgun',
  detect: isMailgunBody,
  countItems: () => 1,
  decode: decodeMailgun,
  signature: mailgunSignature,
  testKit: mailgunTestKit,
});
