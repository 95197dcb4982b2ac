import { performance } from 'node:perf_hooks';

/** How long to measure. Rounds are counted, not time: each round runs every contender once. */
export interface MeasureBudget {
  /** Rounds run first and thrown away, so every contender is compiled and optimized before it counts. */
  warmupRounds: number;
  /** At least this many measured rounds, whatever the time. */
  minRounds: number;
  /** At most this many. */
  maxRounds: number;
  /** Stop adding rounds (past `minRounds`) once this much wall time has gone into measured rounds. */
  budgetMs: number;
}

/** The distribution of one contender's times, in milliseconds. */
export interface TimingStats {
  medianMs: number;
  p90Ms: number;
  minMs: number;
  rounds: number;
}

/** What {@link measureInterleaved} returns: each contender's stats, and the raw samples for paired ratios. */
export interface InterleavedResult<K extends string> {
  stats: Record<K, TimingStats>;
  samples: Record<K, number[]>;
}

// Results land here so no engine can prove a contender's work unused.
let sink: unknown;

/** The last value a measured call returned; exists only to keep the calls observable. */
export function lastSink(): unknown {
  return sink;
}

/**
 * The value at quantile `q` of sorted samples (nearest rank).
 * @param sorted Ascending samples.
 * @param q 0.5 for the median, 0.9 for p90.
 */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank]!;
}

/**
 * Times contenders on the same input, interleaved: every round runs each contender once, and the order rotates
 * from round to round. On a shared, noisy machine a burst of load or a GC then hits every contender alike
 * instead of spoiling one contender's whole series, and medians over many rounds shrug off the outliers.
 * @param contenders The functions to compare, each given `input`.
 * @param input What they all decode.
 * @param budget Warm-up and round limits.
 * @returns Median, p90 and minimum per contender, and the samples in round order.
 */
export function measureInterleaved<K extends string, I>(
  contenders: readonly { key: K; run(input: I): unknown }[],
  input: I,
  budget: MeasureBudget,
): InterleavedResult<K> {
  const n = contenders.length;
  for (let round = 0; round < budget.warmupRounds; round++) {
    for (let i = 0; i < n; i++) sink = contenders[(round + i) % n]!.run(input);
  }
  const samples = {} as Record<K, number[]>;
  for (const contender of contenders) samples[contender.key] = [];
  const started = performance.now();
  for (let round = 0; round < budget.maxRounds; round++) {
    if (round >= budget.minRounds && performance.now() - started > budget.budgetMs) break;
    for (let i = 0; i < n; i++) {
      const contender = contenders[(round + i) % n]!;
      const t0 = performance.now();
      sink = contender.run(input);
      samples[contender.key].push(performance.now() - t0);
    }
  }
  const stats = {} as Record<K, TimingStats>;
  for (const contender of contenders) {
    const sorted = [...samples[contender.key]].sort((a, b) => a - b);
    stats[contender.key] = {
      medianMs: quantile(sorted, 0.5),
      p90Ms: quantile(sorted, 0.9),
      minMs: sorted[0] ?? Number.NaN,
      rounds: sorted.length,
    };
  }
  return { stats, samples };
}

/**
 * The median of per-round ratios `a[i] / b[i]`: since both ran in the same round, a load burst that slows both
 * cancels out, which makes this steadier than the ratio of two medians on a noisy machine.
 * @param a Samples of the numerator contender, in round order.
 * @param b Samples of the denominator contender, same rounds.
 */
export function pairedRatioMedian(a: readonly number[], b: readonly number[]): number {
  const ratios: number[] = [];
  for (let i = 0; i < Math.min(a.length, b.length); i++) ratios.push(a[i]! / b[i]!);
  ratios.sort((x, y) => x - y);
  return quantile(ratios, 0.5);
}
