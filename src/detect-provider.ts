import type { ProviderName } from './events.js';
import { PROVIDERS } from './providers/registry.js';

/**
 * Tells which provider sent a parsed webhook body, by its shape: a Lingdong body is an object of event groups
 * (`delivered`, `clicks`, ...); a SendPulse body is an array of objects with an `event` (or one such object).
 * @param value The parsed body.
 * @returns The provider's name, or `undefined` when the body has no known shape.
 */
export function detectProvider(value: unknown): ProviderName | undefined {
  for (const provider of PROVIDERS) {
    if (provider.detect(value)) return provider.name;
  }
  return undefined;
}
