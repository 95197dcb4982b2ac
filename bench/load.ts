// `npm run load`: the receiving-under-abuse probe of issue 9, bounded and on loopback only. One child process runs
// `nodeWebhook` with a secret; another opens 500 slow connections (headers trickled a byte at a time) and 250
// uploads that know the secret, declare 4 MiB and stall just before the end; this process posts one good delivery
// every 0.5 s, so its latencies are not those of a client busy writing a gigabyte. It prints the server's RSS, heap and event-loop delay, and the good deliveries' latency. It stops by
// itself after RUN_SECONDS. It is a script, not a test: it never fails because the machine is slow.
import { fork } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import { loadavg } from 'node:os';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const SECRET = 'load-secret';
const SLOW_CONNECTIONS = 500;
const STALLED_UPLOADS = 250;
const UPLOAD_BYTES = 4 * 1024 * 1024;
const GOOD_EVERY_MS = 500;
const RUN_SECONDS = 20;
const MiB = 1024 * 1024;

/** What the server child reports when asked. */
interface ServerSample {
  rssBytes: number;
  heapUsedBytes: number;
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
}

type ToServer = { kind: 'sample' } | { kind: 'stop' };
type FromServer = { kind: 'ready'; port: number } | ({ kind: 'sample' } & ServerSample);
type ToAttacker = { kind: 'stop' };
type FromAttacker = { kind: 'started' } | { kind: 'answers'; answers: Array<[number, number]> };

const GOOD_BODY = JSON.stringify([
  {
    event: 'delivered',
    email: 'good@example.com',
    timestamp: 1700000000,
    smtp_server_response: '250 OK',
    task_id: 42,
    id: 'load-good',
  },
]);

async function runServer(): Promise<void> {
  const { nodeWebhook } = await import('../src/adapters/node.js');
  const options = { secret: SECRET, onEvents() {} };
  const server = http.createServer(nodeWebhook(options));
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  process.on('message', (message: ToServer) => {
    if (message.kind === 'stop') {
      server.closeAllConnections();
      server.close();
      process.exit(0);
    }
    const memory = process.memoryUsage();
    const sample: FromServer = {
      kind: 'sample',
      rssBytes: memory.rss,
      heapUsedBytes: memory.heapUsed,
      loopDelayP99Ms: delay.percentile(99) / 1e6,
      loopDelayMaxMs: delay.max / 1e6,
    };
    delay.reset();
    process.send?.(sample);
  });
  process.on('disconnect', () => process.exit(0));
  server.listen(0, '127.0.0.1', () => {
    process.send?.({ kind: 'ready', port: (server.address() as AddressInfo).port } satisfies FromServer);
  });
}

/** Opens a connection that sends its request line and headers one byte every 2 s (a slowloris client). */
function slowConnection(port: number, sockets: net.Socket[]): void {
  const socket = net.connect(port, '127.0.0.1');
  socket.on('error', () => {});
  sockets.push(socket);
  const head = `POST /hook HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nX-Slow: ${'a'.repeat(64)}`;
  let position = 0;
  const timer = setInterval(() => {
    if (socket.destroyed || position >= head.length) {
      clearInterval(timer);
      return;
    }
    socket.write(head[position++]!);
  }, 2000);
  socket.on('close', () => clearInterval(timer));
}

/** Opens an upload that knows the secret, declares 4 MiB and stops one byte short of the end. */
function stalledUpload(port: number, sockets: net.Socket[], answers: Map<number, number>): void {
  const socket = net.connect(port, '127.0.0.1');
  socket.on('error', () => {});
  sockets.push(socket);
  let head = '';
  socket.on('data', (data: Buffer) => {
    if (head.length > 64) return;
    head += data.toString('latin1');
    const status = /^HTTP\/1\.1 (\d{3})/.exec(head)?.[1];
    if (status !== undefined && head.length <= 64 + data.length) {
      answers.set(Number(status), (answers.get(Number(status)) ?? 0) + 1);
      head = 'x'.repeat(65);
    }
  });
  socket.write(
    `POST /hook?token=${SECRET} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${UPLOAD_BYTES}\r\n\r\n`,
  );
  socket.write(Buffer.alloc(UPLOAD_BYTES - 1, 0x20));
}

async function runAttacker(port: number): Promise<void> {
  const sockets: net.Socket[] = [];
  const answers = new Map<number, number>();
  for (let index = 0; index < SLOW_CONNECTIONS; index++) slowConnection(port, sockets);
  for (let index = 0; index < STALLED_UPLOADS; index++) stalledUpload(port, sockets, answers);
  process.send?.({ kind: 'started' } satisfies FromAttacker);
  process.on('message', (message: ToAttacker) => {
    if (message.kind !== 'stop') return;
    for (const socket of sockets) socket.destroy();
    process.send?.({ kind: 'answers', answers: [...answers] } satisfies FromAttacker, () => process.exit(0));
  });
  process.on('disconnect', () => process.exit(0));
}

function goodDelivery(port: number): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const request = http.request(
      { host: '127.0.0.1', port, path: `/hook?token=${SECRET}`, method: 'POST', agent: false,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(GOOD_BODY) } },
      (response) => {
        response.resume();
        response.on('end', () => resolve({ status: response.statusCode ?? 0, ms: performance.now() - started }));
      },
    );
    request.on('error', () => resolve({ status: 0, ms: performance.now() - started }));
    request.end(GOOD_BODY);
  });
}

function percentile(sorted: readonly number[], share: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)]!;
}

async function runLoad(): Promise<void> {
  const child = fork(fileURLToPath(import.meta.url), ['--server'], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const samples: ServerSample[] = [];
  let pendingSample: ((sample: ServerSample) => void) | undefined;
  const port = await new Promise<number>((resolve) => {
    child.on('message', (message: FromServer) => {
      if (message.kind === 'ready') resolve(message.port);
      else pendingSample?.(message);
    });
  });
  const sampleServer = (): Promise<ServerSample> =>
    new Promise((resolve) => {
      pendingSample = resolve;
      child.send({ kind: 'sample' } satisfies ToServer);
    });

  const idle = await sampleServer();
  const attacker = fork(fileURLToPath(import.meta.url), ['--attack', String(port)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let uploadAnswers = new Map<number, number>();
  const attackerDone = new Promise<void>((resolve) => {
    attacker.on('message', (message: FromAttacker) => {
      if (message.kind === 'answers') {
        uploadAnswers = new Map(message.answers);
        resolve();
      }
    });
  });

  const latencies: number[] = [];
  const goodStatuses = new Map<number, number>();
  const deliveries: Promise<void>[] = [];
  const endAt = performance.now() + RUN_SECONDS * 1000;
  while (performance.now() < endAt) {
    deliveries.push(
      goodDelivery(port).then(({ status, ms }) => {
        latencies.push(ms);
        goodStatuses.set(status, (goodStatuses.get(status) ?? 0) + 1);
      }),
    );
    await sleep(GOOD_EVERY_MS);
    samples.push(await sampleServer());
  }
  await Promise.all(deliveries);
  attacker.send({ kind: 'stop' } satisfies ToAttacker);
  await attackerDone;
  child.send({ kind: 'stop' } satisfies ToServer);

  const sorted = [...latencies].sort((a, b) => a - b);
  const peak = (pick: (sample: ServerSample) => number): number => Math.max(...samples.map(pick));
  const format = (bytes: number): string => `${(bytes / MiB).toFixed(0)} MiB`;
  const counts = (map: Map<number, number>): string =>
    [...map].sort(([a], [b]) => a - b).map(([status, count]) => `${count} x ${status || 'error'}`).join(', ') || 'none';
  console.log(`load: ${SLOW_CONNECTIONS} slow connections, ${STALLED_UPLOADS} stalled ${UPLOAD_BYTES / MiB} MiB uploads ` +
    `with the secret, a good delivery every ${GOOD_EVERY_MS} ms, ${RUN_SECONDS} s, server: nodeWebhook`);
  console.log(`server RSS: idle ${format(idle.rssBytes)}, peak ${format(peak((s) => s.rssBytes))}`);
  console.log(`server heap used: idle ${format(idle.heapUsedBytes)}, peak ${format(peak((s) => s.heapUsedBytes))}`);
  console.log(`event-loop delay: worst p99 of a 0.5 s window ${peak((s) => s.loopDelayP99Ms).toFixed(1)} ms, ` +
    `max ${peak((s) => s.loopDelayMaxMs).toFixed(1)} ms`);
  console.log(`good deliveries: ${sorted.length} (${counts(goodStatuses)}), latency p50 ` +
    `${percentile(sorted, 0.5).toFixed(1)} ms, p99 ${percentile(sorted, 0.99).toFixed(1)} ms`);
  console.log(`stalled uploads answered during the run: ${counts(uploadAnswers)}`);
  // Latency spikes on a shared machine are often other processes' CPU: the load average says how busy it was.
  console.log(`machine load average (1 min) at the end: ${loadavg()[0]!.toFixed(1)}`);
  console.log(`good-delivery latencies (ms, in order sent): ${latencies.map((ms) => ms.toFixed(0)).join(' ')}`);
}

const attackAt = process.argv.indexOf('--attack');
if (process.argv.includes('--server')) await runServer();
else if (attackAt !== -1) await runAttacker(Number(process.argv[attackAt + 1]));
else await runLoad();
