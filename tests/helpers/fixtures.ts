import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../fixtures/', import.meta.url));

/** The bytes of a fixture, as a provider would POST them. */
export function fixtureBytes(path: string): Uint8Array {
  return readFileSync(root + path);
}

/** The text of a fixture. */
export function fixtureText(path: string): string {
  return readFileSync(root + path, 'utf8');
}
