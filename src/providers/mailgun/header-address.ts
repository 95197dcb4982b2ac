import { normalizeEmail } from '../../normalize/email.js';

/**
 * Reads the one address of a `To` header value such as `Recipient Name <recipient@example.org>` or
 * `recipient@example.org`. A header naming several recipients gives none: which of them the event is about is
 * unknown.
 * @param value The header value as received.
 * @returns The normalized address, or `undefined`.
 */
export function readSingleHeaderAddress(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const open = value.lastIndexOf('<');
  const close = value.lastIndexOf('>');
  if (open >= 0 && close > open) {
    // A comma outside the angle brackets (and outside a quoted name) separates recipients.
    const before = value.slice(0, open).replace(/"[^"]*"/g, '');
    if (before.includes(',') || value.slice(close + 1).trim() !== '') return undefined;
    return normalizeEmail(value.slice(open + 1, close));
  }
  return value.includes(',') ? undefined : normalizeEmail(value);
}
