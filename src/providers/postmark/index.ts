import { defineProvider } from '../provider.js';
import { postmarkTestKit } from './build-body.js';
import { decodePostmark } from './decode.js';
import { isPostmarkBody } from './detect.js';

/**
 * Postmark: one record per request, keyed by `RecordType`. It does not sign its requests: authenticate with
 * HTTP Basic credentials in the webhook URL (or a secret), as Postmark's documentation advises.
 */
export const postmark = defineProvider({
  name: 'postmark',
  title: 'Postmark',
  detect: isPostmarkBody,
  countItems: () => 1,
  decode: decodePostmark,
  testKit: postmarkTestKit,
});
