import { describe, expect, test } from 'vitest';
import { basicPassword, constantTimeEqual, createSecretCheck, presentedSecrets } from '../../src/adapters/shared/auth.js';

const basic = (credentials: string) => `Basic ${Buffer.from(credentials, 'utf8').toString('base64')}`;

describe('presentedSecrets', () => {
  test('finds the token in a request target or a full URL, decoded', () => {
    expect(presentedSecrets('/hook?token=a%2Bb%20c', undefined)).toEqual(['a+b c']);
    expect(presentedSecrets('https://host/hook?x=1&token=abc#frag', undefined)).toEqual(['abc']);
    expect(presentedSecrets('/hook?tokens=abc', undefined)).toEqual([]);
    expect(presentedSecrets('/hook', undefined)).toEqual([]);
  });

  test('reads a + in the token as itself, and as a space too, whether sent raw or as %2B', () => {
    expect(presentedSecrets('/hook?token=a+b', undefined)).toEqual(['a+b', 'a b']);
    expect(presentedSecrets('/hook?token=a%2Bb', undefined)).toEqual(['a+b']);
    expect(presentedSecrets('/hook?token=%zz', undefined)).toEqual(['%zz']);
  });

  test('offers both the token and the Basic password when both are present', () => {
    expect(presentedSecrets('/hook?token=one', basic('user:two'))).toEqual(['one', 'two']);
  });
});

describe('basicPassword', () => {
  test('takes everything after the first colon, as UTF-8, whatever the user name', () => {
    expect(basicPassword(basic('hooks:s3cret'))).toBe('s3cret');
    expect(basicPassword(basic(':s3:cr:et'))).toBe('s3:cr:et');
    expect(basicPassword(basic('灵动:密码🔑'))).toBe('密码🔑');
    expect(basicPassword(`basic   ${Buffer.from('u:p').toString('base64')}  `)).toBe('p');
  });

  test('ignores other schemes and malformed credentials', () => {
    expect(basicPassword(undefined)).toBeUndefined();
    expect(basicPassword('Bearer abc')).toBeUndefined();
    expect(basicPassword('Basic')).toBeUndefined();
    expect(basicPassword('Basic %%%')).toBeUndefined();
    expect(basicPassword(basic('no-colon'))).toBeUndefined();
  });
});

describe('constantTimeEqual', () => {
  test('compares content and length', () => {
    expect(constantTimeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 3]))).toBe(true);
    expect(constantTimeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 4]))).toBe(false);
    expect(constantTimeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2, 0]))).toBe(false);
    expect(constantTimeEqual(new Uint8Array([]), new Uint8Array([]))).toBe(true);
  });
});

describe('createSecretCheck', () => {
  const matches = createSecretCheck(['s3cret-密']);

  test('accepts when any presented secret matches exactly', async () => {
    expect(await matches(['s3cret-密'])).toBe(true);
    expect(await matches(['wrong', 's3cret-密'])).toBe(true);
  });

  test('accepts every secret of a list, for rotation', async () => {
    const rotating = createSecretCheck(['old-secret', 'new-secret']);
    expect(await rotating(['old-secret'])).toBe(true);
    expect(await rotating(['new-secret'])).toBe(true);
    expect(await rotating(['other-secret'])).toBe(false);
  });

  test('refuses prefixes, extensions, case changes and nothing at all', async () => {
    for (const attempt of ['', 's3cret-', 's3cret-密 ', 'S3CRET-密', 's3cret-密密']) {
      expect(await matches([attempt])).toBe(false);
    }
    expect(await matches([])).toBe(false);
  });
});
