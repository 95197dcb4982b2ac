import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, onTestFinished, test } from 'vitest';
import { createInFlightBudget, SMALL_BODY_BYTES } from '../../src/adapters/shared/in-flight-budget.js';
import { DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_IN_FLIGHT_BYTES } from '../../src/adapters/shared/options.js';
import { fixture } from '../helpers/fixtures.js';
import { send } from './support/http.js';
import { ADAPTERS, startAdapter } from './support/servers.js';

const SECRET = 'budget-secret';
const MiB = 1024 * 1024;

/** A request written by hand over a socket, so a body can be left unsent or stalled half way. */
function rawRequest(origin: string, head: string, body = ''): { socket: net.Socket; answer: Promise<string> } {
  const { hostname, port } = new URL(origin);
  const socket = net.connect(Number(port), hostname);
  socket.on('error', () => {});
  let received = '';
  const answer = new Promise<string>((resolve) => {
    socket.on('data', (data: Buffer) => {
      received += data.toString('latin1');
      // The whole answer is in once its JSON body (or an empty one) followed the blank line.
      const [, payload] = received.split('\r\n\r\n');
      const length = Number(/content-length: (\d+)/i.exec(received)?.[1] ?? -1);
      if (payload !== undefined && payload.length === length) resolve(received);
    });
    socket.on('close', () => resolve(received));
  });
  socket.write(`${head}\r\n\r\n${body}`);
  onTestFinished(() => void socket.destroy());
  return { socket, answer };
}

const post = (length: number | 'chunked') =>
  `POST /hook?token=${SECRET} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n` +
  (length === 'chunked' ? 'Transfer-Encoding: chunked' : `Content-Length: ${length}`);

describe.each(ADAPTERS)('%s adapter: maxInFlightBytes', (kind) => {
  test('a declared length that does not fit is 503 server_busy with Retry-After before its body is sent; freed bytes are reused', async () => {
    const server = await startAdapter(kind, { secret: SECRET, maxBodyBytes: 1000, maxInFlightBytes: 1500, onEvents() {} });
    onTestFinished(() => server.close());
    const stalled = rawRequest(server.origin, post(1000), ' '.repeat(100));
    await sleep(100);

    const busy = await rawRequest(server.origin, post(1000)).answer;
    expect(busy).toMatch(/^HTTP\/1\.1 503 /);
    expect(busy).toMatch(/\r\nretry-after: 5\r\n/i);
    expect(busy).toContain('"code":"server_busy"');

    // A small delivery still fits beside the stalled upload.
    const small = fixture('sendpulse/delivered.json');
    expect(small.byteLength).toBeLessThan(500);
    expect((await send(`${server.origin}/hook?token=${SECRET}`, { body: small })).status).toBe(200);

    stalled.socket.destroy();
    await sleep(100);
    const padded = `${small.toString('utf8')}${' '.repeat(1000 - small.byteLength)}`;
    expect((await send(`${server.origin}/hook?token=${SECRET}`, { body: padded })).status).toBe(200);
  });

  test('a body without a declared length is refused 503 as soon as its bytes cross the budget', async () => {
    const server = await startAdapter(kind, { secret: SECRET, maxBodyBytes: 1000, maxInFlightBytes: 1500, onEvents() {} });
    onTestFinished(() => server.close());
    rawRequest(server.origin, post(1000), ' '.repeat(100));
    await sleep(100);
    const chunk = (text: string) => `${text.length.toString(16)}\r\n${text}\r\n`;
    const growing = rawRequest(server.origin, post('chunked'), chunk(' '.repeat(300)));
    await sleep(100);
    growing.socket.write(chunk(' '.repeat(300)));
    const answer = await growing.answer;
    expect(answer).toMatch(/^HTTP\/1\.1 503 /);
    expect(answer).toContain('"code":"server_busy"');
  });
});

describe('createInFlightBudget', () => {
  test('the default holds sixteen default-size bodies at most', () => {
    expect(DEFAULT_MAX_IN_FLIGHT_BYTES).toBe(16 * DEFAULT_MAX_BODY_BYTES);
  });

  test('large bodies take three quarters at most; the last quarter stays for small ones', () => {
    const budget = createInFlightBudget(64 * MiB, 4 * MiB);
    const large = Array.from({ length: 12 }, () => budget.open());
    for (const reservation of large) reservation.cover(4 * MiB);
    expect(() => budget.open().cover(4 * MiB)).toThrow(expect.objectContaining({ code: 'server_busy', retryAfterSeconds: 5 }));
    const small = Array.from({ length: 64 }, () => budget.open());
    for (const reservation of small) reservation.cover(SMALL_BODY_BYTES);
    expect(budget.reservedBytes).toBe(64 * MiB);
    expect(() => budget.open().cover(1)).toThrow(expect.objectContaining({ code: 'server_busy' }));
    for (const reservation of [...large, ...small]) reservation.release();
    expect(budget.reservedBytes).toBe(0);
  });

  test('a budget no larger than the largest body keeps no small share, so that body always fits', () => {
    const budget = createInFlightBudget(4 * MiB, 4 * MiB);
    const reservation = budget.open();
    reservation.cover(4 * MiB);
    expect(budget.reservedBytes).toBe(4 * MiB);
    reservation.release();
    reservation.release();
    expect(budget.reservedBytes).toBe(0);
  });
});
