import { claimBatch, releaseClaims, type BatchClaims } from '../../dedupe/claim-batch.js';
import { WebhookError } from '../../errors.js';
import type { EmailEvent } from '../../events.js';
import type { WebhookResult } from '../../result.js';
import type { AbortLike } from './abort.js';
import { acceptedAnswer, refusalAnswer, type WebhookAnswer } from './answer.js';
import type { HandlerContext, HandlerSettings } from './handler-options.js';

/** One accepted request, as the handler phase needs it. */
export interface HandlerInput<Context> {
  /** The decoded batch. */
  result: WebhookResult;
  /** The adapter's context. */
  context: Context;
  /** Aborted when the client went away before the answer; absent where the runtime cannot tell. */
  clientGone?: AbortLike | undefined;
  /**
   * Tells `onError`; never throws.
   * @param error What went wrong.
   */
  report(error: unknown): void;
}

type Outcome = { ok: true } | { ok: false; error: unknown };

/**
 * The handlers' `context.signal`, made the first time a handler reads it: most never do, and Node's
 * `AbortController` costs more than the rest of the answer's bookkeeping. Read after it fired, it is made
 * already aborted, with the same reason.
 */
class LazySignal {
  private controller: AbortController | undefined;
  private fired = false;
  private reason: unknown;

  get signal(): AbortSignal {
    if (this.controller === undefined) {
      this.controller = new AbortController();
      if (this.fired) this.controller.abort(this.reason);
    }
    return this.controller.signal;
  }

  abort(reason: unknown): void {
    if (this.fired) return;
    this.fired = true;
    this.reason = reason;
    this.controller?.abort(reason);
  }
}

/**
 * Runs the handlers for an accepted batch and decides the answer: claims the events (with `dedupe`), calls
 * `onEvents` and the `on` handlers under the deadline, records what was handled, and answers `200` only when
 * every event of the request has been handled, now or before.
 * @param settings The resolved handler options.
 * @param input The batch, the context, the client-gone signal and the error reporter.
 * @returns The answer; never rejects.
 */
export async function handleEvents<Context>(
  settings: HandlerSettings<Context>,
  input: HandlerInput<Context>,
): Promise<WebhookAnswer> {
  const { result, report } = input;
  // Unique per request, so a claim can only be completed as this request's or released by it; only claims use it.
  let owner = '';
  let claims: BatchClaims;
  if (settings.dedupe === undefined) {
    claims = { fresh: result.events, keys: [], duplicates: 0, busy: 0 };
  } else {
    owner = crypto.randomUUID();
    try {
      claims = await claimBatch(settings.dedupe.store, result.events, owner, settings.dedupe.leaseMs);
    } catch (error) {
      report(error);
      return refusalAnswer(new WebhookError('handler_failed', 'the dedupe store failed', { cause: error }));
    }
  }

  const controller = new LazySignal();
  const onClientGone = (): void => controller.abort(new WebhookError('request_aborted', 'the client went away'));
  if (input.clientGone?.aborted) onClientGone();
  else input.clientGone?.addEventListener('abort', onClientGone, { once: true });
  const context = {
    ...input.context,
    get signal() {
      return controller.signal;
    },
  } as HandlerContext<Context>;

  const outcome: Promise<Outcome> = runHandlers(settings, result, claims, context, owner).then(
    () => ({ ok: true }),
    (error: unknown) => ({ ok: false, error }),
  );
  const first = await withinDeadline(outcome, settings.handlerTimeoutMs);
  input.clientGone?.removeEventListener('abort', onClientGone);
  const retryAfterSeconds = retryAfter(settings);

  if (first === 'late') {
    const late = new WebhookError('handler_timeout', `handlers did not finish within ${settings.handlerTimeoutMs} ms`, {
      retryAfterSeconds,
    });
    controller.abort(late);
    report(late);
    // The work goes on; a failure it ends with is still worth a log line.
    void outcome.then((settled) => {
      if (!settled.ok) report(settled.error);
    });
    return refusalAnswer(late);
  }
  if (!first.ok) {
    // The user's error goes to onError as thrown; the provider only learns that it should retry.
    report(first.error);
    return refusalAnswer(new WebhookError('handler_failed', 'an event handler failed', { cause: first.error }));
  }
  if (claims.busy > 0) {
    const busy = new WebhookError(
      'duplicate_in_progress',
      `${claims.busy} event(s) of this batch are being handled by another request; retry later`,
      { retryAfterSeconds },
    );
    report(busy);
    return refusalAnswer(busy);
  }
  return acceptedAnswer(result, claims.duplicates);
}

/**
 * Calls `onEvents` with the fresh events, then each fresh event's `on` handler, completing each event's claim as
 * soon as it is handled and releasing the claims of what was not handled when something throws.
 */
async function runHandlers<Context>(
  settings: HandlerSettings<Context>,
  result: WebhookResult,
  claims: BatchClaims,
  context: HandlerContext<Context>,
  owner: string,
): Promise<void> {
  const { dedupe } = settings;
  const { fresh, keys } = claims;
  const release = (from: number): Promise<void> =>
    dedupe === undefined ? Promise.resolve() : releaseClaims(dedupe.store, keys.slice(from), owner);

  if (settings.onEvents !== undefined && (fresh.length > 0 || result.events.length === 0)) {
    try {
      await settings.onEvents(fresh === result.events ? result : { ...result, events: fresh }, context);
    } catch (error) {
      await release(0);
      throw error;
    }
  }
  // Completions run beside the next handlers; each is awaited before the request is answered.
  const completions: Promise<void>[] = [];
  const complete = (index: number): void => {
    if (dedupe === undefined) return;
    const completion = dedupe.store.complete(keys[index]!, owner, dedupe.ttlMs);
    // Awaited below; this keeps a store failure behind a handler that never settles from crashing the process.
    completion.catch(() => {});
    completions.push(completion);
  };
  for (let index = 0; index < fresh.length; index++) {
    const event = fresh[index]!;
    const handler = settings.on?.[event.type] as HandlerFor<Context> | undefined;
    if (handler !== undefined) {
      try {
        await handler(event, context);
      } catch (error) {
        await Promise.allSettled(completions);
        await release(index);
        throw error;
      }
    }
    complete(index);
  }
  await Promise.all(completions);
}

/** An `on` handler seen from the loop, which only knows it picked the handler of the event's own type. */
type HandlerFor<Context> = (event: EmailEvent, context: HandlerContext<Context>) => void | Promise<void>;

async function withinDeadline(outcome: Promise<Outcome>, timeoutMs: number): Promise<Outcome | 'late'> {
  if (!Number.isFinite(timeoutMs)) return outcome;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), timeoutMs);
  });
  try {
    return await Promise.race([outcome, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** Seconds after which a retry may find the other holder's (or this late handler's) claim settled. */
function retryAfter<Context>(settings: HandlerSettings<Context>): number {
  const waitMs = Math.min(settings.handlerTimeoutMs, settings.dedupe?.leaseMs ?? Infinity);
  return Number.isFinite(waitMs) ? Math.max(1, Math.ceil(waitMs / 1000)) : 1;
}
