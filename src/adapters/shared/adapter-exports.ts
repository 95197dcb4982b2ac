// What every adapter entry point (`email-webhooks/express`, `/node`, `/fetch`, `/fastify`) exports besides its
// factory: the option types and defaults and the answer bodies, the same for all of them.
export {
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_MAX_IN_FLIGHT_BYTES,
  DEFAULT_REQUEST_TIMEOUT_MS,
  type WebhookHandlerOptions,
} from './options.js';
export type { AcceptedBody, RefusalBody } from './answer.js';
export {
  DEFAULT_DEDUPE_LEASE_MS,
  DEFAULT_DEDUPE_TTL_MS,
  DEFAULT_HANDLER_TIMEOUT_MS,
  type DedupeOptions,
  type EventHandlers,
  type HandlerContext,
} from './handler-options.js';
