import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BatchKind } from './batches.js';

/** Heap taken by one decode, in bytes. */
export interface HeapFigures {
  /** Used-heap growth across the call with no collection inside it: everything it allocated, its peak. */
  peakBytes: number;
  /** What is still reachable afterwards (the result itself). */
  retainedBytes: number;
  /** Collections that ran during the call; when above 0, `peakBytes` undercounts. */
  gcDuring: number;
}

/** What the heap probe reports for one batch. */
export interface HeapProbeOutput {
  kind: BatchKind;
  items: number;
  jsonParse: HeapFigures;
  parseWebhook: HeapFigures;
}

const PROBE = fileURLToPath(new URL('./heap-probe.ts', import.meta.url));
// A young generation this large holds every allocation of a 10 000-item decode, so no scavenge runs mid-call
// and the used heap only grows: its growth is then the peak. The pages are committed only as they are used.
const SEMI_SPACE_MB = 512;

/**
 * Measures the heap one `JSON.parse` and one `parseWebhook` of a batch take, in a fresh child process (so the
 * bench's own garbage does not blur it) with `--expose-gc`.
 * @param kind Which batch.
 * @param items How many items (10 000 in the bench).
 * @returns The figures, or an error message when the probe could not run.
 */
export function probeHeap(kind: BatchKind, items: number): HeapProbeOutput | { error: string } {
  const child = spawnSync(
    process.execPath,
    [
      '--expose-gc',
      `--min-semi-space-size=${SEMI_SPACE_MB}`,
      `--max-semi-space-size=${SEMI_SPACE_MB}`,
      '--import',
      'tsx',
      PROBE,
      kind,
      String(items),
    ],
    { encoding: 'utf8', timeout: 60_000 },
  );
  if (child.status !== 0) {
    return { error: `heap probe exited with ${child.status ?? child.signal}: ${child.stderr.trim().split('\n').pop() ?? ''}` };
  }
  try {
    return JSON.parse(child.stdout.trim().split('\n').pop()!) as HeapProbeOutput;
  } catch {
    return { error: `heap probe printed no result: ${child.stdout.slice(0, 200)}` };
  }
}
