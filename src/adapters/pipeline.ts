import { WebhookError } from '../errors.js';
import { parseWebhook } from '../parse-webhook.js';
import type { WebhookResult } from '../result.js';
import { refusalAnswer, type WebhookAnswer } from './answer.js';
import { createSecretCheck, presentedSecrets } from './auth.js';
import { callQuietly } from './call-quietly.js';
import { assertDeclaredLength, bodyTimedOut, type BodyReadOptions } from './body-limit.js';
import { handleEvents } from './handle-events.js';
import { resolveHandlerSettings } from './handler-options.js';
import { resolveHandlerOptions, type WebhookHandlerOptions } from './options.js';

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
  /**
   * Reads the body within the limit and the timeout. Returns bytes, or a value another middleware already
   * parsed (anything `parseWebhook` accepts).
   * @param options The byte limit and the timeout signal.
   */
  readBody(options: BodyReadOptions): Promise<unknown>;
  /** Passed to `onEvents` and `onError`. */
  context: Context;
  /**
   * Aborted when the client goes away before the answer is written; handlers then see `context.signal` abort.
   * Left out where the runtime cannot tell.
   */
  clientGone?: AbortSignal | undefined;
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
  const secretMatches = settings.secret === undefined ? undefined : createSecretCheck(settings.secret);

  // A failing logger, sync or async, must not change the answer or crash the server.
  const report = (error: unknown, context: Context): void => callQuietly(options.onError, error, context);

  const receive = async (exchange: WebhookExchange<Context>): Promise<WebhookResult> => {
    if (exchange.method !== 'POST') {
      throw new WebhookError('method_not_allowed', 'webhooks are delivered with POST');
    }
    if (secretMatches !== undefined) {
      const presented = presentedSecrets(exchange.target, exchange.header('authorization'));
      if (presented.length === 0 || !(await secretMatches(presented))) {
        throw new WebhookError('unauthorized', 'the webhook secret is missing or wrong');
      }
    }
    assertDeclaredLength(exchange.header('content-length'), settings.maxBodyBytes);
    const body = await readWithin(exchange, settings.maxBodyBytes, settings.requestTimeoutMs);
    return parseWebhook(body, settings.parseOptions);
  };

  return async (exchange) => {
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

const MAX_TIMER_MS = 2 ** 31 - 1;

async function readWithin<Context>(
  exchange: WebhookExchange<Context>,
  maxBytes: number,
  timeoutMs: number,
): Promise<unknown> {
  const controller = new AbortController();
  // Timers overflow past 2^31-1 ms and would fire at once, so longer limits count as none.
  const limited = timeoutMs > 0 && timeoutMs <= MAX_TIMER_MS;
  const timer = limited ? setTimeout(() => controller.abort(bodyTimedOut()), timeoutMs) : undefined;
  try {
    return await exchange.readBody({ maxBytes, signal: controller.signal });
  } finally {
    clearTimeout(timer);
  }
}
