import { expect } from 'vitest';
import type { EmailEvent } from '../../src/events.js';

/**
 * An event without `raw` (which must be there, the item as sent), so expectations read as the normalized shape.
 * @param event An event, or `undefined` (which fails the test).
 */
export function withoutRaw(event: EmailEvent | undefined): Record<string, unknown> {
  expect(event).toBeDefined();
  const { raw, ...rest } = event!;
  expect(raw).toBeTypeOf('object');
  return rest;
}
