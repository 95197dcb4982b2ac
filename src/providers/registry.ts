import type { ProviderName } from '../events.js';
import { lingdong } from './lingdong/decode.js';
import type { ProviderDecoder } from './provider.js';
import { sendpulse } from './sendpulse/decode.js';

/** Every provider, in detection order. A new provider is one line here. */
export const PROVIDERS: readonly ProviderDecoder[] = [lingdong, sendpulse];

/** The decoder of a provider by name, or `undefined` for a name this library does not know. */
export function providerByName(name: ProviderName): ProviderDecoder | undefined {
  return PROVIDERS.find((provider) => provider.name === name);
}
