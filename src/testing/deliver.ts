import type { EventSpec, Provider } from '../providers/provider.js';
import { buildBody, providerWithTestKit, signBody, signHeaders } from './build-body.js';

/** A Fetch API handler, as `fetchWebhook` returns. */
export type FetchHandler = (request: Request) => Response | Promise<Response>;

/**
 * A Node request listener: `nodeWebhook`'s handler, an Express or Connect app, anything `http.createServer`
 * takes. Recognised by taking two or more parameters.
 */
export type NodeRequestListener = (req: never, res: never, next?: never) => unknown;

/** What a signature is made with besides the body and the key. */
export interface SigningOptions {
  /** The signed timestamp; default now. */
  timestamp?: Date;
  /** The message id, for schemes that sign one (Svix-style `webhook-id`). */
  id?: string;
}

/** What {@link deliver} posts. */
export interface DeliveryOptions {
  /** The provider whose request to imitate: its name or a provider with a `testKit`. */
  provider: string | Provider;
  /** Events to write with the provider's test kit. Give `events` or `body`. */
  events?: readonly EventSpec[];
  /** An exact body to post instead, e.g. a saved fixture. */
  body?: string;
  /** Sent as the `token` query parameter, the way a provider's webhook URL carries it. */
  secret?: string;
  /** Signs the request with the provider's scheme, in its headers or inside the body (signing providers only). */
  signingKey?: string;
  /** The signature's timestamp and message id, where the scheme has them. */
  signing?: SigningOptions;
  /** Extra or replacing headers, lower-case names. */
  headers?: Record<string, string>;
  /** The URL a handler sees (default `https://example.test/webhooks/email`); ignored when delivering to a URL. */
  url?: string;
}

/** The answer to a delivery. */
export interface DeliveryAnswer {
  /** The HTTP status. */
  status: number;
  /** Response headers, lower-case names. */
  headers: Record<string, string>;
  /** The response body: parsed when it is JSON, else the text. */
  body: unknown;
}

const DEFAULT_URL = 'https://example.test/webhooks/email';

/**
 * The request a provider would send: method, URL with the secret, headers (content type, the provider's own,
 * signature) and body.
 * @param url Where it goes.
 * @param options What to post.
 */
export async function providerRequest(url: string, options: DeliveryOptions): Promise<Request> {
  const kit = providerWithTestKit(options.provider);
  let body: string;
  let headers: Record<string, string>;
  if (options.body !== undefined) {
    body = options.body;
    headers = { 'content-type': 'application/json', ...alwaysSentHeaders(kit.testKit) };
  } else {
    if (options.events === undefined) throw new TypeError('deliver needs events or a body');
    const built = buildBody(kit, options.events);
    body = built.body;
    headers = { 'content-type': built.contentType, ...built.headers };
  }
  if (options.signingKey !== undefined) {
    // A provider signs in its headers or, like Mailgun, inside the body.
    if (kit.testKit.signHeaders === undefined && kit.testKit.signBody !== undefined) {
      body = await signBody(kit, body, options.signingKey, options.signing);
    } else Object.assign(headers, await signHeaders(kit, body, options.signingKey, options.signing));
  }
  Object.assign(headers, options.headers);
  const target = new URL(url);
  if (options.secret !== undefined) target.searchParams.set('token', options.secret);
  return new Request(target, { method: 'POST', headers, body });
}

/**
 * The content type and headers a provider sends with every body, read from an empty batch; a provider that
 * posts exactly one event a request refuses an empty one, and then JSON is assumed.
 */
function alwaysSentHeaders(kit: NonNullable<Provider['testKit']>): Record<string, string> {
  let built: ReturnType<typeof kit.buildBody>;
  try {
    built = kit.buildBody([]);
  } catch {
    return {};
  }
  return { 'content-type': built.contentType, ...built.headers };
}

async function readAnswer(response: Response): Promise<DeliveryAnswer> {
  const text = await response.text();
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  let body: unknown = text;
  if ((headers['content-type'] ?? '').includes('json') && text !== '') body = JSON.parse(text);
  return { status: response.status, headers, body };
}

/** Serves a Node listener on a free local port for one request. */
async function callNodeListener(listener: NodeRequestListener, request: Request): Promise<Response> {
  // Loaded only here, so the test kit also works where there is no `node:http` (Workers, Deno, Bun with Fetch).
  const { createServer } = await import('node:http');
  const server = createServer(listener as unknown as Parameters<typeof createServer>[1]);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as { port: number };
    const local = new URL(request.url);
    const url = `http://127.0.0.1:${port}${local.pathname}${local.search}`;
    return await fetch(new Request(url, request));
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/**
 * Delivers a provider's request to your handler, or to a running server, and returns the answer: what a
 * provider would see.
 * @param target A Fetch handler (one parameter), a Node request listener or Express app (two or more
 *   parameters; served on a free local port for the request), or a URL.
 * @param options The provider, and `events` or an exact `body`; optionally `secret`, `signingKey`, `headers`.
 * @returns The status, headers and body (parsed when JSON).
 * @example
 * const answer = await deliver(fetchWebhook({ onEvents }), {
 *   provider: 'lingdong',
 *   events: [{ type: 'opened', recipient: 'ann@example.com' }],
 * });
 * expect(answer.status).toBe(200);
 */
export async function deliver(
  target: FetchHandler | NodeRequestListener | string | URL,
  options: DeliveryOptions,
): Promise<DeliveryAnswer> {
  if (typeof target === 'string' || target instanceof URL) {
    return readAnswer(await fetch(await providerRequest(String(target), options)));
  }
  const request = await providerRequest(options.url ?? DEFAULT_URL, options);
  if (target.length >= 2) return readAnswer(await callNodeListener(target as NodeRequestListener, request));
  return readAnswer(await (target as FetchHandler)(request));
}
