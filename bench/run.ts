// `npm run bench`: generates realistic batches, checks that they decode correctly, times parseWebhook against
// bare JSON.parse and what a user would otherwise write (interleaved, medians), measures heap and linear scaling,
// then loads the Express middleware against a bare express.json() route. Prints Markdown tables and writes the
// same figures to bench/results.json. A script, not a test: nothing here fails on a slow machine, only on a
// wrong result.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseWebhook } from '../src/index.js';
import { BATCH_KINDS, BATCH_PLAN, buildBatch, type Batch, type BatchKind } from './batches.js';
import { contendersFor, type ContenderKey } from './contenders.js';
import { probeHeap } from './heap.js';
import { formatHostile, measureHostileBodies } from './hostile.js';
import { formatProviders, measureProviders } from './providers.js';
import { probeRetainedIds } from './retained.js';
import { runHttpBench, type HttpPlan } from './http.js';
import { measureInterleaved, pairedRatioMedian, type MeasureBudget } from './measure.js';
import { formatResults, judgeTargets, type BatchResult, type BenchResults, type ScalingResult } from './report.js';
import { BenchCheckError, verifyBatch } from './verify.js';

// Budgets sized so the whole run stays well under 3 minutes on 2 cores: about 5 s per batch, 4 s per scaling
// pair, ~10 s of heap probes and ~55 s of HTTP load (about 2 minutes in all).
const BUDGETS: Record<number, MeasureBudget> = {
  1000: { warmupRounds: 20, minRounds: 30, maxRounds: 400, budgetMs: 5000 },
  10_000: { warmupRounds: 3, minRounds: 10, maxRounds: 100, budgetMs: 5000 },
};
const SCALING_BUDGET: MeasureBudget = { warmupRounds: 2, minRounds: 8, maxRounds: 60, budgetMs: 4000 };
const PROVIDER_BUDGET: MeasureBudget = { warmupRounds: 10, minRounds: 20, maxRounds: 200, budgetMs: 2500 };
// 4 MiB bodies take a tenth of a second or more a call: a few rounds each.
const HOSTILE_BUDGET: MeasureBudget = { warmupRounds: 2, minRounds: 5, maxRounds: 20, budgetMs: 1500 };
// Three shorter runs per route rather than two long ones: more alternations, and a median that ignores one bad run.
const HTTP_PLAN: HttpPlan = { connections: 10, durationS: 4, warmupS: 1, rounds: 3 };
const RESULTS_FILE = fileURLToPath(new URL('./results.json', import.meta.url));

const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

function measureBatch(batch: Batch): BatchResult {
  const contenders = contendersFor(batch);
  verifyBatch(batch, contenders);
  const { stats, samples } = measureInterleaved<ContenderKey, string>(contenders, batch.body, BUDGETS[batch.items]!);
  const parse = stats.parseWebhook.medianMs;
  const result: BatchResult = {
    kind: batch.kind,
    items: batch.items,
    bytes: batch.bytes,
    timings: stats,
    ratioToJsonParse: parse / stats.jsonParse.medianMs,
    pairedRatioToJsonParse: pairedRatioMedian(samples.parseWebhook, samples.jsonParse),
    ratioToHandMap: parse / stats.handMap.medianMs,
    ratioToValibot: parse / stats.valibot.medianMs,
    eventsPerSecond: batch.items / (parse / 1000),
  };
  log(
    `  ${batch.kind} x${batch.items}: JSON.parse ${stats.jsonParse.medianMs.toFixed(2)} ms, parseWebhook ${parse.toFixed(2)} ms ` +
      `(${result.ratioToJsonParse.toFixed(2)}x), ${stats.parseWebhook.rounds} rounds`,
  );
  return result;
}

/** The commit measured, and whether src/ had uncommitted changes: figures only compare at the same code. */
function codeVersion(): BenchResults['code'] {
  const git = (...args: string[]): string | undefined => {
    const run = spawnSync('git', args, { encoding: 'utf8' });
    return run.status === 0 ? run.stdout.trim() : undefined;
  };
  const commit = git('rev-parse', '--short', 'HEAD');
  if (commit === undefined) return { commit: 'unknown (not a git checkout)', srcModified: false };
  return { commit, srcModified: (git('status', '--porcelain', '--', 'src') ?? '') !== '' };
}

/**
 * Linear scaling, measured so that both sides do the same work: one call on 10 000 items against ten calls on
 * 1000 items, interleaved round by round. Ten small calls allocate as much as one large one, so both pay their
 * share of garbage collection (a median of single 1000-item calls would mostly miss the scavenges that every
 * 10 000-item call pays), and load drift hits both alike.
 */
function measureScaling(kind: BatchKind): ScalingResult {
  const small = buildBatch(kind, 1000).body;
  const large = buildBatch(kind, 10_000).body;
  const tenSmall = (decode: (body: string) => unknown) => (): unknown => {
    let last: unknown;
    for (let i = 0; i < 10; i++) last = decode(small);
    return last;
  };
  const parse = (body: string): unknown => JSON.parse(body);
  const decode = (body: string): unknown => parseWebhook(body);
  const { stats } = measureInterleaved(
    [
      { key: 'jsonParse1k', run: tenSmall(parse) },
      { key: 'jsonParse10k', run: () => parse(large) },
      { key: 'parseWebhook1k', run: tenSmall(decode) },
      { key: 'parseWebhook10k', run: () => decode(large) },
    ],
    undefined,
    SCALING_BUDGET,
  );
  const result: ScalingResult = {
    kind,
    parseWebhook: (10 * stats.parseWebhook10k.medianMs) / stats.parseWebhook1k.medianMs,
    jsonParse: (10 * stats.jsonParse10k.medianMs) / stats.jsonParse1k.medianMs,
    rounds: stats.parseWebhook10k.rounds,
  };
  log(`  ${kind}: parseWebhook ${result.parseWebhook.toFixed(2)}x, JSON.parse ${result.jsonParse.toFixed(2)}x, ${result.rounds} rounds`);
  return result;
}

async function main(): Promise<void> {
  const started = performance.now();
  const machine = {
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: cpus().length,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    loadAverage1m: loadavg()[0]!,
  };
  const code = codeVersion();
  log(`email-webhooks bench at ${code.commit}${code.srcModified ? ' (src/ modified)' : ''}: ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, load ${machine.loadAverage1m.toFixed(2)}`);

  log('decode (interleaved, medians):');
  const batches: BatchResult[] = [];
  const http1000: { label: string; items: number; body: string }[] = [];
  for (const { kind, items } of BATCH_PLAN) {
    const batch = buildBatch(kind, items);
    batches.push(measureBatch(batch));
    if (items === 1000 && (kind === 'lingdong' || kind === 'sendpulse-smtp')) {
      http1000.push({ label: `${kind} x1000`, items, body: batch.body });
    }
  }
  // Scaling and heap for the kinds measured at both sizes.
  const scaledKinds = [...new Set(BATCH_PLAN.filter((b) => b.items === 10_000).map((b) => b.kind))];
  log('scaling (one 10 000-item call against ten 1000-item calls, interleaved):');
  const scaling = scaledKinds.map((kind) => measureScaling(kind));

  log('heap (child process with --expose-gc, 10 000 items):');
  const heap: BenchResults['heap'] = scaledKinds.map((kind: BatchKind) => {
    const probe = probeHeap(kind, 10_000);
    if ('error' in probe) log(`  ${kind}: ${probe.error}`);
    return 'error' in probe ? { kind, items: 10_000, error: probe.error } : probe;
  });

  log('every provider, 1000 events, with lossless-json and json-bigint parsing alone (interleaved):');
  const providers = measureProviders(PROVIDER_BUDGET);
  log('hostile 4 MiB bodies against JSON.parse (interleaved):');
  const hostile = measureHostileBodies(HOSTILE_BUDGET);
  log('retained heap of ids kept after their bodies are dropped (child process, --expose-gc):');
  const retained = BATCH_KINDS.filter((kind) => kind !== 'lingdong-carry').map((kind) => probeRetainedIds(kind));

  log(`http (autocannon, ${HTTP_PLAN.rounds} x ${HTTP_PLAN.durationS} s per route and body):`);
  const http = await runHttpBench(http1000, HTTP_PLAN, log);
  if (!http.available) log(`  ${http.reason}`);

  const partial = { date: new Date().toISOString(), code, machine, batches, scaling, heap, http, providers, durationS: 0 };
  const results: BenchResults = { ...partial, targets: judgeTargets(partial) };
  results.durationS = Math.round((performance.now() - started) / 100) / 10;
  writeFileSync(RESULTS_FILE, `${JSON.stringify({ ...results, hostile, retained }, null, 2)}\n`);
  const retainedTable = [
    '| 10 000-item batch | body | ids kept | retained per further batch | per id |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...retained.map((r) =>
      'error' in r
        ? `| ${r.kind} | ${r.error} | | | |`
        : `| ${r.kind} | ${(r.bodyBytes / 1e6).toFixed(1)} MB | ${r.idsPerBody} | ${(r.retainedPerBody / 1e6).toFixed(2)} MB | ${r.bytesPerId} B |`,
    ),
  ].join('\n');
  process.stdout.write(
    `\n${formatResults(results)}\n\n### Every provider\n\n${formatProviders(providers)}\n\n### Hostile bodies\n\n${formatHostile(hostile)}` +
      `\n\n### Ids kept, bodies dropped\n\n${retainedTable}\n\nTotal ${results.durationS} s; figures written to bench/results.json\n`,
  );
}

main().catch((error: unknown) => {
  if (error instanceof BenchCheckError) {
    log(`\nbench aborted: ${error.message}`);
  } else {
    log(`\nbench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
  process.exit(1);
});
