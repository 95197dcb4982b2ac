import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
// `import x from 'y'`, `export ... from 'y'`, `import 'y'`, `import('y')`, `require('y')`, anywhere on a line.
const IMPORT = /\b(?:import|export)\s[^'";]*?\bfrom\s*['"]([^'"]+)['"]|\bimport\s*\(?\s*['"]([^'"]+)['"]|\brequire\(\s*['"]([^'"]+)['"]\s*\)/g;
const ALLOWED_PACKAGES = new Set(['valibot', 'date-fns', '@date-fns/tz']);

type Resolver = (from: string, specifier: string) => string;

/** Walks the relative imports from an entry: every file reached, and every bare (package or builtin) specifier. */
function importGraph(entry: string, resolveRelative: Resolver): { files: Set<string>; bare: Set<string> } {
  const files = new Set<string>();
  const bare = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const specifier = match[1] ?? match[2] ?? match[3]!;
      if (specifier.startsWith('.')) queue.push(resolveRelative(file, specifier));
      else bare.add(specifier);
    }
  }
  return { files, bare };
}

function bareImports(entry: string, resolveRelative: Resolver): Set<string> {
  return importGraph(entry, resolveRelative).bare;
}

function reachableSources(entry: string, resolveRelative: Resolver): Set<string> {
  return importGraph(entry, resolveRelative).files;
}

function isNodeBuiltin(specifier: string): boolean {
  return specifier.startsWith('node:') || builtinModules.includes(specifier.split('/')[0]!);
}

describe('the import scanner', () => {
  it('sees every form of import', () => {
    const sample = "import a from 'x1';import 'x2'; export { b } from \"x3\"\nconst c = await import('x4'); require('x5');\nimport type { D } from 'x6';";
    const found = [...sample.matchAll(IMPORT)].map((m) => m[1] ?? m[2] ?? m[3]);
    expect(found).toEqual(['x1', 'x2', 'x3', 'x4', 'x5', 'x6']);
  });
});

describe('the core runs outside Node', () => {
  const sourceResolve = (from: string, specifier: string) => resolve(dirname(from), specifier.replace(/\.js$/, '.ts'));

  for (const entry of ['src/index.ts', 'src/adapters/fetch.ts']) {
    it(`${entry} uses no Node-only global`, () => {
      for (const file of reachableSources(resolve(root, entry), sourceResolve)) {
        // Code only: comments may say "process" in plain English.
        const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
        expect(code.match(/\b(?:Buffer|process|setImmediate|__dirname|__filename|require)\b/g), file).toBeNull();
      }
    });

    it(`${entry} imports no Node builtin, only its runtime dependencies`, () => {
      const imports = bareImports(resolve(root, entry), sourceResolve);
      expect([...imports].filter(isNodeBuiltin)).toEqual([]);
      expect([...imports].filter((s) => !ALLOWED_PACKAGES.has(s))).toEqual([]);
      expect(imports.has('valibot')).toBe(true);
    });
  }

  // CI builds before it tests, so there the check must run; locally it runs when a build is there.
  it.runIf(existsSync(resolve(root, 'dist/index.js')) || process.env.CI === 'true')('the built core (dist/index.js and its chunks) imports no Node builtin', () => {
    for (const entry of ['dist/index.js', 'dist/index.cjs', 'dist/fetch.js']) {
      const imports = bareImports(resolve(root, entry), (from, specifier) => resolve(dirname(from), specifier));
      expect([...imports].filter(isNodeBuiltin), entry).toEqual([]);
    }
  });
});
