import type { EmailEvent } from 'email-webhooks';

/**
 * Where the route hands its events: a stand-in for your database or queue. Keep the work here short (or queue
 * it): the provider waits for the answer, and retries when it does not come in time.
 */
export const receivedEvents: EmailEvent[] = [];

/** Stores a batch of events (here: in memory). */
export async function saveEvents(events: readonly EmailEvent[]): Promise<void> {
  receivedEvents.push(...events);
}
