/**
 * The fuzz properties at a few hundred cases each, so `npm test` stays fast. `npm run fuzz` runs them long.
 * Set FUZZ_SEED to replay a failure printed here (fast-check prints the seed and path of a counterexample).
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { PROPERTIES } from './properties.js';

const seed = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
const path = process.env.FUZZ_PATH;

describe('fuzz properties (fast run)', () => {
  for (const entry of PROPERTIES) {
    it(entry.name, () => {
      fc.assert(entry.property(), {
        numRuns: entry.fastRuns,
        ...(seed === undefined ? {} : { seed }),
        ...(path === undefined ? {} : { path }),
      });
    });
  }
});
