import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../fixtures/', import.meta.url));

/** The repository's fixtures folder. */
export const FIXTURES_DIR = fileURLToPath(new URL('../../fixtures', import.meta.url));

/** The bytes of a fixture, as a provider would POST them. */
export function fixtureBytes(path: string): Uint8Array {
  return readFileSync(root + path);
}

/** The text of a fixture. */
export function fixtureText(path: string): string {
  return readFileSync(root + path, 'utf8');
}

/** One provider body from `fixtures/`. */
export interface Fixture {
  /** Path under `fixtures/`, e.g. `lingdong/article.json`. */
  name: string;
  /** The folder it sits in: a provider's name, or `invalid`. */
  folder: string;
  /** The body, byte for byte. */
  bytes: Buffer;
}

/** Every body under `fixtures/` (not its README), in a stable order. */
export function allFixtures(): Fixture[] {
  const found: Fixture[] = [];
  for (const folder of readdirSync(FIXTURES_DIR, { withFileTypes: true })) {
    if (!folder.isDirectory()) continue;
    for (const entry of readdirSync(join(FIXTURES_DIR, folder.name), { withFileTypes: true })) {
      // Sub-folders (signed examples with their headers and keys) are read by their providers' own tests.
      if (!entry.isFile()) continue;
      const path = join(FIXTURES_DIR, folder.name, entry.name);
      found.push({ name: relative(FIXTURES_DIR, path), folder: folder.name, bytes: readFileSync(path) });
    }
  }
  return found.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * One fixture's bytes.
 * @param name Path under `fixtures/`.
 */
export function fixture(name: string): Buffer {
  return readFileSync(join(FIXTURES_DIR, name));
}
