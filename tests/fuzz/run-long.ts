/**
 * `npm run fuzz`: the fuzz properties of tests/fuzz/properties.ts, long. By default 1,000,000 cases shared among
 * the properties by weight, on every core, with a random seed that is printed first.
 *
 *   npm run fuzz                                  1,000,000 cases, random seed
 *   npm run fuzz -- --minutes 5                   stop each property at its share of 5 minutes
 *   npm run fuzz -- --cases 200000 --seed 42      another budget, a fixed seed
 *   npm run fuzz -- --seed 42 --property 3 --path "812:0:1"
 *                                                 replay one counterexample (printed on failure)
 *   npm run fuzz -- --include-open-bugs           also generate the inputs of bugs listed in known-bugs.ts
 *
 * Every option can also come from the environment: FUZZ_CASES, FUZZ_MINUTES, FUZZ_SEED, FUZZ_PROPERTY, FUZZ_PATH,
 * FUZZ_WORKERS, FUZZ_INCLUDE_OPEN_BUGS=1. Exit code 1 when a property fails.
 */
import { fork } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { setIncludeOpenBugs } from './known-bugs.js';
import { PROPERTIES, type FuzzProperty } from './properties.js';

interface Settings {
  cases: number;
  minutes: number | undefined;
  seed: number;
  property: string | undefined;
  path: string | undefined;
  workers: number;
  includeOpenBugs: boolean;
}

/** What running one property's share produced. */
interface PropertyReport {
  index: number;
  name: string;
  planned: number;
  ran: number;
  skipped: number;
  seconds: number;
  interrupted: boolean;
  failure?: { path: string; counterexample: string; error: string };
}

/** One worker's share: property indexes with their case counts and time limits. */
interface Share {
  index: number;
  runs: number;
  timeLimitMs: number | undefined;
}

function readSettings(argv: readonly string[]): Settings {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) continue;
    const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
    if (name === 'include-open-bugs' || name === 'worker') flags.set(name, '1');
    else flags.set(name, inline ?? argv[++i] ?? '');
  }
  const option = (flag: string, env: string): string | undefined => flags.get(flag) ?? process.env[env];
  const number = (text: string | undefined, fallback: number, what: string): number => {
    if (text === undefined || text === '') return fallback;
    const n = Number(text.replace(/_/g, ''));
    if (!Number.isFinite(n)) throw new Error(`${what} must be a number, got ${JSON.stringify(text)}`);
    return n;
  };
  const minutes = option('minutes', 'FUZZ_MINUTES');
  return {
    cases: number(option('cases', 'FUZZ_CASES'), 1_000_000, '--cases'),
    minutes: minutes === undefined ? undefined : number(minutes, 0, '--minutes'),
    // A 32-bit seed, as fast-check prints them.
    seed: number(option('seed', 'FUZZ_SEED'), (Date.now() ^ (Math.random() * 0x7fffffff)) | 0, '--seed'),
    property: option('property', 'FUZZ_PROPERTY'),
    path: option('path', 'FUZZ_PATH'),
    workers: Math.max(1, number(option('workers', 'FUZZ_WORKERS'), Math.min(availableParallelism(), PROPERTIES.length), '--workers')),
    includeOpenBugs: option('include-open-bugs', 'FUZZ_INCLUDE_OPEN_BUGS') === '1',
  };
}

function selectProperty(selector: string): number {
  const index = Number(selector);
  if (Number.isInteger(index) && PROPERTIES[index] !== undefined) return index;
  const found = PROPERTIES.findIndex((entry) => entry.name.includes(selector));
  if (found === -1) throw new Error(`no property matches ${JSON.stringify(selector)}`);
  return found;
}

function runShare(share: Share, seed: number, path?: string): PropertyReport {
  const entry: FuzzProperty = PROPERTIES[share.index]!;
  const started = performance.now();
  const details = fc.check(entry.property(), {
    seed,
    numRuns: share.runs,
    ...(path === undefined ? {} : { path }),
    ...(share.timeLimitMs === undefined ? {} : { interruptAfterTimeLimit: share.timeLimitMs, markInterruptAsFailure: false }),
    // Allow many skipped cases (inputs of known bugs) before fast-check gives up.
    maxSkipsPerRun: 1000,
  }) as fc.RunDetails<[unknown]>;
  const report: PropertyReport = {
    index: share.index,
    name: entry.name,
    planned: share.runs,
    ran: details.numRuns,
    skipped: details.numSkips,
    seconds: (performance.now() - started) / 1000,
    interrupted: details.interrupted,
  };
  if (details.failed && details.counterexamplePath !== null) {
    const error = details.errorInstance;
    report.failure = {
      path: details.counterexamplePath,
      counterexample: fc.stringify(details.counterexample).slice(0, 4000),
      error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    };
  } else if (details.failed) {
    report.failure = { path: '', counterexample: '', error: `gave up after ${details.numSkips} skipped cases` };
  }
  return report;
}

/** Splits the properties among workers so that each gets about the same total weight. */
function plan(settings: Settings): Share[][] {
  const totalWeight = PROPERTIES.reduce((sum, entry) => sum + entry.weight, 0);
  const shares: Share[] = PROPERTIES.map((entry, index) => ({
    index,
    runs: Math.max(1, Math.round((settings.cases * entry.weight) / totalWeight)),
    timeLimitMs:
      settings.minutes === undefined ? undefined : Math.max(1000, (settings.minutes * 60_000 * entry.weight * settings.workers) / totalWeight),
  }));
  const buckets: { weight: number; shares: Share[] }[] = Array.from({ length: settings.workers }, () => ({ weight: 0, shares: [] }));
  for (const share of [...shares].sort((a, b) => PROPERTIES[b.index]!.weight - PROPERTIES[a.index]!.weight)) {
    const lightest = buckets.reduce((best, bucket) => (bucket.weight < best.weight ? bucket : best));
    lightest.shares.push(share);
    lightest.weight += PROPERTIES[share.index]!.weight;
  }
  return buckets.map((bucket) => bucket.shares).filter((list) => list.length > 0);
}

function runInWorker(shares: Share[], settings: Settings): Promise<PropertyReport[]> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), ['--worker'], {
      execArgv: process.execArgv,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let reports: PropertyReport[] | undefined;
    child.on('message', (message) => {
      reports = message as PropertyReport[];
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (reports !== undefined) resolve(reports);
      else reject(new Error(`fuzz worker exited with code ${code} before reporting`));
    });
    child.send({ shares, settings });
  });
}

function printReport(report: PropertyReport, settings: Settings): void {
  const rate = report.seconds > 0 ? Math.round(report.ran / report.seconds) : 0;
  const status = report.failure ? 'FAILED' : report.interrupted ? 'ok (time limit)' : 'ok';
  console.log(
    `[${report.index}] ${status.padEnd(15)} ${String(report.ran).padStart(9)} cases` +
      `${report.skipped > 0 ? ` (+${report.skipped} skipped)` : ''} in ${report.seconds.toFixed(1)} s (${rate}/s)  ${report.name}`,
  );
  if (report.failure !== undefined) {
    console.log(`    error: ${report.failure.error}`);
    console.log(`    counterexample: ${report.failure.counterexample}`);
    const bugs = settings.includeOpenBugs ? ' --include-open-bugs' : '';
    console.log(`    replay: npm run fuzz -- --seed ${settings.seed} --property ${report.index} --path "${report.failure.path}"${bugs}`);
  }
}

async function main(): Promise<void> {
  const settings = readSettings(process.argv.slice(2));
  setIncludeOpenBugs(settings.includeOpenBugs);

  if (settings.property !== undefined || settings.path !== undefined) {
    // Replay (or focus on) one property, in this process.
    const index = selectProperty(settings.property ?? '0');
    console.log(`fuzz: seed ${settings.seed}, property [${index}] ${PROPERTIES[index]!.name}`);
    const report = runShare(
      { index, runs: settings.path === undefined ? settings.cases : 1, timeLimitMs: settings.minutes === undefined ? undefined : settings.minutes * 60_000 },
      settings.seed,
      settings.path,
    );
    printReport(report, settings);
    process.exitCode = report.failure ? 1 : 0;
    return;
  }

  const shares = plan(settings);
  console.log(
    `fuzz: seed ${settings.seed}, ${settings.cases.toLocaleString('en')} cases over ${PROPERTIES.length} properties, ` +
      `${shares.length} worker(s)${settings.minutes === undefined ? '' : `, time limit ${settings.minutes} min`}` +
      `${settings.includeOpenBugs ? ', including open bugs' : ''}`,
  );
  const started = performance.now();
  const reports = (await Promise.all(shares.map((list) => runInWorker(list, settings)))).flat();
  reports.sort((a, b) => a.index - b.index);
  for (const report of reports) printReport(report, settings);
  const ran = reports.reduce((sum, report) => sum + report.ran, 0);
  const failed = reports.filter((report) => report.failure !== undefined).length;
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `fuzz: ${ran.toLocaleString('en')} cases in ${seconds.toFixed(1)} s, ${failed} failing propert${failed === 1 ? 'y' : 'ies'}, seed ${settings.seed}`,
  );
  process.exitCode = failed > 0 ? 1 : 0;
}

if (process.argv.includes('--worker')) {
  process.once('message', (message) => {
    const { shares, settings } = message as { shares: Share[]; settings: Settings };
    setIncludeOpenBugs(settings.includeOpenBugs);
    const reports = shares.map((share) => runShare(share, settings.seed));
    process.send?.(reports, () => process.disconnect());
  });
} else {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 2;
  });
}
