/** SendPulse's SMTP reply reader must give exactly what the shared `toSmtpReply` gives, for any field values. */
import { describe, expect, it } from 'vitest';
import { toSmtpReply } from '../../src/normalize/smtp.js';
import { sendpulseSmtpReply } from '../../src/providers/sendpulse/smtp-reply.js';

const CODES: unknown[] = [
  undefined, null, '', ' ', '250', ' 250 ', '550', '199', '200', '599', '600', '2500', '25', '2a0', '٢٥٠', '250\n',
  250, 550, 199, 200, 599, 599.5, 600, -250, 250.0, 2.5e2, Number.NaN, Infinity, true, {}, ['250'], '\u00a0451\u00a0',
];
const STATUSES: unknown[] = [
  undefined, null, '', '2.0.0', ' 5.1.1 ', '4.7.1', '3.1.1', '5.1', '5.1.1.', '5.1234.1', '5.123.123', '5..1', '5.1.',
  '.5.1.1', '5.1.1 x', ' 5.1.1', '\t4.7.1', '5.1.1 ', '\u00a02.0.0', '5,1,1', '5.1.1\t', 5.1, 511, '٥.1.1', '2.0.0\u2028', {}, false,
];
const TEXTS: unknown[] = [undefined, null, '', '  ', '250 OK', ' 250 OK ', 250, Number.NaN, {}, '554 5.7.1 spam'];

describe('sendpulseSmtpReply', () => {
  it('gives what toSmtpReply gives', () => {
    for (const code of CODES) {
      for (const status of STATUSES) {
        for (const text of TEXTS) {
          expect(sendpulseSmtpReply(code, status, text), `${String(code)} ${String(status)} ${String(text)}`).toStrictEqual(
            toSmtpReply(code, status, text),
          );
          const reply = sendpulseSmtpReply(code, status, text);
          if (reply !== undefined) expect(Object.keys(reply)).toEqual(Object.keys(toSmtpReply(code, status, text)!));
        }
      }
    }
  });
});
