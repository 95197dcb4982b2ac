/**
 * Calls a user's logging hook so that nothing it does can change an answer or crash the server: what it throws is
 * dropped, and so is a promise it returns that rejects (an unhandled rejection ends a Node 20 process).
 * @param hook The user's function, if any.
 * @param args Its arguments.
 */
export function callQuietly<Args extends unknown[]>(
  hook: ((...args: Args) => unknown) | undefined,
  ...args: Args
): void {
  if (hook === undefined) return;
  try {
    const returned = hook(...args);
    if (typeof (returned as PromiseLike<unknown> | undefined)?.then === 'function') {
      Promise.resolve(returned).catch(() => {});
    }
  } catch {
    // Dropped: see above.
  }
}
