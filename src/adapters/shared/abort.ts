/**
 * What the pipeline reads of an abort signal: the body timeout, the client going away. A real `AbortSignal` is
 * one (the Fetch adapter passes `request.signal`); {@link Abort} is a lighter one for the signals the pipeline
 * makes itself.
 */
export interface AbortLike {
  /** Whether it has fired. */
  readonly aborted: boolean;
  /** What it fired with; `undefined` before. */
  readonly reason: unknown;
  /**
   * Calls `listener` once when it fires; never when it already has.
   * @param type Always `'abort'`.
   * @param listener Called with no useful argument.
   * @param options Ignored by {@link Abort}, which calls each listener at most once anyway.
   */
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  /**
   * Forgets a listener.
   * @param type Always `'abort'`.
   * @param listener A listener added before.
   */
  removeEventListener(type: 'abort', listener: () => void): void;
}

/**
 * A one-shot abort flag with listeners. Node's `AbortController` builds an `EventTarget` per signal, which cost
 * more than the rest of a request's bookkeeping together; a request needs two such signals (the body timeout and
 * the client going away), neither seen by user code, so they are these instead.
 */
export class Abort implements AbortLike {
  aborted = false;
  reason: unknown = undefined;
  private listeners: (() => void)[] | undefined;

  addEventListener(_type: 'abort', listener: () => void, _options?: { once?: boolean }): void {
    if (!this.aborted) (this.listeners ??= []).push(listener);
  }

  removeEventListener(_type: 'abort', listener: () => void): void {
    const listeners = this.listeners;
    const index = listeners === undefined ? -1 : listeners.indexOf(listener);
    if (index !== -1) listeners!.splice(index, 1);
  }

  /**
   * Fires once: sets `aborted` and `reason`, then calls every listener. Later calls do nothing.
   * @param reason What `reason` reads afterwards.
   */
  abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    const listeners = this.listeners;
    this.listeners = undefined;
    if (listeners !== undefined) for (const listener of listeners) listener();
  }
}
