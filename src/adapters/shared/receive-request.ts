import { WebhookError } from '../../errors.js';
import type { ProviderName } from '../../events.js';
import { parseWebhook } from '../../parse-webhook.js';
import { BUILT_IN_PROVIDERS } from '../../providers/registry.js';
import type { ParseOptions, WebhookResult } from '../../result.js';
import { Abort } from './abort.js';
import { createSecretCheck, presentedSecrets } from './auth.js';
import { assertDeclaredLength, bodyTimedOut, declaredLength, type BodyReadOptions } from './body-limit.js';
import { contentCoding, decodeBody } from './content-encoding.js';
import { createInFlightBudget, type BodyReservation } from './in-flight-budget.js';
import type { ResolvedHandlerOptions } from './options.js';
import type { WebhookExchange } from './pipeline.js';
import { checkSignature, type SignatureSettings } from './signature.js';

/** Receives one request up to its decoded batch; rejects with the refusal otherwise. */
export type RequestReceiver<Context> = (exchange: WebhookExchange<Context>) => Promise<WebhookResult>;

const MAX_TIMER_MS = 2 ** 31 - 1;

function unauthorized(): WebhookError {
  return new WebhookError('unauthorized', 'the webhook secret is missing or wrong');
}

/**
 * Builds the request phase shared by every adapter: method, authentication (secret and signatures), content
 * coding, declared length and in-flight budget, then the bounded body read and decode, then `parseWebhook`.
 * Each check runs before the work it protects: nothing of the body is read for a request refused by its
 * headers.
 * @param settings The resolved handler options.
 * @returns The receiver of one request.
 */
export function createRequestReceiver<Context>(settings: ResolvedHandlerOptions): RequestReceiver<Context> {
  const secretMatches = settings.secrets.length === 0 ? undefined : createSecretCheck(settings.secrets);
  const budget = createInFlightBudget(settings.maxInFlightBytes, settings.maxBodyBytes);
  const signature: SignatureSettings | undefined =
    settings.signingKeys === undefined
      ? undefined
      : {
          signingKeys: settings.signingKeys,
          toleranceSeconds: settings.signatureToleranceSeconds,
          providers: settings.parseOptions.providers ?? BUILT_IN_PROVIDERS,
        };

  return async (exchange) => {
    if (exchange.method !== 'POST') {
      throw new WebhookError('method_not_allowed', 'webhooks are delivered with POST');
    }
    let secretMatched = false;
    if (secretMatches !== undefined) {
      const presented = presentedSecrets(exchange.target, exchange.header('authorization'));
      // A wrong secret is refused even with signing keys; a missing one may still be made up for by a signature.
      if (presented.length > 0) {
        secretMatched = await secretMatches(presented);
        if (!secretMatched) throw unauthorized();
      } else if (signature === undefined) {
        throw unauthorized();
      }
    }
    const coding = contentCoding(exchange.header('content-encoding'));
    const contentLength = exchange.header('content-length');
    assertDeclaredLength(contentLength, settings.maxBodyBytes);

    const reservation = budget.open();
    try {
      // A declared length is reserved whole, so a request that cannot fit is refused before its body is read.
      reservation.cover(declaredLength(contentLength) ?? 0);
      const body = await readAndDecode(exchange, settings, reservation, coding);
      let verified: ProviderName | undefined;
      if (signature !== undefined) {
        if (!(body instanceof Uint8Array)) {
          throw new WebhookError(
            'invalid_options',
            'signature verification needs the raw body: mount a raw body parser, or save the raw body as ' +
              'req.rawBody in your JSON parser\'s verify hook',
          );
        }
        verified = await checkSignature(signature, {
          body,
          headers: exchange.headers,
          header: exchange.header,
          url: exchange.target,
        });
        if (verified === undefined && !secretMatched) {
          if (secretMatches !== undefined) throw unauthorized();
          throw new WebhookError('invalid_signature', 'the request carries no signature of a provider with a signing key');
        }
      }
      const parseOptions: ParseOptions = { ...settings.parseOptions, headers: exchange.headers };
      // The signature says who sent the body, so detection has nothing left to guess.
      if (verified !== undefined) parseOptions.provider = verified;
      return parseWebhook(body, parseOptions);
    } finally {
      reservation.release();
    }
  };
}

/**
 * Reads the body within the byte limit, the budget and the timeout, and undoes its content coding under the
 * same limits and timer.
 * @returns The decoded bytes, or the value another body parser already produced.
 */
async function readAndDecode<Context>(
  exchange: WebhookExchange<Context>,
  settings: ResolvedHandlerOptions,
  reservation: BodyReservation,
  coding: ReturnType<typeof contentCoding>,
): Promise<unknown> {
  const timedOut = new Abort();
  const timeoutMs = settings.requestTimeoutMs;
  // Timers overflow past 2^31-1 ms and would fire at once, so longer limits count as none.
  const limited = timeoutMs > 0 && timeoutMs <= MAX_TIMER_MS;
  const timer = limited ? setTimeout(() => timedOut.abort(bodyTimedOut()), timeoutMs) : undefined;
  const options: BodyReadOptions = { maxBytes: settings.maxBodyBytes, reservation, signal: timedOut };
  try {
    const received = await exchange.readBody(options);
    if (received.kind === 'parsed') return received.value;
    if (received.kind === 'decoded' || coding === undefined) return received.bytes;
    return await decodeBody(received.bytes, coding, options);
  } finally {
    clearTimeout(timer);
  }
}
