import type { SmtpReply } from '../events.js';
import { readText } from './text.js';

// `Status: 5.1.2` in a DSN; otherwise the first x.y.z that stands alone, as in `550 5.1.1 user unknown`.
const DSN_STATUS = /\bStatus:\s*([245]\.\d{1,3}\.\d{1,3})\b/i;
const BARE_STATUS = /(?:^|[\s;:(])([245]\.\d{1,3}\.\d{1,3})(?=$|[\s;:)])/;
// `smtp;250 ok`, `Diagnostic-Code: smtp; 550 ...`, or a reply that starts with its code.
const DSN_CODE = /(?:\bsmtp;\s*|^)([2-5]\d\d)(?=$|[\s\-])/i;

/**
 * The basic reply code of a field (`"550"`, `550`, `" 550 "`): 2xx to 5xx, checked by
 * its characters, or `undefined`.
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
 * The enhanced status code of a field (`"5.1.1"`): class 2, 4 or 5, then
 * two numbers of 1 to 3 digits, on the trimmed text, checked by its characters, or `undefined`. A number never is one (it has one dot at most).
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
 * Reads an SMTP reply from separate fields (SendPulse's `smtp_server_response_code`, `_subcode` and
 * `smtp_server_response`). The code may be a string or a number; values that are not SMTP codes are left out.
 * Checked by characters rather than regular expressions: SMTP batches carry a reply on most items.
 * @param code Basic reply code, e.g. `"554"` or `554`.
 * @param subcode Enhanced status code, e.g. `"5.7.1"`.
 * @param text Reply text.
 * @returns The reply, or `undefined` when every part is empty or unreadable.
 */
export function toSmtpReply(code: unknown, subcode: unknown, text: unknown): SmtpReply | undefined {
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

/**
 * Reads an SMTP reply out of a delivery status text such as Lingdong's `dsn`:
 * `Action: failed | Status: 5.1.2 (bad destination system: no such domain)` gives `enhancedStatus: '5.1.2'`,
 * `smtp;250 ok: Message 1758717523 accepted` gives `code: 250`. The whole text is kept as `text`.
 * @param dsn The status text.
 * @returns The reply, or `undefined` when the text is empty.
 */
export function parseSmtpDiagnostic(dsn: unknown): SmtpReply | undefined {
  const text = readText(dsn);
  if (text === undefined) return undefined;
  let parts = dsnMemo.get(text);
  if (parts === undefined) {
    const code = DSN_CODE.exec(text);
    const status = DSN_STATUS.exec(text) ?? BARE_STATUS.exec(text);
    parts = { code: code ? Number(code[1]) : undefined, enhancedStatus: status ? status[1]! : undefined };
    if (dsnMemo.size >= DSN_MEMO_SIZE) dsnMemo.clear();
    dsnMemo.set(text, parts);
  }
  // A fresh reply for every event: a handler may change one event's reply without touching another's.
  const reply: SmtpReply = {};
  if (parts.code !== undefined) reply.code = parts.code;
  if (parts.enhancedStatus !== undefined) reply.enhancedStatus = parts.enhancedStatus;
  reply.text = text;
  return reply;
}

/** What the regular expressions found in a status text. */
interface DsnParts {
  readonly code: number | undefined;
  readonly enhancedStatus: string | undefined;
}

// Status texts repeat heavily within a batch (a few per receiving server): each is searched once, and the memo
// is bounded, so a body of distinct texts costs a clear now and then, never unbounded memory.
const DSN_MEMO_SIZE = 512;
const dsnMemo = new Map<string, DsnParts>();
