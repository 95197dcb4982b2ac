import type { RequestHeaders } from '../../headers.js';
import type { WebhookResult } from '../../result.js';
import type { AbortLike } from './abort.js';
import { refusalAnswer, type WebhookAnswer } from './answer.js';
import { callQuietly } from './call-quietly.js';
import type { BodyReadOptions } from './body-limit.js';
import { handleEvents } from './handle-events.js';
import { resolveHandlerSettings } from './handler-options.js';
import { resolveHandlerOptions, type WebhookHandlerOptions } from './options.js';
import type { ReceivedBody } from './received-body.js';
import { createRequestReceiver } from './receive-request.js';
import { urlCheckAnswer } from './url-check.js';

/**
 * One request as the pipeline sees it. Each adapter builds this from its framework's request: these few members
 * are all that differs between Express, Node http and Fetch.
 * @typeParam Context The framework's request objects, passed on to `onEvents` and `onError`.
 */
export interface WebhookExchange<Context> {
  /** The HTTP method, upper case. */
  method: string;
  /** The request URL or request target (`/hook?token=...`), where `token` is looked for. */
  target: string;
  /**
   * Reads one request header.
   * @param name Lower-case header name.
   */
  header(name: string): string | undefined;
  /** All request headers, handed to signature schemes and to decoders that read ids from headers. */
  headers: RequestHeaders;
  /**
   * Reads the body within the limit, the in-flight budget and the timeout: the bytes as sent, or what a body
   * parser in front already read.
   * @param options The byte limit, the reservation and the timeout signal.
   */
  readBody(options: BodyReadOptions): Promise<ReceivedBody>;
  /** Passed to `onEvents` and `onError`. */
  context: Context;
  /**
   * Aborted when the client goes away before the answer is written; handlers then see `context.signal` abort.
   * Left out where the runtime cannot tell.
   */
  clientGone?: AbortLike | undefined;
}

/** Handles one request from start to answer; never rejects. */
export type WebhookPipeline<Context> = (exchange: WebhookExchange<Context>) => Promise<WebhookAnswer>;

/**
 * Builds the framework-neutral request pipeline shared by every adapter: method check, authentication, bounded
 * body read, `parseWebhook`, `onEvents`, answer. Options are checked here, once.
 * @param options The adapter's options.
 * @returns A function from a request to its answer.
 * @throws WebhookError `invalid_options` when the options cannot work.
 */
export function createWebhookPipeline<Context>(options: WebhookHandlerOptions<Context>): WebhookPipeline<Context> {
  const settings = resolveHandlerOptions(options);
  const handlers = resolveHandlerSettings(options);
  const receive = createRequestReceiver<Context>(settings);

  // A failing logger, sync or async, must not change the answer or crash the server.
  const report = (error: unknown, context: Context): void => callQuietly(options.onError, error, context);

  return async (exchange) => {
    // Answered before authentication, like django-anymail: a URL check carries no credentials and learns nothing.
    if (exchange.method === 'HEAD') return urlCheckAnswer();
    let result: WebhookResult;
    try {
      result = await receive(exchange);
    } catch (error) {
      report(error, exchange.context);
      return refusalAnswer(error);
    }
    return handleEvents(handlers, {
      result,
      context: exchange.context,
      clientGone: exchange.clientGone,
      report: (error) => report(error, exchange.context),
    });
  };
}
