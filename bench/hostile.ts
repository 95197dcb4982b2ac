// The worst 4 MiB bodies we could construct against parseWebhook's CPU time, each timed against JSON.parse of
// the same text, interleaved. Issue target: at most 3x for every one. `npm run bench` prints them; this file can
// also run alone (`npx tsx bench/hostile.ts`).
import { parseWebhook } from '../src/index.js';
import { measureInterleaved, pairedRatioMedian, type MeasureBudget } from './measure.js';

const SIZE = 4 * 1024 * 1024;
const BIG = '222016111000001234';

/** Repeats `item` between `open` and `close`, comma-separated, up to `size` characters. */
function filled(open: string, item: (i: number) => string, close: string, size = SIZE): string {
  const parts: string[] = [];
  let length = open.length + close.length;
  for (let i = 0; length < size; i++) {
    const next = item(i);
    parts.push(next);
    length += next.length + 1;
  }
  return open + parts.join(',') + close;
}

/** A big integer that differs from item to item, so no two round alike by chance of the generator. */
const bigAt = (i: number): string => `${BigInt(BIG) + BigInt(i) * 7919n}`;

/** 64 levels: the deepest a body may legally nest. */
function deepLegal(): string {
  const nest = (levels: number): string => '['.repeat(levels) + '1' + ']'.repeat(levels);
  const record = (i: number): string =>
    `{"id":${i},"email":"a@b.io","status":"success","updated":"2014-06-27 15:03:04","x":${nest(61)}}`;
  return filled('{"delivered":[', record, ']}');
}

/** Each hostile body by name, with what it is meant to stress. */
export const HOSTILE_BODIES: readonly { name: string; build(): string }[] = [
  { name: 'empty objects `[{},{},...]`', build: () => filled('[', () => '{}', ']') },
  { name: 'big-integer array in a Lingdong group `{"delivered":[2220…,…]}`', build: () => filled('{"delivered":[', bigAt, ']}') },
  { name: 'big ids in an unknown shape `{"a":[{"id":2220…},…]}`', build: () => filled('{"a":[', (i) => `{"id":${bigAt(i)}}`, ']}') },
  { name: 'big integers inside one Lingdong item `{"delivered":[{…,"x":[2220…,…]}]}`', build: () => filled('{"delivered":[{"id":1,"email":"a@b.io","status":"success","x":[', bigAt, ']}]}') },
  { name: 'big members inside one Lingdong item `{…,"x":{"k0":2220…,…}}`', build: () => filled('{"delivered":[{"id":1,"email":"a@b.io","status":"success","x":{', (i) => `"k${i}":${bigAt(i)}`, '}}]}') },
  { name: 'deep legal nesting (64 levels) in every Lingdong item', build: deepLegal },
];

/** One hostile body's figures. */
export interface HostileResult {
  name: string;
  bytes: number;
  /** What parseWebhook answered: the error code, or events and issues. */
  outcome: string;
  jsonParseMs: number;
  parseWebhookMs: number;
  /** Median of per-round ratios parseWebhook / JSON.parse. */
  ratio: number;
}

function outcomeOf(body: string): string {
  try {
    const result = parseWebhook(body);
    return `${result.events.length} events, ${result.issues.length} issues`;
  } catch (error) {
    return (error as { code?: string }).code ?? 'threw';
  }
}

/**
 * Times every hostile body against JSON.parse, interleaved.
 * @param budget Rounds and time per body (keep it short: the machine is shared).
 */
export function measureHostileBodies(budget: MeasureBudget): HostileResult[] {
  return HOSTILE_BODIES.map(({ name, build }) => {
    const body = build();
    const decode = (text: string): unknown => {
      try {
        return parseWebhook(text);
      } catch (error) {
        return error;
      }
    };
    const { stats, samples } = measureInterleaved(
      [
        { key: 'jsonParse', run: (text: string) => JSON.parse(text) },
        { key: 'parseWebhook', run: decode },
      ],
      body,
      budget,
    );
    return {
      name,
      bytes: body.length,
      outcome: outcomeOf(body),
      jsonParseMs: stats.jsonParse.medianMs,
      parseWebhookMs: stats.parseWebhook.medianMs,
      ratio: pairedRatioMedian(samples.parseWebhook, samples.jsonParse),
    };
  });
}

/** The hostile bodies as a Markdown table. */
export function formatHostile(results: readonly HostileResult[]): string {
  const rows = results.map(
    (r) => `| ${r.name} | ${r.outcome} | ${r.jsonParseMs.toFixed(1)} ms | ${r.parseWebhookMs.toFixed(1)} ms | ${r.ratio.toFixed(2)}x |`,
  );
  return ['| 4 MiB hostile body | answer | JSON.parse | parseWebhook | ratio |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.stdout.write(`${formatHostile(measureHostileBodies({ warmupRounds: 2, minRounds: 6, maxRounds: 20, budgetMs: 1500 }))}\n`);
}
