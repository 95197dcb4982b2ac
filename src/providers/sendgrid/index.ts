import { defineProvider } from '../provider.js';
import { decodeSendgrid } from './decode.js';
import { isSendgridBody } from './detect.js';
import { sendgridTestKit } from './test-kit.js';
import { sendgridSignature } from './verify.js';

/**
 * SendGrid (Twilio SendGrid) Event Webhook: JSON arrays of events, batched. Signed with ECDSA P-256 when the
 * Signed Event Webhook is on: configure `signingKeys.sendgrid` with the public key SendGrid shows.
 */
export const sendgrid = defineProvider({
  name: 'sendgrid',
  title: 'SendGrid',
  detect: isSendgridBody,
  countItems: (body) => (Array.isArray(body) ? body.length : 0),
  decode: decodeSendgrid,
  signature: sendgridSignature,
  testKit: sendgridTestKit,
});
