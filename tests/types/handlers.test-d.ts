import { describe, expectTypeOf, test } from 'vitest';
import { expressWebhook, type ExpressWebhookContext } from '../../src/adapters/express.js';
import { fetchWebhook } from '../../src/adapters/fetch.js';
import { nodeWebhook } from '../../src/adapters/node.js';
import type { BouncedEvent, ComplainedEvent, DeliveredEvent, WebhookResult } from '../../src/index.js';

describe('typed per-event handlers', () => {
  test('on.bounced gets a BouncedEvent, narrowed with no cast, and the adapter context plus signal', () => {
    expressWebhook({
      secret: 's',
      on: {
        bounced(event, context) {
          expectTypeOf(event).toEqualTypeOf<BouncedEvent>();
          expectTypeOf(event.bounce).toEqualTypeOf<'hard' | 'soft' | 'undetermined'>();
          expectTypeOf(context.req).toEqualTypeOf<ExpressWebhookContext['req']>();
          expectTypeOf(context.signal).toEqualTypeOf<AbortSignal>();
        },
        complained: async (event) => {
          expectTypeOf(event).toEqualTypeOf<ComplainedEvent>();
        },
      },
    });
  });

  test('every adapter takes on, onEvents, dedupe and handlerTimeoutMs', () => {
    nodeWebhook({
      secret: 's',
      on: {
        delivered(event) {
          expectTypeOf(event).toEqualTypeOf<DeliveredEvent>();
        },
      },
      handlerTimeoutMs: 5_000,
    });
    fetchWebhook({
      secret: 's',
      onEvents(result, context) {
        expectTypeOf(result).toEqualTypeOf<WebhookResult>();
        expectTypeOf(context.request).toEqualTypeOf<Request>();
        expectTypeOf(context.signal).toEqualTypeOf<AbortSignal>();
      },
    });
  });

  test('a handler for the wrong event type does not compile', () => {
    expressWebhook({
      secret: 's',
      on: {
        // @ts-expect-error a bounce handler cannot take a delivered event
        bounced(event: DeliveredEvent) {
          void event;
        },
      },
    });
    expressWebhook({
      secret: 's',
      on: {
        // @ts-expect-error `bounce` is no event type (it is `bounced`)
        bounce() {},
      },
    });
  });
});
