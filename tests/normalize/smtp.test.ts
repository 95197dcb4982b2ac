import { describe, expect, it } from 'vitest';
import { parseSmtpDiagnostic, toSmtpReply } from '../../src/normalize/smtp.js';

describe('toSmtpReply', () => {
  it('reads SendPulse codes as strings or numbers', () => {
    expect(toSmtpReply('554', '5.7.1', 'custom_text_response_from_recipients_server')).toEqual({
      code: 554, enhancedStatus: '5.7.1', text: 'custom_text_response_from_recipients_server',
    });
    expect(toSmtpReply(421, '4.7.0', '')).toEqual({ code: 421, enhancedStatus: '4.7.0' });
    expect(toSmtpReply('250', '', 'ok')).toEqual({ code: 250, text: 'ok' });
  });
  it('leaves out what is not an SMTP code and is undefined when empty', () => {
    expect(toSmtpReply('', '', '')).toBeUndefined();
    expect(toSmtpReply('abc', '5.7', 'text')).toEqual({ text: 'text' });
    expect(toSmtpReply(999, undefined, undefined)).toBeUndefined();
  });
});

describe('parseSmtpDiagnostic', () => {
  it('reads the enhanced status of a DSN', () => {
    expect(parseSmtpDiagnostic('Action: failed | Status: 5.1.2 (bad destination system: no such domain)')).toEqual({
      enhancedStatus: '5.1.2', text: 'Action: failed | Status: 5.1.2 (bad destination system: no such domain)',
    });
  });
  it('reads the code of an smtp; reply', () => {
    expect(parseSmtpDiagnostic('smtp;250 ok: Message 1758717523 accepted')).toEqual({
      code: 250, text: 'smtp;250 ok: Message 1758717523 accepted',
    });
    expect(parseSmtpDiagnostic('Diagnostic-Code: smtp; 550 5.1.1 user unknown')).toEqual({
      code: 550, enhancedStatus: '5.1.1', text: 'Diagnostic-Code: smtp; 550 5.1.1 user unknown',
    });
    expect(parseSmtpDiagnostic('421 4.7.0 try later')).toEqual({ code: 421, enhancedStatus: '4.7.0', text: '421 4.7.0 try later' });
  });
  it('does not mistake other numbers for codes', () => {
    expect(parseSmtpDiagnostic('queued as 2500 in 5.1.22x')).toEqual({ text: 'queued as 2500 in 5.1.22x' });
    expect(parseSmtpDiagnostic('  ')).toBeUndefined();
    expect(parseSmtpDiagnostic(undefined)).toBeUndefined();
  });
});
