import { WebhookError } from '../../errors.js';
import { createByteCollector, type BodyReadOptions } from './body-limit.js';

/** The content codings decoded: `gzip` (and its old alias `x-gzip`) and `deflate`. */
export type ContentCoding = 'gzip' | 'deflate';

/**
 * Reads the `Content-Encoding` header, before any byte of the body is read. `identity` (or no header) means the
 * body is as sent. One coding at most: providers compress once, and stacked codings would only multiply the work
 * a hostile body can ask for.
 * @param header The header, if any.
 * @returns The coding to undo, or `undefined` for none.
 * @throws WebhookError `unsupported_encoding` (415) for any other coding or more than one.
 */
export function contentCoding(header: string | undefined): ContentCoding | undefined {
  if (header === undefined) return undefined;
  const codings = header
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity');
  if (codings.length === 0) return undefined;
  const [coding] = codings;
  if (codings.length === 1 && (coding === 'gzip' || coding === 'x-gzip')) return 'gzip';
  if (codings.length === 1 && coding === 'deflate') return 'deflate';
  throw new WebhookError(
    'unsupported_encoding',
    'the request body must be sent as is, or with Content-Encoding gzip or deflate (one coding)',
  );
}

/**
 * Whether bytes start with a zlib header (RFC 1950): compression method 8 and a check value that divides by 31.
 * HTTP's `deflate` means zlib-wrapped data, but some senders send a bare deflate stream; both are accepted.
 */
function hasZlibHeader(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && (bytes[0]! & 0x0f) === 8 && ((bytes[0]! << 8) | bytes[1]!) % 31 === 0;
}

/**
 * Decodes a compressed body with the runtime's `DecompressionStream` (no `node:` import: this runs in Workers,
 * Deno and Bun too), counting decoded bytes as they come out. It stops as soon as the decoded size crosses
 * `maxBytes` or the in-flight reservation can no longer cover the encoded plus the decoded bytes, so a small
 * body that inflates to gigabytes costs no more than the limit.
 * @param encoded The body as received.
 * @param coding The coding to undo.
 * @param options The byte limit (of decoded bytes), the reservation and the timeout signal.
 * @returns The decoded body.
 * @throws WebhookError `payload_too_large`, `server_busy`, the signal's reason, or `invalid_json` when the body
 *   is not valid data of that coding.
 */
export async function decodeBody(encoded: Uint8Array, coding: ContentCoding, options: BodyReadOptions): Promise<Uint8Array> {
  const format = coding === 'gzip' ? 'gzip' : hasZlibHeader(encoded) ? 'deflate' : 'deflate-raw';
  const collector = createByteCollector(options, encoded.byteLength);
  let decompressor: DecompressionStream;
  try {
    decompressor = new DecompressionStream(format);
  } catch {
    // Older runtimes know only 'gzip' and 'deflate'; a bare deflate stream is then a coding they cannot undo.
    throw new WebhookError('unsupported_encoding', `this runtime cannot decode ${coding} data of this kind`);
  }
  // Blob.stream() hands the input over in chunks, so decoding never needs the whole output at once.
  const reader = new Blob([encoded]).stream().pipeThrough(decompressor).getReader();
  try {
    for (;;) {
      if (options.signal.aborted) throw options.signal.reason;
      let step: Awaited<ReturnType<typeof reader.read>>;
      try {
        step = await reader.read();
      } catch {
        // The engine's message says nothing the sender needs, and is not kept.
        throw new WebhookError('invalid_json', `the body is not valid ${coding} data`);
      }
      if (step.done) return collector.bytes();
      collector.add(step.value);
    }
  } catch (error) {
    void reader.cancel().catch(() => {});
    throw error;
  }
}
