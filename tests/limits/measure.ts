/**
 * Measures the time and memory `parseWebhook` takes on the hostile bodies of tests/limits (no assertions: the
 * figures go into SECURITY.md). Each case runs in its own process, so peaks do not mix:
 *
 *   node --expose-gc --import tsx tests/limits/measure.ts                every case, a Markdown table
 *   node --expose-gc --import tsx tests/limits/measure.ts <name> <file>  one case (what the parent runs)
 *
 * Per case: the body size, the time of one parse (the slowest of three), the peak resident memory above what the
 * process held with the body in hand, and the heap the result keeps alive.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_MAX_ITEMS, parseWebhook } from '../../src/index.js';
import {
  DEEP,
  deepArrays,
  deepObjects,
  HUGE,
  hugeIdLiteral,
  hugeLocation,
  hugeSubject,
  lingdongBatch,
  lingdongWithDeepField,
  MANY,
  sendpulseBatch,
  sendpulseDelivered,
} from './bodies.js';

/** The default `maxBodyBytes` of the adapters: the largest body a default endpoint reads. */
const MAX_BODY = 4 * 1024 * 1024;

/** Repeats `unit` inside `[head, ..., ]` until the body is about `bytes` long. */
function filled(head: string, unit: string, bytes: number): string {
  const count = Math.floor((bytes - head.length - 2) / (unit.length + 1));
  return `[${head}${`,${unit}`.repeat(count)}]`;
}

const CASES: Readonly<Record<string, () => string>> = {
  [`arrays nested ${DEEP} deep`]: () => deepArrays(DEEP),
  [`objects nested ${DEEP} deep`]: () => deepObjects(DEEP),
  [`Lingdong item with a field nested ${DEEP} deep`]: () => lingdongWithDeepField(DEEP),
  '4 MiB of "[" (never closed)': () => '['.repeat(MAX_BODY),
  '10 MiB subject': () => hugeSubject(HUGE),
  '10 MiB location of slashes': () => hugeLocation(HUGE),
  '10 MiB id literal': () => hugeIdLiteral(HUGE),
  '10 MiB of escaped lone surrogates': () => hugeSubject(8).replace('"xxxxxxxx"', `"${'\\ud800'.repeat(HUGE / 6)}"`),
  [`SendPulse batch of ${MANY} (10% bad)`]: () => sendpulseBatch(MANY),
  [`Lingdong batch of ${MANY} with big ids (10% bad)`]: () => lingdongBatch(MANY),
  [`one item with ${MANY} members`]: () =>
    `[${sendpulseDelivered('a@b.io', `,${Array.from({ length: MANY }, (_, i) => `"k${i}":${i}`).join(',')}`)}]`,
  '4 MiB SendPulse batch of bare numbers (one issue each)': () => filled('{"event":"x"}', '0', MAX_BODY),
  '4 MiB Lingdong group of bare numbers (one issue each)': () => `{"delivered":${filled('0', '0', MAX_BODY - 14)}}`,
  '4 MiB SendPulse batch of {} (one issue each)': () => filled('{"event":"x"}', '{}', MAX_BODY),
  '4 MiB SendPulse batch of unknown events': () => filled('{"event":"x"}', '{"event":"x"}', MAX_BODY),
  '4 MiB SendPulse batch of valid events': () => filled(sendpulseDelivered('a@b.io'), sendpulseDelivered('a@b.io'), MAX_BODY),
  // The worst a default endpoint decodes: as many items as the default maxItems allows, each a bad one.
  [`SendPulse batch of ${DEFAULT_MAX_ITEMS} {} (one issue each)`]: () => `[{"event":"x"}${',{}'.repeat(DEFAULT_MAX_ITEMS - 1)}]`,
  [`SendPulse batch of ${DEFAULT_MAX_ITEMS} bare numbers (one issue each)`]: () => `[{"event":"x"}${',0'.repeat(DEFAULT_MAX_ITEMS - 1)}]`,
  [`Lingdong batch of ${DEFAULT_MAX_ITEMS} with big ids (10% bad)`]: () => lingdongBatch(DEFAULT_MAX_ITEMS),
};

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

interface Figures {
  name: string;
  bodyBytes: number;
  outcome: string;
  milliseconds: number;
  peakMiB: number;
  retainedMiB: number;
}

/**
 * Parses the body in `file` (written by the parent, so building it leaves no peak here) and reports the figures.
 * The peak is what `maxRSS` rose to during the first parse, above the resident size just before it.
 */
function measure(name: string, file: string): Figures {
  const body = readFileSync(file, 'utf8');
  const bytes = statSync(file).size;
  gc();
  const rssBefore = process.memoryUsage().rss;
  const heapBefore = process.memoryUsage().heapUsed;
  const maxBefore = process.resourceUsage().maxRSS * 1024;
  let outcome = '';
  let kept: unknown;
  let slowest = 0;
  let peak = 0;
  for (let run = 0; run < 3; run++) {
    kept = undefined;
    const started = performance.now();
    try {
      const result = parseWebhook(body);
      outcome = `${result.events.length} events, ${result.issues.length} issues`;
      kept = result;
    } catch (error) {
      outcome = error instanceof Error ? `${(error as { code?: string }).code ?? error.name}` : String(error);
    }
    slowest = Math.max(slowest, performance.now() - started);
    if (run === 0) {
      const maxAfter = process.resourceUsage().maxRSS * 1024;
      // When the parse stayed below the earlier peak of reading the file, only a bound is known.
      peak = maxAfter > maxBefore ? maxAfter - rssBefore : -(maxBefore - rssBefore);
    }
  }
  gc();
  // `kept` still holds the last result here, so this is what a caller keeps alive while it handles the batch.
  const retained = process.memoryUsage().heapUsed - heapBefore;
  if (kept === null) console.log('unreachable');
  return {
    name,
    bodyBytes: bytes,
    outcome,
    milliseconds: Math.round(slowest),
    peakMiB: Math.round(peak / 1048576),
    retainedMiB: Math.max(0, Math.round(retained / 1048576)),
  };
}

const [only, file] = process.argv.slice(2);
if (only !== undefined && file !== undefined) {
  process.stdout.write(JSON.stringify(measure(only, file)));
} else {
  const folder = mkdtempSync(join(tmpdir(), 'email-webhooks-measure-'));
  console.log(`Node ${process.version}, ${process.arch}\n`);
  console.log('| Body | Size | Outcome | Time | Peak RSS above baseline | Heap kept by the result |');
  console.log('| --- | ---: | --- | ---: | ---: | ---: |');
  for (const [index, name] of Object.keys(CASES).entries()) {
    const path = join(folder, `${index}.json`);
    writeFileSync(path, CASES[name]!());
    let figures: Figures;
    try {
      const out = execFileSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), name, path], {
        encoding: 'utf8',
        maxBuffer: 1 << 20,
        timeout: 120_000,
      });
      figures = JSON.parse(out) as Figures;
    } catch (error) {
      console.log(`| ${name} | | failed: ${(error as Error).message.split('\n')[0]} | | | |`);
      continue;
    } finally {
      rmSync(path);
    }
    const size = figures.bodyBytes >= 1048576 ? `${(figures.bodyBytes / 1048576).toFixed(1)} MiB` : `${Math.round(figures.bodyBytes / 1024)} KiB`;
    const peak = figures.peakMiB >= 0 ? `${figures.peakMiB} MiB` : `≤ ${-figures.peakMiB} MiB`;
    console.log(`| ${figures.name} | ${size} | ${figures.outcome} | ${figures.milliseconds} ms | ${peak} | ${figures.retainedMiB} MiB |`);
  }
  rmSync(folder, { recursive: true });
}
