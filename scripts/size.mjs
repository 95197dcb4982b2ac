// npm run size: the core bundle's size as users ship it — dist/index.js with its chunks and dependencies bundled,
// minified by esbuild and gzipped — against the figure recorded in BENCHMARKS.md. Fails when more than 10% over.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const BUDGET_LINE = /^Core bundle size budget: (\d+) bytes/m;
const ALLOWED_GROWTH = 1.1;

const result = await build({
  entryPoints: ['dist/index.js'],
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'neutral',
  target: 'es2022',
  write: false,
  logLevel: 'error',
});
const minified = result.outputFiles[0].contents;
const gzipped = gzipSync(minified, { level: 9 }).byteLength;

const recorded = BUDGET_LINE.exec(readFileSync('BENCHMARKS.md', 'utf8'));
if (recorded === null) {
  console.error('BENCHMARKS.md has no "Core bundle size budget: N bytes" line');
  process.exit(1);
}
const budget = Number(recorded[1]);
const limit = Math.floor(budget * ALLOWED_GROWTH);
console.log(`core bundle: ${minified.byteLength} bytes minified, ${gzipped} bytes gzipped (recorded ${budget}, limit ${limit})`);
if (gzipped > limit) {
  console.error(`the core bundle grew more than 10% over the recorded ${budget} bytes: look for what it now carries, or record a new figure in BENCHMARKS.md`);
  process.exit(1);
}
