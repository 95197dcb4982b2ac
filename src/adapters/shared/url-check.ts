import type { WebhookAnswer } from './answer.js';

/**
 * The answer to `HEAD`, which some providers send to check a webhook URL when it is saved (django-anymail answers
 * it the same way): `200` with no body. The check carries no credentials and the answer reveals nothing a `405`
 * would not, so it is given before authentication.
 */
export function urlCheckAnswer(): WebhookAnswer {
  return {
    status: 200,
    headers: { 'content-length': '0', 'cache-control': 'no-store', allow: 'POST, HEAD' },
    body: new Uint8Array(0),
  };
}
