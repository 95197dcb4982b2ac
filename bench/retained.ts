import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BatchKind } from './batches.js';

/** What bench/retained-ids.ts reports for one batch kind. */
export interface RetainedIdsOutput {
  kind: BatchKind;
  /** UTF-8 size of one body. */
  bodyBytes: number;
  idsPerBody: number;
  /** Heap still held per further batch once only its ids are kept. */
  retainedPerBody: number;
  bytesPerId: number;
}

const PROBE = fileURLToPath(new URL('./retained-ids.ts', import.meta.url));

/**
 * Runs the retained-ids probe for one kind in a fresh child process with `--expose-gc`.
 * @param kind Which batch.
 * @returns The figures, or an error message when the probe could not run.
 */
export function probeRetainedIds(kind: BatchKind): RetainedIdsOutput | { kind: BatchKind; error: string } {
  const child = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', PROBE, kind], { encoding: 'utf8', timeout: 120_000 });
  if (child.status !== 0) return { kind, error: `exited with ${child.status ?? child.signal}` };
  try {
    return JSON.parse(child.stdout.trim().split('\n').pop()!) as RetainedIdsOutput;
  } catch {
    return { kind, error: 'printed no result' };
  }
}
