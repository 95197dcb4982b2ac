import { WebhookError } from '../errors.js';

// `fatal` turns malformed bytes into an error instead of U+FFFD; the BOM is dropped by default.
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes a request body's bytes as UTF-8, dropping a leading byte order mark.
 * @param bytes The body.
 * @throws {WebhookError} `invalid_json` when the bytes are not valid UTF-8.
 */
export function decodeUtf8(bytes: Uint8Array | ArrayBuffer): string {
  try {
    return utf8.decode(bytes);
  } catch (cause) {
    throw new WebhookError('invalid_json', 'body is not valid UTF-8', { cause });
  }
}
