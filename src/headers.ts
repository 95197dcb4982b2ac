import type { HeaderReader } from './providers/provider.js';

/** Request headers as callers hold them: a Fetch `Headers`, or a plain record such as Node's `req.headers`. */
export type RequestHeaders = Headers | Readonly<Record<string, string | readonly string[] | undefined>>;

const NO_HEADERS: HeaderReader = () => undefined;

/** A record value as a header's text: repeated headers (`string[]`) joined with `, `, anything else none. */
function headerText(value: unknown): string | undefined {
  return typeof value === 'string' ? value : Array.isArray(value) ? value.join(', ') : undefined;
}

/**
 * Reads one header of a record, case-insensitively. When several names differ only in case, the last one with a
 * value wins. Each read walks the record's few names instead of building a lower-cased copy up front: a decoder
 * reads one or two headers of a request, so a copy would cost more than it saves.
 */
function readRecordHeader(headers: Readonly<Record<string, unknown>>, name: string): string | undefined {
  let found: string | undefined;
  for (const key in headers) {
    if (key.length !== name.length || key.toLowerCase() !== name || !Object.hasOwn(headers, key)) continue;
    const text = headerText(headers[key]);
    if (text !== undefined) found = text;
  }
  return found;
}

/**
 * Makes a case-insensitive reader of request headers. Repeated headers in a record (`string[]`) read as their
 * values joined with `, `, as Fetch's `Headers#get` gives them.
 * @param headers A `Headers`, a plain record (any letter case), or `undefined` for none.
 * @returns A reader taking lower-case names.
 */
export function toHeaderReader(headers: RequestHeaders | undefined): HeaderReader {
  if (headers === undefined || headers === null) return NO_HEADERS;
  if (typeof (headers as Headers).get === 'function' && typeof (headers as Headers).forEach === 'function') {
    const web = headers as Headers;
    return (name) => web.get(name) ?? undefined;
  }
  const record = headers as Readonly<Record<string, unknown>>;
  return (name) => readRecordHeader(record, name);
}
