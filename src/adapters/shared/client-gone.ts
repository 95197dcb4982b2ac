import type { ServerResponse } from 'node:http';
import { Abort, type AbortLike } from './abort.js';

/**
 * A signal that aborts when a Node response's connection closes before the answer was fully written: the
 * provider's client gave up (its own timeout) or the connection failed.
 * @param response The response of the request being handled (Express's `res` too).
 */
export function clientGoneSignal(response: ServerResponse): AbortLike {
  const gone = new Abort();
  response.once('close', () => {
    if (!response.writableFinished) gone.abort(undefined);
  });
  return gone;
}
