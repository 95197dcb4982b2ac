import { bodyIncomplete, createByteCollector, type BodyReadOptions } from './body-limit.js';
import type { ReceivedBody } from './received-body.js';

/**
 * Reads a Fetch body stream, counting the bytes received; on the limit or a timeout it cancels the stream so the
 * runtime stops receiving. Uses a reader rather than async iteration, which not every runtime offers on streams.
 * @param stream `request.body` (`null` for an empty body).
 * @param options The byte limit, the in-flight reservation and the timeout signal.
 * @returns The body bytes as sent (`wire`: any `Content-Encoding` is still to be undone).
 */
export async function readWebBody(
  stream: ReadableStream<Uint8Array> | null,
  options: BodyReadOptions,
): Promise<ReceivedBody> {
  const { signal } = options;
  const collector = createByteCollector(options);
  if (stream === null) return { kind: 'wire', bytes: collector.bytes() };
  if (signal.aborted) throw signal.reason;
  const reader = stream.getReader();
  // Cancelling settles the pending read, so a stalled client cannot hold the handler past the timeout.
  const onAbort = (): void => void reader.cancel(signal.reason).catch(() => {});
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    for (;;) {
      let step: Awaited<ReturnType<typeof reader.read>>;
      try {
        step = await reader.read();
      } catch (error) {
        throw signal.aborted ? signal.reason : bodyIncomplete(error);
      }
      if (signal.aborted) throw signal.reason;
      if (step.done) return { kind: 'wire', bytes: collector.bytes() };
      try {
        collector.add(step.value);
      } catch (error) {
        void reader.cancel().catch(() => {});
        throw error;
      }
    }
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}
