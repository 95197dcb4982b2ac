import type { ServerResponse } from 'node:http';

/**
 * A signal that aborts when a Node response's connection closes before the answer was fully written: the
 * provider's client gave up (its own timeout) or the connection failed.
 * @param response The response of the request being handled (Express's `res` too).
 */
export function clientGoneSignal(response: ServerResponse): AbortSignal {
  const controller = new AbortController();
  response.once('close', () => {
    if (!response.writableFinished) controller.abort();
  });
  return controller.signal;
}
