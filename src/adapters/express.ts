import type { Request, RequestHandler, Response } from 'express';
import { assertBufferedSize, type BodyReadOptions } from './shared/body-limit.js';
import { callQuietly } from './shared/call-quietly.js';
import { sendNodeAnswer } from './shared/node-answer.js';
import { readNodeBody } from './shared/node-body.js';
import { headerValue } from './shared/node-header.js';
import type { ReceivedBody } from './shared/received-body.js';
import type { WebhookHandlerOptions } from './shared/options.js';
import { createWebhookPipeline } from './shared/pipeline.js';
import { clientGoneSignal } from './shared/client-gone.js';

export * from './shared/adapter-exports.js';

/** What `onEvents` and `onError` receive from {@link expressWebhook}: Express's request and response. */
export interface ExpressWebhookContext {
  /** The request being handled; its body has already been read. */
  req: Request;
  /** Its response; the middleware writes the answer once `onEvents` resolved, so leave it alone. */
  res: Response;
}

/** Options of {@link expressWebhook}. */
export interface ExpressWebhookOptions extends WebhookHandlerOptions<ExpressWebhookContext> {
  /**
   * Where the one-time warning goes when `express.json()` (or another parser producing objects) ran before the
   * middleware, so ids beyond 2^53 may already have lost digits. Default `console.warn`; `false` silences it.
   * @param message The warning, one sentence with the fix.
   */
  warn?: ((message: string) => void) | false;
}

/** The warning {@link expressWebhook} gives once when a JSON body parser ran before it. */
export const PARSED_BODY_WARNING =
  'email-webhooks: express.json() (or another parser) parsed the webhook body before expressWebhook(), so ids ' +
  'beyond 2^53 may have lost digits. Mount expressWebhook() with no body parser in front of it (or with ' +
  "express.raw({ type: '*/*' })), or save the raw body in the parser's verify hook " +
  '(express.json({ verify: (req, res, buf) => { req.rawBody = buf } })), to keep them exact; pass ' +
  '{ warn: false } to silence this warning.';

const encoder = new TextEncoder();

/**
 * Express middleware that receives a provider's webhooks, decodes them and hands the events to `onEvents`, then
 * answers as the provider expects. Mount it with no body parser in front: it reads the stream itself. It also
 * works after `express.raw()` or `express.text()` (their buffer or string is used, exact), and after
 * `express.json()`: when its `verify` hook saved the bytes as `req.rawBody` they are used, exact (and signatures
 * can be checked); otherwise the parsed object is used, but big ids may have lost digits: a warning says so once.
 * Those parsers have their own `limit` (100 kB by default), which must be raised to `maxBodyBytes`.
 * @param options `onEvents`, and optionally `secret`, `maxBodyBytes`, `requestTimeoutMs`, `onError`, `warn` and
 *   the core's parse options.
 * @returns A `RequestHandler` that always answers the request itself.
 * @throws WebhookError `invalid_options` at once when the options cannot work.
 * @example
 * app.post('/webhooks/email', expressWebhook({
 *   secret: process.env.WEBHOOK_SECRET,
 *   onEvents: ({ events }) => save(events),
 * }))
 */
export function expressWebhook(options: ExpressWebhookOptions): RequestHandler {
  const pipeline = createWebhookPipeline(options);
  let warned = false;
  const warnParsedOnce = (): void => {
    if (warned || options.warn === false) return;
    warned = true;
    callQuietly(options.warn ?? console.warn, PARSED_BODY_WARNING);
  };

  const readBody = async (req: Request, limits: BodyReadOptions): Promise<ReceivedBody> => {
    const parsed: unknown = req.body;
    // The bytes a JSON parser's `verify` hook saved, decoded from any Content-Encoding: exact, unlike the object.
    const saved = savedRawBody(req);
    const buffered = saved ?? (parsed instanceof Uint8Array || typeof parsed === 'string' ? parsed : undefined);
    if (buffered !== undefined) {
      const bytes = typeof buffered === 'string' ? encoder.encode(buffered) : buffered;
      assertBufferedSize(bytes, limits.maxBytes);
      return { kind: 'decoded', bytes };
    }
    // A parser that produced an object has consumed the stream: waiting for its 'end' again would hang.
    if (parsed !== undefined && streamConsumed(req)) {
      warnParsedOnce();
      return { kind: 'parsed', value: parsed };
    }
    return readNodeBody(req, limits);
  };

  return async (req, res) => {
    const answer = await pipeline({
      method: req.method,
      // originalUrl keeps the query even when the middleware is mounted under a path.
      target: req.originalUrl || req.url,
      header: (name) => headerValue(req, name),
      headers: req.headers,
      readBody: (limits) => readBody(req, limits),
      context: { req, res },
      clientGone: clientGoneSignal(res),
    });
    sendNodeAnswer(req, res, answer);
  };
}

/**
 * The raw body a body parser's `verify` hook saved as `req.rawBody` (the convention of `express.json({ verify:
 * (req, res, buf) => { req.rawBody = buf } })`), when it is a buffer or a string.
 */
function savedRawBody(req: Request): Uint8Array | string | undefined {
  const raw: unknown = (req as Request & { rawBody?: unknown }).rawBody;
  return raw instanceof Uint8Array || typeof raw === 'string' ? raw : undefined;
}

function streamConsumed(req: Request): boolean {
  return req.readableEnded || (req.complete && !req.readable);
}
