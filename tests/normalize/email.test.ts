import { describe, expect, it } from 'vitest';
import { normalizeEmail } from '../../src/normalize/email.js';

describe('normalizeEmail', () => {
  it('trims and lower-cases the domain only', () => {
    expect(normalizeEmail(' xiaorong@example.com ')).toBe('xiaorong@example.com');
    expect(normalizeEmail('  Boris@Example.RU ')).toBe('Boris@example.ru');
    expect(normalizeEmail('Example2@ABC.com')).toBe('Example2@abc.com');
    expect(normalizeEmail('first.last+tag@sub.example.co.uk')).toBe('first.last+tag@sub.example.co.uk');
    expect(normalizeEmail('用户@例子.中国')).toBe('用户@例子.中国');
    expect(normalizeEmail('o\'brien@mail-server.example.com')).toBe("o'brien@mail-server.example.com");
    expect(normalizeEmail('user@xn--fsqu00a.xn--fiqs8s')).toBe('user@xn--fsqu00a.xn--fiqs8s');
  });

  it('rejects what is not an address', () => {
    for (const value of ['not-an-email', '', '   ', '@example.com', 'user@', 'user@localhost', 'a b@example.com',
      'user@exa mple.com', 'user@example..com', 'user@.example.com', 'user@example.com.', 'user@example.123',
      'x'.repeat(65) + '@example.com', 'user@example.com/evil?x=1', 'user@-bad-.example', 'user@exa*mple.com',
      'user@example.com\u200b', 'us\u200ber@example.com', 'user@exam_ple.com', 'user@example.com!', 'user@example.com-', ' user@example.co- ', 'user@example.-com', `user@${'a'.repeat(250)}.com`, 'user\n@example.com', 42, null, undefined, {}]) {
      expect(normalizeEmail(value), String(value)).toBeUndefined();
    }
  });
});
