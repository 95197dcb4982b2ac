import { isDedupeStore, type DedupeStore } from '../../dedupe/store.js';
import { WebhookError } from '../../errors.js';
import type { EmailEventOf, EmailEventType } from '../../events.js';
import type { WebhookResult } from '../../result.js';

/**
 * The default `handlerTimeoutMs`: 10 seconds. Resend (through Svix) documents 15 s to answer, the only provider
 * we support that states a number; the others (SendGrid, Mailgun, Postmark, Lingdong, SendPulse) only ask for a
 * prompt `2xx`. Ten seconds leaves time for reading the body and the network inside the shortest documented
 * limit, and work that needs longer belongs in a queue (README, "Receiving exactly once").
 */
export const DEFAULT_HANDLER_TIMEOUT_MS = 10_000;

/**
 * The default `dedupe.ttlMs`: 7 days. The longest documented retry windows of the supported providers: SendGrid
 * retries Event Webhook posts for up to 24 hours after the event (72 hours for Inbound Parse), Resend (Svix)
 * for about 27.6 hours (5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h), Postmark for about 10.5 hours, Mailgun for
 * 8 hours. A week covers each with room for a provider's manual replay.
 */
export const DEFAULT_DEDUPE_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * The default `dedupe.leaseMs`: 30 seconds, or twice `handlerTimeoutMs` when that is longer. A claim outlives the
 * handler deadline, so a redelivery arriving while a late handler still runs waits (`503`) rather than handling
 * the event twice; a crashed process's claims free themselves within half a minute.
 */
export const DEFAULT_DEDUPE_LEASE_MS = 30_000;

/**
 * What handlers receive: the adapter's own context (its request objects) plus `signal`, aborted when
 * `handlerTimeoutMs` passes or the client goes away. Pass it to `fetch`, database drivers and the like so late
 * work stops.
 */
export type HandlerContext<Context> = Context & {
  /** Aborted at the handler deadline or when the client goes away. */
  signal: AbortSignal;
};

/**
 * Typed per-event handlers: `{ bounced(event, context) {}, complained(event, context) {} }`. Each receives only
 * events of its `type`, already narrowed (`event.bounce` is there without a cast). Events of a type with no
 * handler are acknowledged without being handled.
 * @typeParam Context The adapter's context.
 */
export type EventHandlers<Context> = {
  [Type in EmailEventType]?: (event: EmailEventOf<Type>, context: HandlerContext<Context>) => void | Promise<void>;
};

/** `dedupe` option: where handled events are remembered, and for how long. */
export interface DedupeOptions {
  /** The store: `memoryStore()` for one process, `redisStore(client)` or your own for several. */
  store: DedupeStore;
  /** How long a handled event is recognized when redelivered. Default {@link DEFAULT_DEDUPE_TTL_MS}. */
  ttlMs?: number | undefined;
  /**
   * How long a claim holds when its holder dies before completing or releasing it. Must be longer than
   * `handlerTimeoutMs`. Default {@link DEFAULT_DEDUPE_LEASE_MS} (or twice `handlerTimeoutMs` if longer).
   */
  leaseMs?: number | undefined;
}

/**
 * The handler options every adapter accepts: what runs for the events of an accepted request. At least one of
 * `on` and `onEvents` is required.
 * @typeParam Context The adapter's context.
 */
export interface HandlerPhaseOptions<Context> {
  /**
   * Handlers by event type, called one event at a time in body order and awaited. With `dedupe`, each event is
   * claimed on its own: when one handler throws, the events already handled stay handled and the redelivery
   * handles only the rest.
   */
  on?: EventHandlers<Context> | undefined;
  /**
   * Receives the decoded batch, once per accepted request. It is awaited: the provider gets its `200` only after
   * it resolves, and a `500` (so the provider retries) if it throws or rejects. Items that could not be decoded
   * are in `result.issues`; the good events of the same batch are still acknowledged. With `dedupe`, `events`
   * holds only the events not handled before (it is not called when every event was); with `on` too, it runs
   * before the `on` handlers, and an event counts as handled once both ran for it (a redelivery after an `on`
   * handler failed passes the unhandled events to `onEvents` again).
   * @param result The events and issues of the batch.
   * @param context The framework's request objects and `signal`.
   */
  onEvents?: ((result: WebhookResult, context: HandlerContext<Context>) => void | Promise<void>) | undefined;
  /**
   * Handle each event once across redeliveries and instances: claim it under `${provider}:${id}` before
   * handling, mark it done after. See the README, "Receiving exactly once".
   */
  dedupe?: DedupeOptions | undefined;
  /**
   * How long handlers may run, in milliseconds, before the request is answered `503` `handler_timeout` (so the
   * provider retries) and `context.signal` is aborted. Work that still finishes counts as handled for `dedupe`.
   * `0` or `Infinity` disables the deadline. Default {@link DEFAULT_HANDLER_TIMEOUT_MS}.
   */
  handlerTimeoutMs?: number | undefined;
}

/** The handler options, checked, with defaults applied. */
export interface HandlerSettings<Context> {
  on: EventHandlers<Context> | undefined;
  onEvents: HandlerPhaseOptions<Context>['onEvents'];
  dedupe: { store: DedupeStore; ttlMs: number; leaseMs: number } | undefined;
  /** `Infinity` when there is no deadline. */
  handlerTimeoutMs: number;
}

const EVENT_TYPES: ReadonlySet<string> = new Set<EmailEventType>([
  'queued',
  'deferred',
  'rejected',
  'delivered',
  'bounced',
  'opened',
  'clicked',
  'unsubscribed',
  'complained',
  'subscribed',
  'unknown',
]);

// Timers overflow past 2^31-1 ms and would fire at once, so longer deadlines count as none.
const MAX_TIMER_MS = 2 ** 31 - 1;

function positiveMs(value: unknown, name: string): number {
  if (typeof value !== 'number' || !(value > 0) || !Number.isFinite(value)) {
    throw new WebhookError('invalid_options', `${name} must be a positive number of milliseconds`);
  }
  return value;
}

/**
 * Checks the handler options once, when an adapter is created.
 * @param options What the user passed.
 * @returns The settings the pipeline runs handlers with.
 * @throws WebhookError `invalid_options` without `on` or `onEvents`, for an `on` key that is no event type, a
 *   store that lacks `claim`/`complete`/`release`, a bad duration, or a lease not longer than the deadline.
 */
export function resolveHandlerSettings<Context>(options: HandlerPhaseOptions<Context>): HandlerSettings<Context> {
  const { on, onEvents, dedupe } = options;
  if (on === undefined && onEvents === undefined) {
    throw new WebhookError('invalid_options', 'the webhook handler needs on (handlers by event type) or onEvents');
  }
  if (onEvents !== undefined && typeof onEvents !== 'function') {
    throw new WebhookError('invalid_options', 'onEvents must be a function');
  }
  if (on !== undefined) {
    if (typeof on !== 'object' || on === null) throw new WebhookError('invalid_options', 'on must be an object of handlers');
    for (const [type, handler] of Object.entries(on)) {
      // A typo such as `bounce` would otherwise acknowledge every bounce without handling it.
      if (!EVENT_TYPES.has(type)) {
        throw new WebhookError('invalid_options', `on.${type} is not an event type (${[...EVENT_TYPES].join(', ')})`);
      }
      if (handler !== undefined && typeof handler !== 'function') {
        throw new WebhookError('invalid_options', `on.${type} must be a function`);
      }
    }
  }
  const rawTimeout = options.handlerTimeoutMs ?? DEFAULT_HANDLER_TIMEOUT_MS;
  if (typeof rawTimeout !== 'number' || Number.isNaN(rawTimeout) || rawTimeout < 0) {
    throw new WebhookError('invalid_options', 'handlerTimeoutMs must be a number of milliseconds, 0 to disable');
  }
  const handlerTimeoutMs = rawTimeout === 0 || rawTimeout > MAX_TIMER_MS ? Infinity : rawTimeout;
  let resolvedDedupe: HandlerSettings<Context>['dedupe'];
  if (dedupe !== undefined) {
    if (typeof dedupe !== 'object' || dedupe === null || !isDedupeStore(dedupe.store)) {
      throw new WebhookError('invalid_options', 'dedupe.store must have claim, complete and release methods');
    }
    const ttlMs = dedupe.ttlMs === undefined ? DEFAULT_DEDUPE_TTL_MS : positiveMs(dedupe.ttlMs, 'dedupe.ttlMs');
    const defaultLease = Number.isFinite(handlerTimeoutMs)
      ? Math.max(DEFAULT_DEDUPE_LEASE_MS, 2 * handlerTimeoutMs)
      : DEFAULT_DEDUPE_LEASE_MS;
    const leaseMs = dedupe.leaseMs === undefined ? defaultLease : positiveMs(dedupe.leaseMs, 'dedupe.leaseMs');
    // Without a deadline nothing bounds a handler: the lease alone then decides when a redelivery may take over.
    if (Number.isFinite(handlerTimeoutMs) && leaseMs <= handlerTimeoutMs) {
      throw new WebhookError('invalid_options', 'dedupe.leaseMs must be longer than handlerTimeoutMs');
    }
    resolvedDedupe = { store: dedupe.store, ttlMs, leaseMs };
  }
  return { on, onEvents, dedupe: resolvedDedupe, handlerTimeoutMs };
}
