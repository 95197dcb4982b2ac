import type { SmtpReply } from '../events.js';
import { readText } from './text.js';

const REPLY_CODE = /^[2-5]\d\d$/;
const ENHANCED_STATUS = /^[245]\.\d{1,3}\.\d{1,3}$/;
// `Status: 5.1.2` in a DSN; otherwise the first x.y.z that stands alone, as in `550 5.1.1 user unknown`.
const DSN_STATUS = /\bStatus:\s*([245]\.\d{1,3}\.\d{1,3})\b/i;
const BARE_STATUS = /(?:^|[\s;:(])([245]\.\d{1,3}\.\d{1,3})(?=$|[\s;:)])/;
// `smtp;250 ok`, `Diagnostic-Code: smtp; 550 ...`, or a reply that starts with its code.
const DSN_CODE = /(?:\bsmtp;\s*|^)([2-5]\d\d)(?=$|[\s\-])/i;

/**
 * Reads an SMTP reply from separate fields (SendPulse's `smtp_server_response_code`, `_subcode` and
 * `smtp_server_response`). The code may be a string or a number; values that are not SMTP codes are left out.
 * @param code Basic reply code, e.g. `"554"` or `554`.
 * @param subcode Enhanced status code, e.g. `"5.7.1"`.
 * @param text Reply text.
 * @returns The reply, or `undefined` when every part is empty.
 */
export function toSmtpReply(code: unknown, subcode: unknown, text: unknown): SmtpReply | undefined {
  const reply: SmtpReply = {};
  let any = false;
  const codeText = readText(code);
  if (codeText !== undefined && REPLY_CODE.test(codeText)) { reply.code = Number(codeText); any = true; }
  const status = readText(subcode);
  if (status !== undefined && ENHANCED_STATUS.test(status)) { reply.enhancedStatus = status; any = true; }
  const message = readText(text);
  if (message !== undefined) { reply.text = message; any = true; }
  return any ? reply : undefined;
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
