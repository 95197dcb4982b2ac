import { lingdong } from './lingdong/index.js';
import { mailgun } from './mailgun/index.js';
import { postmark } from './postmark/index.js';
import type { Provider } from './provider.js';
import { resend } from './resend/index.js';
import { sendpulse } from './sendpulse/index.js';
import { sendgrid } from './sendgrid/index.js';

/**
 * Every built-in provider. A new provider is one folder under `providers/` and one line here: names, types,
 * option checks, error texts, the CLI and the docs all read this list. Detection does not depend on the order;
 * only an empty batch (`[]`), which several providers may claim, is attributed to the first claimant.
 */
export const BUILT_IN_PROVIDERS = [lingdong, sendpulse, sendgrid, mailgun, postmark, resend] as const satisfies readonly Provider[];

/** The name of a built-in provider: `'lingdong' | 'sendpulse' | ...`. */
export type BuiltInProviderName = (typeof BUILT_IN_PROVIDERS)[number]['name'];

/** The names of the built-in providers, in registry order. */
export const PROVIDER_NAMES: readonly BuiltInProviderName[] = BUILT_IN_PROVIDERS.map((provider) => provider.name);

/**
 * The provider of a name among `providers`, or `undefined`.
 * @param name A provider name.
 * @param providers Where to look; the built-ins by default.
 */
export function findProvider(name: string, providers: readonly Provider[] = BUILT_IN_PROVIDERS): Provider | undefined {
  for (const provider of providers) if (provider.name === name) return provider;
  return undefined;
}

/**
 * Names a list of providers for a person: `lingdong, sendpulse`.
 * @param providers The providers; the built-ins by default.
 */
export function listProviderNames(providers: readonly Provider[] = BUILT_IN_PROVIDERS): string {
  return providers.map((provider) => provider.name).join(', ');
}
