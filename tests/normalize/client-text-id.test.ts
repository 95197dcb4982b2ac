import { describe, expect, it } from 'vitest';
import { toEmailClient } from '../../src/normalize/client.js';
import { deriveEventId } from '../../src/normalize/derive-id.js';
import { isTextOrAbsent, readIntegerId, readText } from '../../src/normalize/text.js';

describe('toEmailClient', () => {
  it('keeps the parts given and drops empty ones', () => {
    expect(toEmailClient('Chrome', 'Windows 7', '')).toEqual({ name: 'Chrome', platform: 'Windows 7' });
    expect(toEmailClient('Firefox', 'Windows', 'Desktop')).toEqual({ name: 'Firefox', platform: 'Windows', device: 'Desktop' });
    expect(toEmailClient('', ' ', undefined)).toBeUndefined();
  });
});

describe('readText, isTextOrAbsent, readIntegerId', () => {
  it('reads text', () => {
    expect(readText('  hi ')).toBe('hi');
    expect(readText(91234567)).toBe('91234567');
    expect(readText('   ')).toBeUndefined();
    expect(readText(null)).toBeUndefined();
    expect(readText({})).toBeUndefined();
    expect(isTextOrAbsent(null)).toBe(true);
    expect(isTextOrAbsent(false)).toBe(false);
    expect(isTextOrAbsent([])).toBe(false);
  });
  it('reads integer ids exactly', () => {
    expect(readIntegerId('222016111000001234')).toBe('222016111000001234');
    expect(readIntegerId(-2201602002317593)).toBe('-2201602002317593');
    expect(readIntegerId(12399)).toBe('12399');
    expect(readIntegerId(undefined)).toBeUndefined();
    expect(readIntegerId('')).toBeUndefined();
    expect(readIntegerId(1.5)).toBeNull();
    // Already rounded by the caller's JSON.parse: no id (the caller derives one), never the rounded digits.
    expect(readIntegerId(222016111000001234)).toBeUndefined();
    expect(readIntegerId(1e21)).toBeUndefined();
    expect(readIntegerId(9007199254740991)).toBe('9007199254740991');
    expect(readIntegerId('12a')).toBeNull();
    expect(readIntegerId('007')).toBeNull();
    expect(readIntegerId(true)).toBeNull();
  });
});

describe('deriveEventId', () => {
  it('normalizes its parts: digit strings meet their numbers, text is trimmed, blank text is absent', () => {
    const id = deriveEventId(['sendpulse', 'opened', 1490962764, 42, 'a@example.com']);
    expect(deriveEventId(['sendpulse', 'opened', '1490962764', '42', ' a@example.com '])).toBe(id);
    expect(deriveEventId(['sendpulse', 'opened', 1490962764, 42, ' '])).toBe(deriveEventId(['sendpulse', 'opened', 1490962764, 42, undefined]));
    // Leading zeros and 16 digits or more stay text: they are not the number they look like.
    expect(deriveEventId(['x', '042'])).not.toBe(deriveEventId(['x', 42]));
    expect(deriveEventId(['x', '222016111000001234'])).not.toBe(deriveEventId(['x', 222016111000001234]));
    expect(deriveEventId(['x', 1.5])).toBe(deriveEventId(['x', '1.5']));
  });

  it('is 16 hex digits, stable, and sensitive to every part and its position', () => {
    const id = deriveEventId(['sendpulse', 'opened', 1490962764, 1149317311, 'doe.john@sendpulse.com']);
    expect(id).toMatch(/^[0-9a-f]{16}$/);
    expect(deriveEventId(['sendpulse', 'opened', 1490962764, 1149317311, 'doe.john@sendpulse.com'])).toBe(id);
    expect(deriveEventId(['sendpulse', 'opened', 1490962765, 1149317311, 'doe.john@sendpulse.com'])).not.toBe(id);
    expect(deriveEventId(['a', undefined, 'b'])).not.toBe(deriveEventId(['a', 'b', undefined]));
    expect(deriveEventId(['ab', 'c'])).not.toBe(deriveEventId(['a', 'bc']));
    expect(deriveEventId([1149317311])).not.toBe(deriveEventId([1149317312]));
    expect(deriveEventId([2 ** 40])).not.toBe(deriveEventId([2 ** 40 + 1]));
    expect(deriveEventId([2 ** 40])).not.toBe(deriveEventId([2 ** 41]));
    expect(deriveEventId([''])).not.toBe(deriveEventId([undefined, undefined]));
  });
  it('spreads nearby inputs over distinct values', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 100_000; i++) seen.add(deriveEventId(['sendpulse', 'opened', 1490962764 + i]));
    expect(seen.size).toBe(100_000);
  });
});
