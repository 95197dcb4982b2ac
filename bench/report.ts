import type { BatchKind } from './batches.js';
import type { ContenderKey } from './contenders.js';
import type { HeapProbeOutput } from './heap.js';
import type { HttpReport } from './http.js';
import type { ProviderResult } from './providers.js';
import type { TimingStats } from './measure.js';

/** The figures of one batch. */
export interface BatchResult {
  kind: BatchKind;
  items: number;
  bytes: number;
  /** Per contender: median, p90, min, rounds (milliseconds). */
  timings: Record<ContenderKey, TimingStats>;
  /** parseWebhook / JSON.parse, ratio of medians: the headline. */
  ratioToJsonParse: number;
  /** parseWebhook / JSON.parse, median of per-round ratios (steadier under load drift). */
  pairedRatioToJsonParse: number;
  ratioToHandMap: number;
  ratioToValibot: number;
  /** Items decoded per second by parseWebhook, from its median. */
  eventsPerSecond: number;
}

/**
 * Time of one call on 10 000 items over time of one call on 1000 (10 would be perfectly linear), where the
 * 1000-item time is a tenth of ten consecutive calls.
 */
export interface ScalingResult {
  kind: BatchKind;
  parseWebhook: number;
  jsonParse: number;
  /** Interleaved rounds measured. */
  rounds: number;
}

/** One target of issue 4, as measured. */
export interface TargetResult {
  name: string;
  measured: number | null;
  limit: string;
  met: boolean | null;
}

/** Everything `npm run bench` measured; written to bench/results.json as is. */
export interface BenchResults {
  date: string;
  /** The commit measured; `srcModified` when src/ had uncommitted changes. */
  code: { commit: string; srcModified: boolean };
  machine: { cpu: string; cores: number; node: string; platform: string; loadAverage1m: number };
  batches: BatchResult[];
  scaling: ScalingResult[];
  heap: (HeapProbeOutput | { kind: BatchKind; items: number; error: string })[];
  http: HttpReport;
  /** Every provider's 1000-event workload (single-event providers: 1000 bodies). */
  providers: ProviderResult[];
  targets: TargetResult[];
  durationS: number;
}

const ms = (value: number): string => (value >= 10 ? value.toFixed(1) : value.toFixed(2));
const x = (value: number): string => `${value.toFixed(2)}x`;
const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const kb = (bytes: number): string => `${Math.round(bytes / 1024)} KB`;

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/**
 * Writes the results as Markdown tables (the same ones BENCHMARKS.md shows).
 * @param results What the bench measured.
 */
export function formatResults(results: BenchResults): string {
  const { code, machine } = results;
  const out: string[] = [
    `Measured ${results.date.slice(0, 16).replace('T', ' ')} UTC at ${code.commit}${code.srcModified ? ' (src/ modified)' : ''}; ` +
      `${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, load average ${machine.loadAverage1m.toFixed(2)} at start.`,
    '',
  ];
  const timing = (t: TimingStats): string => `${ms(t.medianMs)} (${ms(t.p90Ms)})`;
  out.push(
    'Decode time per batch, median (p90) in ms; ratios are of medians:',
    '',
    table(
      ['batch', 'items', 'size', 'JSON.parse', 'parseWebhook', 'JSON.parse + hand map', 'JSON.parse + valibot', 'parseWebhook / JSON.parse', 'paired ratio', 'vs hand map', 'vs valibot', 'events/s', 'rounds'],
      results.batches.map((b) => [
        b.kind,
        String(b.items),
        kb(b.bytes),
        timing(b.timings.jsonParse),
        timing(b.timings.parseWebhook),
        timing(b.timings.handMap),
        timing(b.timings.valibot),
        `**${x(b.ratioToJsonParse)}**`,
        x(b.pairedRatioToJsonParse),
        x(b.ratioToHandMap),
        x(b.ratioToValibot),
        Math.round(b.eventsPerSecond).toLocaleString('en-US'),
        String(b.timings.parseWebhook.rounds),
      ]),
    ),
  );
  out.push(
    '',
    'Scaling (one call on 10 000 items / a tenth of ten calls on 1000, interleaved) and heap of one 10 000-item decode (peak = used-heap growth with no GC inside the call):',
    '',
    table(
      ['batch', 'parseWebhook 10k/1k', 'JSON.parse 10k/1k', 'peak heap JSON.parse', 'peak heap parseWebhook', 'retained parseWebhook', 'peak ratio'],
      results.scaling.map((s) => {
        const heap = results.heap.find((h) => h.kind === s.kind);
        const cells =
          heap === undefined || 'error' in heap
            ? [heap?.error ?? 'not measured', '', '', '']
            : [
                mb(heap.jsonParse.peakBytes),
                mb(heap.parseWebhook.peakBytes) + (heap.parseWebhook.gcDuring > 0 ? ' (GC ran: at least)' : ''),
                mb(heap.parseWebhook.retainedBytes),
                x(heap.parseWebhook.peakBytes / heap.jsonParse.peakBytes),
              ];
        return [s.kind, x(s.parseWebhook), x(s.jsonParse), ...cells];
      }),
    ),
  );
  out.push('');
  if (results.http.available) {
    const h = results.http;
    out.push(
      `HTTP, requests/s (2xx only; median of ${h.rounds} interleaved runs of ${h.durationS} s per route), autocannon on 127.0.0.1 with ${h.connections} connections; ` +
        'and the server\'s CPU time per request (steadier than requests/s on a shared machine; CPU ratio = bare / middleware):',
      '',
      table(
        ['body', 'size', 'expressWebhook', 'express.json() + 200', 'ratio', 'CPU ms/request, middleware', 'CPU ms/request, bare', 'CPU ratio'],
        h.bodies.map((b) => [
          b.label,
          kb(b.bytes),
          b.middleware.medianRps.toFixed(1),
          b.bare.medianRps.toFixed(1),
          `**${x(b.ratio)}**`,
          b.middleware.medianCpuMs.toFixed(2),
          b.bare.medianCpuMs.toFixed(2),
          x(b.cpuRatio),
        ]),
      ),
    );
  } else {
    out.push(`HTTP: ${results.http.reason}`);
  }
  out.push('', 'Targets (issues 4 and 13):', '');
  out.push(
    table(
      ['target', 'measured', 'limit', 'met'],
      results.targets.map((t) => [t.name, t.measured === null ? 'n/a' : x(t.measured), t.limit, t.met === null ? 'n/a' : t.met ? 'yes' : '**no**']),
    ),
  );
  return out.join('\n');
}

/**
 * Judges the measured figures against the targets of issues 4 and 13: parseWebhook <= 2.0x JSON.parse for every
 * 1000-item batch and every provider's 1000 events, 10k/1k <= 11x, middleware >= 0.8x the bare route's requests
 * per second.
 * @param results The figures (its `targets` is ignored).
 */
export function judgeTargets(results: Omit<BenchResults, 'targets'>): TargetResult[] {
  const targets: TargetResult[] = [];
  for (const b of results.batches.filter((batch) => batch.items === 1000)) {
    targets.push({ name: `parseWebhook / JSON.parse, ${b.kind} x1000`, measured: b.ratioToJsonParse, limit: '<= 2.0x', met: b.ratioToJsonParse <= 2 });
  }
  // Providers measured only in the every-provider table (the seed batches are judged above, by their own run).
  const judged = new Set(targets.map((t) => t.name));
  for (const p of results.providers) {
    const name = `parseWebhook / JSON.parse, ${p.name} x1000`;
    if (!judged.has(name)) targets.push({ name, measured: p.ratio, limit: '<= 2.0x', met: p.ratio <= 2 });
  }
  for (const s of results.scaling) {
    targets.push({ name: `10k / 1k time, ${s.kind}`, measured: s.parseWebhook, limit: '<= 11x', met: s.parseWebhook <= 11 });
  }
  if (results.http.available) {
    for (const b of results.http.bodies) {
      targets.push({ name: `middleware / bare route rps, ${b.label}`, measured: b.ratio, limit: '>= 0.8x', met: b.ratio >= 0.8 });
    }
  } else {
    targets.push({ name: 'middleware / bare route rps', measured: null, limit: '>= 0.8x', met: null });
  }
  return targets;
}
