// Child process of the bench (see http.ts): serves the two routes autocannon compares, on 127.0.0.1 only, in a
// process of its own so the load generator and the server do not share one event loop. It tells the parent its
// port over IPC and exits when the parent goes away.
import type { AddressInfo } from 'node:net';
import express, { type RequestHandler } from 'express';
import type { HttpServerCpu, HttpServerReady } from './http.js';

const send = (message: HttpServerReady): void => {
  process.send?.(message);
};

async function loadMiddleware(): Promise<RequestHandler | string> {
  try {
    // Loaded at run time so that a missing or broken adapter makes the HTTP section say so instead of crashing.
    const adapter = await import('../src/adapters/express.js');
    if (typeof adapter.expressWebhook !== 'function') return 'src/adapters/express.ts exports no expressWebhook';
    // The bench route measures decoding, not authentication, so it opts out of the required secret.
    return adapter.expressWebhook({ secret: false, onEvents() {} });
  } catch (error) {
    return `src/adapters/express.ts could not be loaded: ${(error as Error).message.split('\n')[0]}`;
  }
}

const middleware = await loadMiddleware();
const app = express();
// The baseline a user would write: express.json() (its 100 kB default limit raised to fit a 1000-item batch),
// then 200.
app.post('/bare', express.json({ limit: '8mb' }), (_req, res) => {
  res.sendStatus(200);
});
// The library's route: no body parser in front, the middleware reads the stream itself.
if (typeof middleware !== 'string') app.post('/webhook', middleware);

const server = app.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  send(typeof middleware === 'string' ? { port, adapter: false, reason: middleware } : { port, adapter: true });
});
// The parent asks for the CPU time around each run, to report CPU per request beside requests per second.
process.on('message', (message) => {
  if (message !== 'cpu') return;
  const { user, system } = process.cpuUsage();
  process.send?.({ cpuMicros: user + system } satisfies HttpServerCpu);
});
process.on('disconnect', () => {
  server.close();
  process.exit(0);
});
