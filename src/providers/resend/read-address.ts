import { normalizeEmail } from '../../normalize/email.js';
import { readText } from '../../normalize/text.js';

/**
 * Reads an address that may be written with a display name, as Resend writes `from`: `Acme <onboarding@resend.dev>`.
 * @param value A field as received.
 * @returns The normalized address, or `undefined` when there is none.
 */
export function readResendAddress(value: unknown): string | undefined {
  const text = readText(value);
  if (text === undefined) return undefined;
  // Only text that ends in `>` can hold `Name <address>`: a bare address is not searched for `<`.
  if (text.charCodeAt(text.length - 1) !== 62) return normalizeEmail(text);
  const open = text.lastIndexOf('<');
  return normalizeEmail(open >= 0 ? text.slice(open + 1, -1) : text);
}

// The last sender read, with its address: an account sends from one or two addresses, so `from` is the same text
// on most of its events, and that text is read once.
let lastSenderText = '';
let lastSender: string | undefined;

/**
 * Reads the sender, `data.from`, as {@link readResendAddress} does, remembering the last text it read.
 * @param value `data.from` as received.
 * @returns The normalized address, or `undefined` when there is none.
 */
export function readResendSender(value: unknown): string | undefined {
  if (typeof value !== 'string') return readResendAddress(value);
  if (value !== lastSenderText) {
    lastSender = readResendAddress(value);
    lastSenderText = value;
  }
  return lastSender;
}

/**
 * The recipient of an email event: the first of `data.to`. Since November 2024 Resend posts one event per
 * recipient, and `to` (still an array) holds just that recipient.
 * @param to `data.to` as received: an array, or a single address.
 */
export function readResendRecipient(to: unknown): string | undefined {
  return readResendAddress(Array.isArray(to) ? to[0] : to);
}
