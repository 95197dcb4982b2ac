/**
 * What an adapter hands the pipeline after reading a request body:
 * - `wire`: the bytes as sent, still under their `Content-Encoding`;
 * - `decoded`: bytes a body parser already read and decoded (`express.raw()`, `express.text()`, or a `rawBody`
 *   saved by a parser's `verify` hook);
 * - `parsed`: a value another parser produced from bytes that are gone (`express.json()` without `rawBody`).
 */
export type ReceivedBody =
  | { readonly kind: 'wire'; readonly bytes: Uint8Array }
  | { readonly kind: 'decoded'; readonly bytes: Uint8Array }
  | { readonly kind: 'parsed'; readonly value: unknown };
