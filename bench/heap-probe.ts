// Child process of the bench (see heap.ts): measures the heap one decode of a batch takes. It runs with
// --expose-gc and a young generation large enough that no collection happens during the decode, so the growth of
// the used heap across the call is everything the call allocated: its peak. Prints one JSON line.
import { PerformanceObserver, performance } from 'node:perf_hooks';
import { parseWebhook } from '../src/index.js';
import { buildBatch, type BatchKind } from './batches.js';
import type { HeapFigures, HeapProbeOutput } from './heap.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) {
  process.stderr.write('heap-probe: run with --expose-gc\n');
  process.exit(2);
}

const [kind, itemsArg] = process.argv.slice(2) as [BatchKind, string];
const items = Number(itemsArg);

const gcTimes: { start: number; end: number }[] = [];
const observer = new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) gcTimes.push({ start: entry.startTime, end: entry.startTime + entry.duration });
});
observer.observe({ entryTypes: ['gc'] });

const contenders = {
  jsonParse: (body: string): unknown => JSON.parse(body),
  parseWebhook: (body: string): unknown => parseWebhook(body),
};

function measure(run: (body: string) => unknown, body: string): { figures: Omit<HeapFigures, 'gcDuring'>; t0: number; t1: number } {
  gc!();
  gc!();
  const before = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  let result: unknown = run(body);
  const t1 = performance.now();
  const after = process.memoryUsage().heapUsed;
  gc!();
  const retained = process.memoryUsage().heapUsed - before;
  // Keep the result alive until the retained size was read.
  if (result === undefined) process.exitCode = 3;
  result = undefined;
  return { figures: { peakBytes: after - before, retainedBytes: retained }, t0, t1 };
}

// Compile and optimize on a small batch of the same kind first, so the measured call allocates no code.
const warm = buildBatch(kind, 1000).body;
for (let i = 0; i < 5; i++) for (const run of Object.values(contenders)) run(warm);
const body = buildBatch(kind, items).body;

const windows: { key: keyof typeof contenders; figures: Omit<HeapFigures, 'gcDuring'>; t0: number; t1: number }[] = [];
for (const key of Object.keys(contenders) as (keyof typeof contenders)[]) {
  windows.push({ key, ...measure(contenders[key], body) });
}
// GC entries are delivered asynchronously: wait for them before judging whether one fell inside a window.
setTimeout(() => {
  observer.disconnect();
  const output = { kind, items } as HeapProbeOutput;
  for (const { key, figures, t0, t1 } of windows) {
    const gcDuring = gcTimes.filter((g) => g.end > t0 && g.start < t1).length;
    output[key] = { ...figures, gcDuring };
  }
  process.stdout.write(`${JSON.stringify(output)}\n`);
}, 50);
