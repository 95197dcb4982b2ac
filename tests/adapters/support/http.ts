import http, { type IncomingHttpHeaders } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

/** A complete HTTP answer as a client saw it. */
export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  text: string;
  json: unknown;
}

/** How to send one request. */
export interface SendOptions {
  method?: string;
  headers?: Record<string, string>;
  /** The body in one piece (sent with a Content-Length unless headers say otherwise). */
  body?: string | Uint8Array;
  /** The body as chunks written one by one without a Content-Length (chunked), with `pauseMs` between them. */
  chunks?: Iterable<string | Uint8Array>;
  pauseMs?: number;
  agent?: http.Agent;
}

function toReply(response: http.IncomingMessage, body: Buffer): Reply {
  const text = body.toString('utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.statusCode ?? 0, headers: response.headers, body, text, json };
}

/**
 * Sends one request over a real socket. Resolves with the answer as soon as it is complete, even while the body
 * is still being written (an early 413/408), and ignores the write errors that follow when the server closes
 * the connection.
 * @param url The full URL.
 * @param options Method, headers and the body in one piece or in chunks.
 */
export function send(url: string, options: SendOptions = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const headers: Record<string, string> = { ...options.headers };
    // Node's client frames a body of DELETE or OPTIONS only when told its length.
    if (options.body !== undefined && !Object.keys(headers).some((name) => /^content-length$/i.test(name))) {
      headers['content-length'] = String(Buffer.byteLength(options.body));
    }
    const request = http.request(url, { method: options.method ?? 'POST', headers, agent: options.agent });
    request.on('response', (response) => {
      const parts: Buffer[] = [];
      response.on('data', (part: Buffer) => parts.push(part));
      response.on('end', () => {
        answered = true;
        resolve(toReply(response, Buffer.concat(parts)));
      });
      response.on('error', reject);
    });
    request.on('error', (error) => {
      if (!answered) reject(error);
    });
    if (options.chunks === undefined) {
      request.end(options.body);
      return;
    }
    void (async () => {
      for (const chunk of options.chunks!) {
        if (answered || request.destroyed) return;
        if (!request.write(chunk)) await writable(request);
        if (options.pauseMs) await sleep(options.pauseMs);
      }
      if (!request.destroyed) request.end();
    })();
  });
}

function writable(request: http.ClientRequest): Promise<void> {
  return new Promise((done) => {
    const settle = (): void => {
      request.off('drain', settle).off('close', settle);
      done();
    };
    request.on('drain', settle).on('close', settle);
  });
}

/**
 * Starts a request, writes part of its body, then tears the connection down: a provider's client dying
 * mid-delivery.
 * @param url The full URL.
 * @param firstPart What is written before the abort.
 */
export async function abortMidBody(url: string, firstPart: string): Promise<void> {
  const request = http.request(url, { method: 'POST', headers: { 'content-type': 'application/json' } });
  request.on('error', () => {});
  request.write(firstPart);
  await sleep(50);
  request.destroy();
  await sleep(50);
}

/**
 * The Basic `Authorization` header for a user and password.
 * @param user Any name.
 * @param password The secret.
 */
export function basicAuth(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
}
