import type { EventSpec, Provider, ProviderBody } from '../providers/provider.js';

export type { ProviderBody };
import type { SigningOptions } from './deliver.js';
import { BUILT_IN_PROVIDERS, findProvider, listProviderNames } from '../providers/registry.js';

/**
 * The provider of a name, or the provider itself, with a test kit.
 * @throws {TypeError} When no built-in provider has that name, or the provider has no test kit.
 */
export function providerWithTestKit(provider: string | Provider): Provider & { testKit: NonNullable<Provider['testKit']> } {
  const found = typeof provider === 'string' ? findProvider(provider, BUILT_IN_PROVIDERS) : provider;
  if (found === undefined) {
    throw new TypeError(`unknown provider: ${String(provider)} (built in: ${listProviderNames()})`);
  }
  if (found.testKit === undefined) throw new TypeError(`provider ${found.name} has no test kit`);
  return found as Provider & { testKit: NonNullable<Provider['testKit']> };
}

/**
 * The exact body a provider would POST for events written in this library's vocabulary, so that
 * `parseWebhook(body)` gives those events back. Big ids are written as exact integer literals.
 * @param provider A built-in provider's name (`'lingdong'`, `'sendpulse'`, ...) or a provider with a `testKit`.
 * @param events The events: `type` and any fields of that type; left-out fields get plausible values or stay
 *   absent. Providers that post one event a request take exactly one.
 * @returns The body, its content type and the headers the provider always sends.
 * @throws {TypeError} When the provider cannot send an event of that type, or cannot carry one of its fields.
 * @example
 * const { body, contentType } = buildBody('lingdong', [
 *   { type: 'bounced', recipient: 'ann@example.com', bounce: 'hard', id: '22201606019253710' },
 * ]);
 */
export function buildBody(provider: string | Provider, events: readonly EventSpec[]): ProviderBody {
  return providerWithTestKit(provider).testKit.buildBody(events);
}

/**
 * The headers a signing provider adds to sign a body.
 * @param provider A built-in provider's name or a provider with a `testKit`.
 * @param body The exact body.
 * @param key The signing key as the provider's dashboard shows it.
 * @param options `timestamp` (default now) and, where the scheme has one, the message `id`.
 * @returns Header names in lower case, and their values.
 * @throws {TypeError} When the provider does not sign its requests.
 */
export async function signHeaders(
  provider: string | Provider,
  body: string,
  key: string,
  options?: SigningOptions,
): Promise<Record<string, string>> {
  const { name, testKit } = providerWithTestKit(provider);
  if (testKit.signHeaders === undefined) throw new TypeError(`provider ${name} does not sign its requests`);
  return testKit.signHeaders(body, key, options);
}

/**
 * The body with a provider's signature written into it, for providers that sign inside the body (Mailgun).
 * @param provider A built-in provider's name or a provider with a `testKit`.
 * @param body The exact body, as {@link buildBody} wrote it.
 * @param key The signing key as the provider's dashboard shows it.
 * @param options `timestamp` (default now).
 * @returns The signed body.
 * @throws {TypeError} When the provider does not sign inside its bodies.
 */
export async function signBody(
  provider: string | Provider,
  body: string,
  key: string,
  options?: Pick<SigningOptions, 'timestamp'>,
): Promise<string> {
  const { name, testKit } = providerWithTestKit(provider);
  if (testKit.signBody === undefined) throw new TypeError(`provider ${name} does not sign inside its bodies`);
  return testKit.signBody(body, key, options);
}
