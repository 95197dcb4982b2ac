import type { HeaderReader } from './providers/provider.js';

/** Request headers as callers hold them: a Fetch `Headers`, or a plain record such as Node's `req.headers`. */
export type HeadersInit = Headers | Readonly<Record<string, string | readonly string[] | undefined>>;

const NO_HEADERS: HeaderReader = () => undefined;

/**
 * Makes a case-insensitive reader of request headers. Repeated headers in a record (`string[]`) read as their
 * values joined with `, `, as Fetch's `Headers#get` gives them.
 * @param headers A `Headers`, a plain record (any letter case), or `undefined` for none.
 * @returns A reader taking lower-case names.
 */
export function toHeaderReader(headers: HeadersInit | undefined): HeaderReader {
  if (headers === undefined || headers === null) return NO_HEADERS;
  if (typeof (headers as Headers).get === 'function' && typeof (headers as Headers).forEach === 'function') {
    const web = headers as Headers;
    return (name) => web.get(name) ?? undefined;
  }
  const byName = new Map<string, string>();
  for (const [name, value] of Object.entries(headers as Record<string, unknown>)) {
    const text = typeof value === 'string' ? value : Array.isArray(value) ? value.join(', ') : undefined;
    if (text !== undefined) byName.set(name.toLowerCase(), text);
  }
  return (name) => byName.get(name);
}
