import { setTimeout as sleep } from 'node:timers/promises';
import type { EventHandlers } from '../../../src/adapters/shared/handler-options.js';
import type { EmailEvent } from '../../../src/index.js';

/** How often a simulated handler misbehaves, per event. */
export interface FaultPlan {
  /** Throws before its effect: on a batch's first event the whole request fails, later ones fail it part-way. */
  failRate: number;
  /** Sleeps long enough for the client or the handler deadline to give up first. */
  slowRate: number;
  /** How long a slow handler sleeps, from and to, in milliseconds. */
  slowMs: readonly [number, number];
}

/** The fault plan of the simulation: about a third of 10-event requests fail or run late at least once. */
export const SIMULATION_FAULTS: FaultPlan = { failRate: 0.03, slowRate: 0.015, slowMs: [150, 450] };

/**
 * A seeded pseudo-random source (mulberry32), so a run's faults can be replayed from its seed.
 * @param seed Any 32-bit integer.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * `on` handlers for every event type that record each event's effect, failing and stalling at random first.
 * The effect is the last step, so a handler that fails has had no effect (the README's advice for real handlers).
 * @param record Records one event's effect, by id.
 * @param random The random source.
 * @param plan The fault rates.
 */
export function faultyHandlers(
  record: (id: string) => void | Promise<void>,
  random: () => number,
  plan: FaultPlan = SIMULATION_FAULTS,
): EventHandlers<unknown> {
  const handle = async (event: EmailEvent): Promise<void> => {
    const roll = random();
    if (roll < plan.failRate) throw new Error(`simulated failure before the effect of ${event.id}`);
    if (roll < plan.failRate + plan.slowRate) {
      await sleep(plan.slowMs[0] + random() * (plan.slowMs[1] - plan.slowMs[0]));
    }
    await record(event.id);
  };
  return {
    queued: handle,
    deferred: handle,
    rejected: handle,
    delivered: handle,
    bounced: handle,
    opened: handle,
    clicked: handle,
    unsubscribed: handle,
    complained: handle,
    subscribed: handle,
    unknown: handle,
  };
}
