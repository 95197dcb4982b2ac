/**
 * A JSON writer for test bodies that can write integers beyond 2^53 exactly: `JSON.stringify` only writes what a
 * `number` holds, and providers send ids such as `22201606019253710` as bare integer literals.
 */

/** An integer written as its exact decimal digits, unquoted. */
export class IntegerLiteral {
  /** @param digits The decimal digits, optionally with a leading `-`. */
  constructor(readonly digits: string) {
    if (!/^-?(?:0|[1-9]\d*)$/.test(digits)) throw new TypeError(`not an integer: ${digits}`);
  }
}

/** A value {@link writeWireJson} can write: JSON values plus {@link IntegerLiteral}; `undefined` members are left out. */
export type WireValue =
  | string
  | number
  | boolean
  | null
  | undefined
  | IntegerLiteral
  | readonly WireValue[]
  | { readonly [key: string]: WireValue };

/**
 * Writes a value as JSON, members in insertion order, {@link IntegerLiteral}s as bare digits.
 * @param value The value.
 * @param indent Spaces per level; `0` writes one line.
 */
export function writeWireJson(value: WireValue, indent = 0): string {
  return write(value, indent, '');
}

function write(value: WireValue, indent: number, margin: string): string {
  if (value instanceof IntegerLiteral) return value.digits;
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  const inner = indent > 0 ? margin + ' '.repeat(indent) : '';
  const open = indent > 0 ? `\n${inner}` : '';
  const close = indent > 0 ? `\n${margin}` : '';
  const separator = indent > 0 ? `,\n${inner}` : ',';
  if (Array.isArray(value)) {
    const items = (value as readonly WireValue[]).map((item) => write(item, indent, inner));
    return items.length === 0 ? '[]' : `[${open}${items.join(separator)}${close}]`;
  }
  const members: string[] = [];
  for (const [key, member] of Object.entries(value as { readonly [key: string]: WireValue })) {
    if (member === undefined) continue;
    members.push(`${JSON.stringify(key)}:${indent > 0 ? ' ' : ''}${write(member, indent, inner)}`);
  }
  return members.length === 0 ? '{}' : `{${open}${members.join(separator)}${close}}`;
}
