import { defineProvider } from '../provider.js';
import { resendTestKit } from './build-body.js';
import { decodeResend } from './decode.js';
import { isResendBody } from './detect.js';
import { resendSignature } from './verify.js';

/**
 * Resend: one event per request, `{ type, created_at, data }`, signed the Svix (Standard Webhooks) way with the
 * endpoint's `whsec_` secret; the event id is the `svix-id` header.
 */
export const resend = defineProvider({
  name: 'resend',
  title: 'Resend',
  detect: isResendBody,
  countItems: () => 1,
  decode: decodeResend,
  signature: resendSignature,
  testKit: resendTestKit,
});
