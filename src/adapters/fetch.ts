import { WebhookError } from '../errors.js';
import type { WebhookAnswer } from './shared/answer.js';
import type { WebhookHandlerOptions } from './shared/options.js';
import { createWebhookPipeline } from './shared/pipeline.js';
import { readWebBody } from './shared/web-body.js';

export * from './shared/adapter-exports.js';

/** What `onEvents` and `onError` receive from {@link fetchWebhook}. */
export interface FetchWebhookContext {
  /** The request being handled; its body has already been read. */
  request: Request;
}

/** Options of {@link fetchWebhook}. */
export type FetchWebhookOptions = WebhookHandlerOptions<FetchWebhookContext>;

/**
 * A Fetch API handler (Hono, Cloudflare Workers, Deno, Bun, Next.js route handlers) that receives a provider's
 * webhooks, decodes them and hands the events to `onEvents`, then answers as the provider expects. Imports
 * nothing from Node.
 * @param options `onEvents`, and optionally `secret`, `maxBodyBytes`, `requestTimeoutMs`, `onError` and the
 *   core's parse options.
 * @returns `(request) => Promise<Response>`; the promise never rejects.
 * @throws WebhookError `invalid_options` at once when the options cannot work.
 * @example
 * app.all('/webhooks/email', (c) => handler(c.req.raw)) // Hono
 * export const POST = fetchWebhook({ onEvents }) // Next.js route handler
 */
export function fetchWebhook(options: FetchWebhookOptions): (request: Request) => Promise<Response> {
  const pipeline = createWebhookPipeline(options);
  return async (request) => {
    const answer = await pipeline({
      method: request.method,
      target: request.url,
      header: (name) => request.headers.get(name) ?? undefined,
      headers: request.headers,
      readBody: (limits) => {
        // getReader() would throw a bare TypeError on a body some middleware already read.
        if (request.bodyUsed) {
          throw new WebhookError('invalid_options', 'the request body was read before the webhook handler ran');
        }
        return readWebBody(request.body, limits);
      },
      context: { request },
      clientGone: request.signal,
    });
    return toResponse(answer);
  };
}

function toResponse(answer: WebhookAnswer): Response {
  return new Response(answer.body, { status: answer.status, headers: answer.headers });
}
