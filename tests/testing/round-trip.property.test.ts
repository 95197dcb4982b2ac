import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseWebhook } from '../../src/index.js';
import type { EmailEventType } from '../../src/events.js';
import type { EventSpec, Provider } from '../../src/providers/provider.js';
import { BUILT_IN_PROVIDERS } from '../../src/providers/registry.js';
import { buildBody } from '../../src/testing/index.js';

// The event vocabulary, not a list of what any provider supports: each kit is asked below.
const EVENT_TYPES: readonly EmailEventType[] = [
  'queued', 'deferred', 'rejected', 'delivered', 'bounced', 'opened', 'clicked', 'unsubscribed', 'complained',
  'subscribed', 'unknown',
];

const word = fc.stringMatching(/^[a-z][a-z0-9]{0,11}$/);
const recipient = fc.tuple(word, word, fc.constantFrom('com', 'net', 'org')).map(([local, host, tld]) => `${local}@${host}.${tld}`);
// Whole seconds, 2000 to 2099: every provider's wire format can carry these.
const instant = fc.integer({ min: 946_684_800, max: 4_102_444_799 }).map((seconds) => new Date(seconds * 1000));

// Optional fields the property tries; a field is generated for a provider only when its kit accepts it.
const OPTIONAL_FIELDS: Record<string, fc.Arbitrary<unknown>> = {
  occurredAt: instant,
  subject: fc.stringMatching(/^[A-Za-z][A-Za-z ]{0,20}[a-z]$/),
  url: word.map((path) => `https://example.com/${path}`),
  bounce: fc.constantFrom('hard', 'soft', 'undetermined'),
};
// Fields that belong to one event type only.
const OWNER_TYPE: Record<string, EmailEventType> = { url: 'clicked', bounce: 'bounced' };
const SAMPLES: Record<string, unknown> = {
  occurredAt: new Date('2024-05-30T09:00:00Z'),
  subject: 'Hello',
  url: 'https://example.com/a',
  bounce: 'hard',
};

function accepts(provider: Provider, specs: EventSpec[]): boolean {
  try {
    provider.testKit!.buildBody(specs);
    return true;
  } catch (error) {
    if (error instanceof TypeError) return false;
    throw error;
  }
}

function baseSpec(type: EmailEventType): EventSpec {
  return (type === 'unknown'
    ? { type, recipient: 'probe@example.com', providerEvent: 'x_probe' }
    : { type, recipient: 'probe@example.com' }) as EventSpec;
}

function specArbitrary(provider: Provider, type: EmailEventType): fc.Arbitrary<EventSpec> {
  const fields: Record<string, fc.Arbitrary<unknown>> = { recipient };
  if (type === 'unknown') fields.providerEvent = word.map((name) => `x_${name}`);
  for (const [field, arbitrary] of Object.entries(OPTIONAL_FIELDS)) {
    if (OWNER_TYPE[field] !== undefined && OWNER_TYPE[field] !== type) continue;
    // Sometimes left out, so absent fields are covered too.
    if (accepts(provider, [{ ...baseSpec(type), [field]: SAMPLES[field] } as EventSpec])) {
      fields[field] = fc.option(arbitrary, { nil: undefined });
    }
  }
  return fc.record(fields).map((spec) => ({ type, ...spec }) as EventSpec);
}

/** Whether an event carries every field its spec sets (fields the spec leaves out may get any value). */
function matches(event: object, spec: EventSpec): boolean {
  for (const [key, value] of Object.entries(spec)) {
    if (value === undefined) continue;
    if (JSON.stringify((event as Record<string, unknown>)[key]) !== JSON.stringify(value)) return false;
  }
  return true;
}

/** Pairs events with specs one to one (a batch may come back grouped in another order). */
function pairsUp(events: readonly object[], specs: readonly EventSpec[]): boolean {
  if (events.length !== specs.length) return false;
  if (events.length === 0) return true;
  const [first, ...rest] = events;
  return specs.some((spec, index) => matches(first!, spec) && pairsUp(rest, specs.filter((_, i) => i !== index)));
}

for (const provider of BUILT_IN_PROVIDERS as readonly Provider[]) {
  describe(`buildBody(${provider.name}) round trip`, () => {
    it('has a test kit', () => expect(provider.testKit).toBeDefined());
    if (provider.testKit === undefined) return;
    const writable = EVENT_TYPES.filter((type) => accepts(provider, [baseSpec(type)]));
    const batches = writable.length > 0 && accepts(provider, [baseSpec(writable[0]!), baseSpec(writable[0]!)]);

    it('can write at least one event type', () => expect(writable.length).toBeGreaterThan(0));
    if (writable.length === 0) return;

    const spec = fc.oneof(...writable.map((type) => specArbitrary(provider, type)));
    it(`parseWebhook(buildBody(specs)) gives back specs for ${writable.join(', ')}`, () => {
      fc.assert(
        fc.property(fc.array(spec, { minLength: 1, maxLength: batches ? 6 : 1 }), (specs) => {
          const { body } = buildBody(provider.name, specs);
          const result = parseWebhook(body, { provider: provider.name });
          expect(result.issues).toEqual([]);
          expect(result.provider).toBe(provider.name);
          if (!pairsUp(result.events, specs)) expect(result.events).toEqual(specs);
        }),
        { numRuns: 150 },
      );
    });
  });
}
