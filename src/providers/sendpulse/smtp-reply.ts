import type { SmtpReply } from '../../events.js';
import { readText } from '../../normalize/text.js';

/**
 * The basic reply code of a field (`"550"`, `550`, `" 550 "`): what `toSmtpReply` keeps (`/^[2-5]\d\d$/` on
 * the field read as text), checked by its characters, or `undefined`.
 */
function replyCode(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 200 && value < 600 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const text = value.length === 3 ? value : value.trim();
  if (text.length !== 3) return undefined;
  const hundreds = text.charCodeAt(0) - 48;
  const tens = text.charCodeAt(1) - 48;
  const units = text.charCodeAt(2) - 48;
  if (hundreds < 2 || hundreds > 5 || tens < 0 || tens > 9 || units < 0 || units > 9) return undefined;
  return hundreds * 100 + tens * 10 + units;
}

/** The index after 1 to 3 digits from `start`, or -1. */
function skipDigits(text: string, start: number): number {
  let i = start;
  while (i < text.length && i - start < 3) {
    const code = text.charCodeAt(i);
    if (code < 48 || code > 57) break;
    i++;
  }
  return i === start ? -1 : i;
}

/**
 * The enhanced status code of a field (`"5.1.1"`): what `toSmtpReply` keeps (`/^[245]\.\d{1,3}\.\d{1,3}$/` on
 * the trimmed text), checked by its characters, or `undefined`. A number never is one (it has one dot at most).
 */
function enhancedStatus(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length === 0) return undefined;
  // A status starts with 2, 4 or 5 and ends with a digit: text that does needs no trim.
  const start = value.charCodeAt(0);
  const end = value.charCodeAt(value.length - 1);
  const text = start >= 50 && start <= 53 && end >= 48 && end <= 57 ? value : value.trim();
  const kind = text.charCodeAt(0);
  if ((kind !== 50 && kind !== 52 && kind !== 53) || text.charCodeAt(1) !== 46) return undefined;
  const dot = skipDigits(text, 2);
  if (dot < 0 || text.charCodeAt(dot) !== 46) return undefined;
  return skipDigits(text, dot + 1) === text.length ? text : undefined;
}

/**
 * SendPulse's SMTP reply, from its three fields: the same reply as `toSmtpReply(code, subcode, text)` (normalize/
 * smtp.ts), with the code and status checked by their characters instead of regular expressions (SMTP batches
 * carry one on most items).
 * @param code `smtp_server_response_code`, e.g. `"554"` or `554`.
 * @param subcode `smtp_server_response_subcode`, e.g. `"5.7.1"`.
 * @param text `smtp_server_response`.
 * @returns The reply, or `undefined` when every part is empty or unreadable.
 */
export function sendpulseSmtpReply(code: unknown, subcode: unknown, text: unknown): SmtpReply | undefined {
  const basic = replyCode(code);
  const status = enhancedStatus(subcode);
  const message = readText(text);
  if (basic !== undefined && status !== undefined && message !== undefined) {
    return { code: basic, enhancedStatus: status, text: message };
  }
  if (basic === undefined && status === undefined && message === undefined) return undefined;
  const reply: SmtpReply = {};
  if (basic !== undefined) reply.code = basic;
  if (status !== undefined) reply.enhancedStatus = status;
  if (message !== undefined) reply.text = message;
  return reply;
}
