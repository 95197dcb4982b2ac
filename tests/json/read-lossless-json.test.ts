import { describe, expect, it } from 'vitest';
import { WebhookError } from '../../src/errors.js';
import { MAX_JSON_DEPTH, readLosslessJson } from '../../src/json/read-lossless-json.js';
import { isUnsafeIntegerLiteral } from '../../src/json/number-token.js';
import { checkJsonTree } from '../../src/json/scan-json-tree.js';
import { fixtureBytes } from '../helpers/fixtures.js';

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(WebhookError);
    return (error as WebhookError).code;
  }
  return undefined;
}

describe('readLosslessJson', () => {
  it('keeps every digit of ids beyond 2^53 in the Lingdong article', () => {
    const body = readLosslessJson(fixtureBytes('lingdong/article.json')) as Record<string, Record<string, unknown>[]>;
    expect(body.opens![0]!.id).toBe('222016111000001234');
    expect(body.unsubscriptions![0]!.id).toBe('222019111000001234');
    expect(body.complaints![0]!.id).toBe('222019111000005678');
    expect(body.delivered![1]!.id).toBe('22201606019253710');
    // Safe integers stay numbers.
    expect(body.delivered![0]!.contactId).toBe(19016004);
    expect(body.clicks![0]!.latitude).toBe(39.5292);
  });

  it('keeps negative big ids', () => {
    expect(readLosslessJson('{"a": -2201602002317593123}')).toEqual({ a: '-2201602002317593123' });
  });

  it('leaves 2^53 - 1 a number and makes 2^53 a string', () => {
    expect(readLosslessJson('{"a":9007199254740991,"b":9007199254740992}')).toEqual({
      a: 9007199254740991,
      b: '9007199254740992',
    });
  });

  it('keeps big integers in arrays, past the head of the body and at the top level', () => {
    const padding = 'x'.repeat(10_000);
    const body = `{"pad":"${padding}","list":[1, 12345678901234567890, 3],"late":98765432109876543210}`;
    expect(readLosslessJson(body)).toEqual({ pad: padding, list: [1, '12345678901234567890', 3], late: '98765432109876543210' });
    expect(readLosslessJson('12345678901234567890')).toBe('12345678901234567890');
  });

  it('never rewrites digits inside strings', () => {
    const body = '{"id": 12345678901234567890, "note": "ids: 12345678901234567891, 12345678901234567892]"}';
    expect(readLosslessJson(body)).toEqual({
      id: '12345678901234567890',
      note: 'ids: 12345678901234567891, 12345678901234567892]',
    });
  });

  it('keeps ids whose rounding carries into their leading digits', () => {
    // 222016111000539994 prints as 222016111000540000 once rounded.
    const body = '{"opens":[{"id":222016111000539994},{"id":222016111000540001},{"id":99999999999999999}]}';
    expect(readLosslessJson(body)).toEqual({
      opens: [{ id: '222016111000539994' }, { id: '222016111000540001' }, { id: '99999999999999999' }],
    });
  });

  it('follows JSON.parse on repeated member names, with digits from the member it keeps', () => {
    // The first `opens` is dropped by JSON.parse; its place in key order stays, its value is the second one.
    const body =
      '{"opens":[{"id":1,"email":"a@x.io"}],"clicks":[{"id":222016111000001234,"email":"b@x.io"}],' +
      '"opens":[{"id":222016111000001236,"email":"c@x.io"}]}';
    expect(readLosslessJson(body)).toEqual({
      opens: [{ id: '222016111000001236', email: 'c@x.io' }],
      clicks: [{ id: '222016111000001234', email: 'b@x.io' }],
    });
    expect(readLosslessJson('{"id": 9007199254740993, "id": 1}')).toEqual({ id: 1 });
    expect(readLosslessJson('{"id": 1, "id": 9007199254740993}')).toEqual({ id: '9007199254740993' });
  });

  it('keeps integers too long for a double', () => {
    const digits = '1'.repeat(400);
    expect(readLosslessJson(`{"id": ${digits}, "e": 1e400}`)).toEqual({ id: digits, e: Infinity });
  });

  it('never rounds a fraction or exponent literal beyond 2^53: whole ones give their digits, others stay as written', () => {
    expect(readLosslessJson('{"a": 12345678901234567890.5, "b": 1e400, "c": 1.5e20}')).toEqual({
      a: '12345678901234567890.5',
      b: Infinity,
      c: '150000000000000000000',
    });
    // Two ids that JSON.parse rounds to one value keep their own digits, in members (the fast path) and in
    // arrays (the exact re-read), from fraction and exponent literals alike.
    expect(readLosslessJson('{"delivered":[{"id":222016111000001234.0},{"id":222016111000001235.0}]}')).toEqual({
      delivered: [{ id: '222016111000001234' }, { id: '222016111000001235' }],
    });
    expect(readLosslessJson('{"delivered":[{"id":2.22016111000001234e17},{"id":-2.22016111000001235E+17}]}')).toEqual({
      delivered: [{ id: '222016111000001234' }, { id: '-222016111000001235' }],
    });
    expect(readLosslessJson('[2220161110000012340e-1, 9007199254740993.5, 1.5, 0.5e1]')).toEqual([
      '222016111000001234', '9007199254740993.5', 1.5, 5,
    ]);
    // Invalid literals stay invalid: quoting them would make them valid.
    expect(codeOf(() => readLosslessJson('{"a":012345678901234567.0}'))).toBe('invalid_json');
    expect(codeOf(() => readLosslessJson('{"a":1.e17}'))).toBe('invalid_json');
  });

  it('reads bytes as UTF-8, ignoring a BOM', () => {
    expect(readLosslessJson(fixtureBytes('invalid/bom.json'))).toHaveLength(1);
    expect(readLosslessJson('\ufeff[]')).toEqual([]);
    const bytes = new TextEncoder().encode('{"city":"廊坊"}');
    expect(readLosslessJson(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength))).toEqual({ city: '廊坊' });
  });

  it('rejects invalid UTF-8, empty bodies and malformed JSON with invalid_json', () => {
    expect(codeOf(() => readLosslessJson(fixtureBytes('invalid/invalid-utf8.json')))).toBe('invalid_json');
    expect(codeOf(() => readLosslessJson(fixtureBytes('invalid/empty.txt')))).toBe('invalid_json');
    expect(codeOf(() => readLosslessJson(' \n '))).toBe('invalid_json');
    expect(codeOf(() => readLosslessJson(fixtureBytes('invalid/not-json.txt')))).toBe('invalid_json');
    expect(codeOf(() => readLosslessJson(fixtureBytes('sendpulse/batch-trailing-comma.json')))).toBe('invalid_json');
  });

  it('does not make invalid JSON valid by quoting a leading-zero literal', () => {
    expect(codeOf(() => readLosslessJson('{"a": 01234567890123456789}'))).toBe('invalid_json');
    expect(codeOf(() => readLosslessJson('[01234567890123456789]'))).toBe('invalid_json');
  });

  it('does not echo the body in its error message', () => {
    try {
      readLosslessJson('{"secret": "hunter2",}');
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).not.toContain('hunter2');
    }
  });

  it('rejects nesting deeper than the limit, and survives 100 000 levels', () => {
    expect(readLosslessJson('['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH))).toBeInstanceOf(Array);
    const deep = MAX_JSON_DEPTH + 1;
    expect(codeOf(() => readLosslessJson('['.repeat(deep) + ']'.repeat(deep)))).toBe('invalid_json');
    expect(codeOf(() => readLosslessJson('{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000)))).toBe('invalid_json');
    expect(codeOf(() => readLosslessJson('['.repeat(100_000) + ']'.repeat(100_000)))).toBe('invalid_json');
  });
});

describe('checkJsonTree: the quick look before the scan', () => {
  const nested = (depth: number, inner: string): unknown => JSON.parse('['.repeat(depth - 1) + inner + ']'.repeat(depth - 1));

  it('exact: containers within the depth limit and no number beyond 2^53', () => {
    expect(checkJsonTree({ id: 9007199254740991, at: -9007199254740991, list: [1.5, 'x', null, { deep: true }] }, 64)).toBe('exact');
    expect(checkJsonTree('222016111000001234', 64)).toBe('exact');
    expect(checkJsonTree(nested(64, '[]'), 64)).toBe('exact');
  });

  it('too-deep: one level past the limit, wherever it is', () => {
    expect(checkJsonTree(nested(65, '[]'), 64)).toBe('too-deep');
    expect(checkJsonTree({ a: 1, b: nested(64, '{}') }, 64)).toBe('too-deep');
  });

  it('maybe-rounded: any number beyond 2^53, at the top, in a member or an element (infinity too)', () => {
    expect(checkJsonTree(9007199254740992, 64)).toBe('maybe-rounded');
    expect(checkJsonTree({ id: 222016111000001234 }, 64)).toBe('maybe-rounded');
    expect(checkJsonTree([1, [2, -9007199254740992]], 64)).toBe('maybe-rounded');
    expect(checkJsonTree(JSON.parse(`[${'9'.repeat(400)}]`), 64)).toBe('maybe-rounded');
  });

  it('a big number before too deep a container still ends in invalid_json', () => {
    const body = `[222016111000001234, ${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}]`;
    expect(codeOf(() => readLosslessJson(body))).toBe('invalid_json');
  });
});

describe('readLosslessJson: the walk of the text for what the member search cannot settle', () => {
  it('restores array elements, members after integer-like keys, and the whole document', () => {
    expect(readLosslessJson('{"0":1,"a":[222016111000001234,{"b":222016111000001235}],"s":"[222016111000001236]"}')).toEqual({
      0: 1, a: ['222016111000001234', { b: '222016111000001235' }], s: '[222016111000001236]',
    });
    expect(readLosslessJson('-2.22016111000001234e17')).toBe('-222016111000001234');
    expect(readLosslessJson('[1e400, 9007199254740993.5]')).toEqual([Infinity, '9007199254740993.5']);
  });

  it('walks a dropped repeated member in step with nothing, and escaped names by their value', () => {
    expect(readLosslessJson('{"a":{"x":222016111000001235},"a":{"x":222016111000001299},"a\\"b":[222016111000001234]}')).toEqual({
      a: { x: '222016111000001299' }, 'a"b': ['222016111000001234'],
    });
  });

  it('takes digits from the kept member when a dropped one held objects, or arrays of plain values', () => {
    // 222016111000001235 and 222016111000001236 round to one double: only their place tells them apart. The
    // padding makes the body long enough for the member search (one number per 100 characters).
    const pad = `"pad":"${' '.repeat(400)}"`;
    expect(readLosslessJson(`{"a":[[{"x":222016111000001235}]],"a":{"x":222016111000001236},${pad}}`)).toMatchObject({
      a: { x: '222016111000001236' },
    });
    expect(readLosslessJson(`{"a":[222016111000001235],"a":{"x":222016111000001236},${pad}}`)).toMatchObject({
      a: { x: '222016111000001236' },
    });
  });

  it('settles thousands of big numbers in members as the search would', () => {
    const members = Array.from({ length: 5000 }, (_, i) => `"k${i}":${222016111000000000n + BigInt(i) * 7n}`).join(',');
    const read = readLosslessJson(`{${members}}`) as Record<string, string>;
    expect(read.k0).toBe('222016111000000000');
    expect(read.k4999).toBe(String(222016111000000000n + 4999n * 7n));
  });
});

describe('isUnsafeIntegerLiteral', () => {
  it('tells unsafe integer literals apart', () => {
    expect(isUnsafeIntegerLiteral('9007199254740991')).toBe(false);
    expect(isUnsafeIntegerLiteral('9007199254740992')).toBe(true);
    expect(isUnsafeIntegerLiteral('-9007199254740992')).toBe(true);
    expect(isUnsafeIntegerLiteral('1000000000000000')).toBe(false);
  });

  it('the walk skips strings with escaped quotes', () => {
    const text = '["a\\" : 12345678901234567890,", 12345678901234567890, -12345678901234567890]';
    expect(readLosslessJson(text)).toEqual(['a" : 12345678901234567890,', '12345678901234567890', '-12345678901234567890']);
  });
});
