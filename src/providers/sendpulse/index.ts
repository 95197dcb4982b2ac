import { defineProvider } from '../provider.js';
import { sendpulseTestKit } from './build-body.js';
import { decodeSendpulse } from './decode.js';
import { isSendpulseBody } from './detect.js';

/**
 * SendPulse: arrays of SMTP-service or bulk-campaign events (a bare object is a batch of one). It does not sign
 * its requests: authenticate with a shared secret in the URL.
 */
export const sendpulse = defineProvider({
  name: 'sendpulse',
  title: 'SendPulse',
  detect: isSendpulseBody,
  countItems: (body) => (Array.isArray(body) ? body.length : 1),
  decode: decodeSendpulse,
  testKit: sendpulseTestKit,
});
