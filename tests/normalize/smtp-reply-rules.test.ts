/**
 * `toSmtpReply` checks codes by their characters, for speed. Here it must give exactly what the rules, written as
 * regular expressions, give for any field values.
 */
import { describe, expect, it } from 'vitest';
import type { SmtpReply } from '../../src/events.js';
import { toSmtpReply } from '../../src/normalize/smtp.js';
import { readText } from '../../src/normalize/text.js';

/** The rules as regular expressions: a basic code 2xx to 5xx, an enhanced status `[245].d{1,3}.d{1,3}`. */
function replyByRules(code: unknown, subcode: unknown, text: unknown): SmtpReply | undefined {
  const reply: SmtpReply = {};
  const codeText = readText(code);
  if (codeText !== undefined && /^[2-5]\d\d$/.test(codeText)) reply.code = Number(codeText);
  const status = readText(subcode);
  if (status !== undefined && /^[245]\.\d{1,3}\.\d{1,3}$/.test(status)) reply.enhancedStatus = status;
  const message = readText(text);
  if (message !== undefined) reply.text = message;
  return Object.keys(reply).length === 0 ? undefined : reply;
}

const CODES: unknown[] = [
  undefined, null, '', ' ', '250', ' 250 ', '550', '199', '200', '599', '600', '2500', '25', '2a0', '٢٥٠', '250\n',
  250, 550, 199, 200, 599, 599.5, 600, -250, 250.0, 2.5e2, Number.NaN, Infinity, true, {}, ['250'], '\u00a0451\u00a0',
];
const STATUSES: unknown[] = [
  undefined, null, '', '2.0.0', ' 5.1.1 ', '4.7.1', '3.1.1', '5.1', '5.1.1.', '5.1234.1', '5.123.123', '5..1', '5.1.',
  '.5.1.1', '5.1.1 x', ' 5.1.1', '\t4.7.1', '5.1.1 ', '\u00a02.0.0', '5,1,1', '5.1.1\t', 5.1, 511, '٥.1.1', '2.0.0\u2028', {}, false,
];
const TEXTS: unknown[] = [undefined, null, '', '  ', '250 OK', ' 250 OK ', 250, Number.NaN, {}, '554 5.7.1 spam'];

describe('toSmtpReply', () => {
  it('gives what the rules give', () => {
    for (const code of CODES) {
      for (const status of STATUSES) {
        for (const text of TEXTS) {
          expect(toSmtpReply(code, status, text), `${String(code)} ${String(status)} ${String(text)}`).toStrictEqual(
            replyByRules(code, status, text),
          );
          const reply = toSmtpReply(code, status, text);
          if (reply !== undefined) expect(Object.keys(reply)).toEqual(Object.keys(replyByRules(code, status, text)!));
        }
      }
    }
  });
});
