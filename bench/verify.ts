import * as v from 'valibot';
import { parseWebhook } from '../src/index.js';
import type { Batch } from './batches.js';
import type { Contender } from './contenders.js';

/** Thrown when a batch does not decode as it must: timing a wrong result would prove nothing. */
export class BenchCheckError extends Error {
  override name = 'BenchCheckError';
}

function fail(batch: Batch, message: string): never {
  throw new BenchCheckError(`${batch.kind} x${batch.items}: ${message}`);
}

/**
 * Checks, before anything is timed, that `parseWebhook` decodes the batch correctly: every item is accounted for
 * (`events.length + issues.length` equals the item count; the generators only write good items, so no issue
 * either), and for Lingdong every id, the planted big ones included, keeps its exact digits. Also checks that
 * the other contenders accept the batch, so none is timed on its error path.
 * @param batch The generated batch.
 * @param contenders The contenders that will be timed on it.
 * @throws {BenchCheckError} with a message naming the batch and what is wrong.
 */
export function verifyBatch(batch: Batch, contenders: readonly Contender[]): void {
  const result = parseWebhook(batch.body);
  if (result.provider !== batch.provider) fail(batch, `detected as ${result.provider}, expected ${batch.provider}`);
  const accounted = result.events.length + result.issues.length;
  if (accounted !== batch.items) {
    fail(batch, `events (${result.events.length}) + issues (${result.issues.length}) = ${accounted}, not the ${batch.items} items sent`);
  }
  if (result.issues.length > 0) {
    const first = result.issues[0]!;
    fail(batch, `${result.issues.length} good items became issues, first at ${JSON.stringify(first.path)}: ${first.message}`);
  }
  if (batch.ids !== undefined) {
    for (const planted of batch.plantedIds ?? []) {
      const id = result.events[planted.index]?.id;
      if (id !== planted.id) fail(batch, `big id ${planted.id} (item ${planted.index}) decoded as ${String(id)}: digits lost`);
      // The check only means something if a plain JSON.parse would have changed the digits.
      if (String(Number(planted.id)) === planted.id) fail(batch, `planted id ${planted.id} survives JSON.parse: not a test`);
    }
    for (let i = 0; i < batch.ids.length; i++) {
      if (result.events[i]!.id !== batch.ids[i]) {
        fail(batch, `item ${i}: id ${batch.ids[i]} decoded as ${result.events[i]!.id}: ids are not lossless`);
      }
    }
  }
  for (const contender of contenders) {
    try {
      contender.run(batch.body);
    } catch (error) {
      const detail = v.isValiError(error) ? JSON.stringify(error.issues[0]?.path?.map((p) => p.key)) : '';
      fail(batch, `contender "${contender.label}" fails on the batch: ${(error as Error).message} ${detail}`);
    }
  }
}
