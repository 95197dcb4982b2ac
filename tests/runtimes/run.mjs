// npm run test:runtimes: runs the fixture suite and the Fetch adapter's answer table (suite.js) against the
// built dist in Node 22 and 24, Bun, Deno, workerd (miniflare) and the Edge Runtime VM, with what Node 20 gives
// as the expected output. Prints one summary line per runtime; exits 1 if any runtime fails.
import { execFile, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';

const run = promisify(execFile);
const here = fileURLToPath(new URL('.', import.meta.url));
const root = join(here, '../..');
const out = join(here, '.out');
const bin = (name) => join(root, 'node_modules/.bin', name);

if (!existsSync(join(root, 'dist/index.js'))) {
  console.error('test:runtimes runs against the built package: run npm run build first');
  process.exit(1);
}

/** Every fixture file, with what Node 20 (this process) decodes it to. */
async function makeCases() {
  const { describeFixture } = await import('./suite.js');
  const fixtures = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name !== 'README.md') {
        const bytes = readFileSync(path);
        fixtures.push({ name: relative(root, path), base64: bytes.toString('base64'), expected: describeFixture(bytes) });
      }
    }
  };
  walk(join(root, 'fixtures'));
  const goodBody = readFileSync(join(root, 'fixtures/lingdong/article.json'), 'utf8');
  return { fixtures, goodBody, goodEvents: 7 };
}

/** Bundles the suite with its cases into one file per module format: runtimes without a file system need it. */
async function bundle(cases) {
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'cases.json'), JSON.stringify(cases));
  const entry = join(out, 'entry.js');
  writeFileSync(entry, `import { runSuite } from '../suite.js';\nimport cases from './cases.json';\nexport const run = () => runSuite(cases);\n`);
  const common = { entryPoints: [entry], bundle: true, platform: 'neutral', target: 'es2022', logLevel: 'error' };
  await build({ ...common, format: 'esm', outfile: join(out, 'suite.mjs') });
  await build({ ...common, format: 'iife', globalName: 'runtimeSuite', outfile: join(out, 'suite.iife.js') });
  writeFileSync(join(out, 'main.mjs'), `import { run } from './suite.mjs';\nconsole.log(JSON.stringify(await run()));\n`);
  writeFileSync(
    join(out, 'worker.mjs'),
    `import { run } from './suite.mjs';\nexport default { fetch: async () => Response.json(await run()) };\n`,
  );
  await build({ ...common, entryPoints: [join(out, 'worker.mjs')], format: 'esm', outfile: join(out, 'worker.bundle.mjs') });
}

/** A port nobody listens on right now. */
async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Runs a `serve` one-liner from examples/ (importing the package by name), posts a fixture to it and checks the
 * answer and the event it logs.
 * @returns `'serve recipe ok'`; throws with the runtime's output otherwise.
 */
async function checkServeRecipe(command, args) {
  const port = await freePort();
  const child = spawn(command, args, { cwd: root, env: { ...process.env, PORT: String(port), WEBHOOK_SECRET: 'recipe-secret' } });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  try {
    const body = readFileSync(join(root, 'fixtures/sendpulse/opened.json'));
    for (let attempt = 0; ; attempt++) {
      try {
        const response = await fetch(`http://127.0.0.1:${port}/?token=recipe-secret`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
        const answer = await response.json();
        if (response.status !== 200 || answer.events !== 1) throw new Error(`answered ${response.status} ${JSON.stringify(answer)}`);
        break;
      } catch (error) {
        if (attempt >= 100 || error.message.startsWith('answered')) throw new Error(`${error.message}\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    for (let i = 0; i < 50 && !output.includes('"recipient":"doe.john@sendpulse.com"'); i++) await new Promise((resolve) => setTimeout(resolve, 50));
    if (!output.includes('"recipient":"doe.john@sendpulse.com"')) throw new Error(`the recipe did not log the event:\n${output}`);
    return 'serve recipe ok';
  } finally {
    child.kill('SIGKILL');
  }
}

const lastLine = (text) => JSON.parse(text.trim().split('\n').at(-1));

/** Each runtime: its name, how to ask its version, and how to run the bundle, resolving with the suite's result. */
const RUNTIMES = [
  ...['22', '24'].map((major) => {
    const node = join(here, `node_modules/node${major}/bin/node`);
    return {
      name: `node ${major}`,
      version: async () => (await run(node, ['--version'])).stdout.trim(),
      run: async () => lastLine((await run(node, [join(out, 'main.mjs')])).stdout),
    };
  }),
  {
    name: 'bun',
    version: async () => `bun ${(await run(bin('bun'), ['--version'])).stdout.trim()}`,
    run: async () => lastLine((await run(bin('bun'), ['run', join(out, 'main.mjs')])).stdout),
    recipe: () => checkServeRecipe(bin('bun'), ['examples/bun-serve.mjs']),
  },
  {
    name: 'deno',
    version: async () => (await run(bin('deno'), ['--version'])).stdout.split('\n')[0],
    run: async () => lastLine((await run(bin('deno'), ['run', '--no-prompt', join(out, 'main.mjs')])).stdout),
    recipe: () => checkServeRecipe(bin('deno'), ['run', '--no-prompt', '--allow-net', '--allow-env', '--allow-read', 'examples/deno-serve.mjs']),
  },
  {
    name: 'workerd',
    version: async () => `miniflare ${JSON.parse(readFileSync(join(root, 'node_modules/miniflare/package.json'), 'utf8')).version}`,
    run: async () => {
      const { Miniflare } = await import('miniflare');
      const mf = new Miniflare({
        modules: true,
        scriptPath: join(out, 'worker.bundle.mjs'),
        compatibilityDate: '2025-01-01',
      });
      try {
        return await (await mf.dispatchFetch('http://localhost/')).json();
      } finally {
        await mf.dispose();
      }
    },
  },
  {
    name: 'edge-runtime',
    version: async () => `@edge-runtime/vm ${JSON.parse(readFileSync(join(root, 'node_modules/@edge-runtime/vm/package.json'), 'utf8')).version}`,
    run: async () => {
      const { EdgeVM } = await import('@edge-runtime/vm');
      const vm = new EdgeVM();
      vm.evaluate(readFileSync(join(out, 'suite.iife.js'), 'utf8'));
      return JSON.parse(await vm.evaluate('runtimeSuite.run().then((result) => JSON.stringify(result))'));
    },
  },
];

const cases = await makeCases();
await bundle(cases);
let failed = 0;
for (const runtime of RUNTIMES) {
  const started = Date.now();
  let line;
  try {
    const [version, result, recipe] = await Promise.all([runtime.version(), runtime.run(), runtime.recipe?.()]);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const counts = `${result.fixtures} fixtures, ${result.answers} answers${recipe === undefined ? '' : `, ${recipe}`}`;
    if (result.failures.length === 0) line = `ok    ${runtime.name} (${version}): ${counts} (${seconds}s)`;
    else {
      failed++;
      line = `FAIL  ${runtime.name} (${version}): ${counts}, ${result.failures.length} failed\n      ${result.failures.join('\n      ')}`;
    }
  } catch (error) {
    failed++;
    line = `FAIL  ${runtime.name}: ${(error.stderr || error.message || String(error)).trim().split('\n').slice(0, 8).join('\n      ')}`;
  }
  console.log(line);
}
process.exit(failed === 0 ? 0 : 1);
