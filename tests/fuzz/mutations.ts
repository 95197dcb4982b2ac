/**
 * Byte-level mutations of request bodies: the fixtures as the providers send them, damaged the ways a proxy, a
 * truncating client or an attacker would.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures');

/** Every fixture file (any extension, nested folders included), by its path under `fixtures/`. */
export function loadFixtures(): readonly (readonly [string, Uint8Array])[] {
  const files: [string, Uint8Array][] = [];
  const visit = (folder: string): void => {
    const entries = readdirSync(join(FIXTURES, folder), { withFileTypes: true }).sort((x, y) => (x.name < y.name ? -1 : 1));
    for (const entry of entries) {
      const path = folder === '' ? entry.name : `${folder}/${entry.name}`;
      if (entry.isDirectory()) visit(path);
      // Files at the top level (README.md) are documentation, not bodies.
      else if (folder !== '') files.push([path, new Uint8Array(readFileSync(join(FIXTURES, path)))]);
    }
  };
  visit('');
  return files;
}

const utf8 = new TextEncoder();

/** Snippets worth splicing into a body: prototype keys, awkward numbers, broken UTF-8, structure. */
const TOKENS: readonly Uint8Array[] = [
  ...[
    '"__proto__"', '{"__proto__":{"polluted":true}}', '"constructor"', '{"constructor":{"prototype":{"polluted":true}}}',
    '"prototype"', '"toString"', '"hasOwnProperty"', '1e400', '-1e400', '-0', '123456789012345678901234567890',
    '9007199254740993', '-9007199254740993', '"\\ud800"', '"\\udfff\\ud800"', '\\ud83d', '[[[[[[[[', ']]]]', '{', '}',
    ',', ':', '"', '\\', 'null', 'true', '""', '" "', '\\u0000', '"success"', '"bounce:hard"', '"delivered"',
    '"event"', '"email":"a@b.io",', '"status":"success",', '"id":22201611100000123456,', ' ', '\n', '\u2028', '网',
  ].map((token) => utf8.encode(token)),
  new Uint8Array([0xff]),
  new Uint8Array([0xc3, 0x28]),
  new Uint8Array([0xed, 0xa0, 0x80]),
  new Uint8Array([0xef, 0xbb, 0xbf]),
  new Uint8Array([0xc0, 0x80]),
  new Uint8Array([0xf4, 0x90, 0x80, 0x80]),
  new Uint8Array([0xe4, 0xb8]),
  new Uint8Array([0x00]),
];

/** One damage to a body; positions are fractions of the length at the time it applies. */
export type Mutation =
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'set'; at: number; byte: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'token'; at: number; token: number }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'duplicate'; at: number; length: number; to: number }
  | { kind: 'truncate'; at: number };

const position = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: position, bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ kind: fc.constant('set' as const), at: position, byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: position, bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }) }),
  fc.record({ kind: fc.constant('token' as const), at: position, token: fc.nat({ max: TOKENS.length - 1 }) }),
  fc.record({ kind: fc.constant('token' as const), at: position, token: fc.nat({ max: TOKENS.length - 1 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: position, length: fc.integer({ min: 1, max: 16 }) }),
  fc.record({ kind: fc.constant('duplicate' as const), at: position, length: fc.integer({ min: 1, max: 64 }), to: position }),
  fc.record({ kind: fc.constant('truncate' as const), at: position }),
);

function splice(bytes: Uint8Array, at: number, remove: number, insert: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length - remove + insert.length);
  out.set(bytes.subarray(0, at), 0);
  out.set(insert, at);
  out.set(bytes.subarray(at + remove), at + insert.length);
  return out;
}

/** Applies one mutation; `at` and `to` scale to the current length. */
function applyOne(bytes: Uint8Array, m: Mutation): Uint8Array {
  const at = Math.floor(m.at * (bytes.length + 1));
  const inside = Math.min(at, bytes.length - 1);
  switch (m.kind) {
    case 'flip':
    case 'set': {
      if (bytes.length === 0) return bytes;
      const out = bytes.slice();
      out[inside] = m.kind === 'flip' ? out[inside]! ^ (1 << m.bit) : m.byte;
      return out;
    }
    case 'insert':
      return splice(bytes, at, 0, m.bytes);
    case 'token':
      return splice(bytes, at, 0, TOKENS[m.token]!);
    case 'delete':
      return splice(bytes, at, Math.min(m.length, bytes.length - at), new Uint8Array(0));
    case 'duplicate': {
      const copy = bytes.slice(at, at + m.length);
      return splice(bytes, Math.floor(m.to * (bytes.length + 1)), 0, copy);
    }
    case 'truncate':
      return bytes.slice(0, at);
  }
}

/**
 * Applies mutations in order.
 * @param bytes The body.
 * @param mutations What to do.
 */
export function mutate(bytes: Uint8Array, mutations: readonly Mutation[]): Uint8Array {
  for (const m of mutations) bytes = applyOne(bytes, m);
  return bytes;
}

/**
 * Applies mutations only outside `[start, end)`: the bytes of that span are kept whole.
 * @param bytes The body.
 * @param start Where the kept span starts.
 * @param end Where it ends.
 * @param before Mutations of the bytes before the span.
 * @param after Mutations of the bytes after it.
 */
export function mutateAround(
  bytes: Uint8Array,
  start: number,
  end: number,
  before: readonly Mutation[],
  after: readonly Mutation[],
): Uint8Array {
  const head = mutate(bytes.subarray(0, start), before);
  const tail = mutate(bytes.subarray(end), after);
  const out = new Uint8Array(head.length + (end - start) + tail.length);
  out.set(head, 0);
  out.set(bytes.subarray(start, end), head.length);
  out.set(tail, head.length + end - start);
  return out;
}
