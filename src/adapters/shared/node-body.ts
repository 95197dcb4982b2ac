import type { IncomingMessage } from 'node:http';
import { bodyIncomplete, createByteCollector, type BodyReadOptions } from './body-limit.js';
import type { ReceivedBody } from './received-body.js';

const encoder = new TextEncoder();

// Node's join leaves out the zero-filling of a new Uint8Array, which the copy overwrites anyway.
const joinBuffers = (chunks: readonly Uint8Array[], total: number): Uint8Array => Buffer.concat(chunks, total);

/**
 * Reads a Node request body, counting the bytes received. On the limit, a timeout or an abort it stops listening
 * and pauses the stream rather than destroying it: destroying the request would reset the socket before the
 * `413`/`408` answer could reach the client. The answer then closes the connection.
 * @param request The incoming request, not yet read.
 * @param options The byte limit, the in-flight reservation and the timeout signal.
 * @returns The body bytes as sent (`wire`: any `Content-Encoding` is still to be undone).
 */
export function readNodeBody(request: IncomingMessage, options: BodyReadOptions): Promise<ReceivedBody> {
  const { signal } = options;
  return new Promise((resolve, reject) => {
    const collector = createByteCollector(options, 0, joinBuffers);
    let settled = false;

    const stop = (): void => {
      settled = true;
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onError);
      request.off('close', onClose);
      signal.removeEventListener('abort', onAbort);
    };
    const fail = (error: unknown): void => {
      if (settled) return;
      stop();
      request.pause();
      reject(error);
    };
    const onData = (chunk: Uint8Array | string): void => {
      try {
        collector.add(typeof chunk === 'string' ? encoder.encode(chunk) : chunk);
      } catch (error) {
        fail(error);
      }
    };
    const onEnd = (): void => {
      if (settled) return;
      stop();
      resolve({ kind: 'wire', bytes: collector.bytes() });
    };
    const onError = (error: unknown): void => fail(bodyIncomplete(error));
    // 'close' before 'end' means the client went away mid-body.
    const onClose = (): void => {
      if (!request.readableEnded) fail(bodyIncomplete());
    };
    const onAbort = (): void => fail(signal.reason);

    if (signal.aborted) {
      onAbort();
      return;
    }
    signal.addEventListener('abort', onAbort, { once: true });
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', onError);
    request.on('close', onClose);
    // A request that already ended or broke off emits nothing more.
    if (request.readableEnded) onEnd();
    else if (request.destroyed) onClose();
  });
}
