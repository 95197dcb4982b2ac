import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

/** What the server child tells the parent once it listens. */
export type HttpServerReady = { port: number; adapter: true } | { port: number; adapter: false; reason: string };

/** The server child's answer to the message `'cpu'`: its process CPU time so far (user + system), in µs. */
export interface HttpServerCpu {
  cpuMicros: number;
}

/** How hard and how long to load each route. */
export interface HttpPlan {
  /** Concurrent connections autocannon keeps open. */
  connections: number;
  /** Seconds per measured run. */
  durationS: number;
  /** Seconds of unrecorded load per route and body before the measured runs. */
  warmupS: number;
  /** Measured runs per route and body, interleaved (middleware, bare, bare, middleware, ...). */
  rounds: number;
}

/** One measured autocannon run. */
export interface HttpRun {
  /** Successful (2xx) requests per second. */
  rps: number;
  non2xx: number;
  errors: number;
  latencyP50Ms: number;
  /**
   * The server process's CPU time (user + system, every thread) per answered request, in ms. Steadier than
   * requests per second on a shared machine: time the server waits for a core does not count.
   */
  cpuMsPerRequest: number;
}

/** Both routes on one body. */
export interface HttpBodyResult {
  label: string;
  items: number;
  bytes: number;
  middleware: { medianRps: number; medianCpuMs: number; runs: HttpRun[] };
  bare: { medianRps: number; medianCpuMs: number; runs: HttpRun[] };
  /** Middleware rps / bare route rps, of the medians. */
  ratio: number;
  /** Bare route CPU per request / middleware CPU per request, of the medians: the ratio a server with a core of its own would see. */
  cpuRatio: number;
}

/** The HTTP section: measured, or why not. */
export type HttpReport =
  | ({ available: true } & HttpPlan & { bodies: HttpBodyResult[] })
  | { available: false; reason: string };

/** A body to post: a 1000-item batch. */
export interface HttpBody {
  label: string;
  items: number;
  body: string;
}

const SERVER = fileURLToPath(new URL('./http-server.ts', import.meta.url));

function startServer(): Promise<{ child: ChildProcess; ready: HttpServerReady }> {
  return new Promise((resolve, reject) => {
    const child = fork(SERVER, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error('the HTTP server did not start within 30 s'));
    }, 30_000);
    child.once('message', (ready) => {
      clearTimeout(timer);
      resolve({ child, ready: ready as HttpServerReady });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the HTTP server exited with ${code} before listening`));
    });
  });
}

/** Asks the server child for its CPU time so far. */
function serverCpuMicros(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the HTTP server did not report its CPU time')), 5_000);
    child.once('message', (message) => {
      clearTimeout(timer);
      resolve((message as HttpServerCpu).cpuMicros);
    });
    child.send('cpu');
  });
}

async function load(child: ChildProcess, url: string, body: string, connections: number, durationS: number): Promise<HttpRun> {
  const cpuBefore = await serverCpuMicros(child);
  const result = await autocannon({
    url,
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json' },
    connections,
    duration: durationS,
    timeout: 10,
  });
  const cpuMicros = (await serverCpuMicros(child)) - cpuBefore;
  return {
    rps: result['2xx'] / result.duration,
    non2xx: result.non2xx,
    errors: result.errors,
    latencyP50Ms: result.latency.p50,
    cpuMsPerRequest: cpuMicros / 1000 / Math.max(1, result['2xx'] + result.non2xx),
  };
}

/** Posts the body once and checks the answer, so the load runs measure a route that works. */
async function checkRoute(url: string, body: HttpBody, expectCounts: boolean): Promise<string | undefined> {
  const response = await fetch(url, { method: 'POST', body: body.body, headers: { 'content-type': 'application/json' } });
  const text = await response.text();
  if (response.status !== 200) return `${url} answered ${response.status}: ${text.slice(0, 200)}`;
  if (expectCounts) {
    const counts = JSON.parse(text) as { events?: number; issues?: number };
    if ((counts.events ?? 0) + (counts.issues ?? 0) !== body.items) {
      return `${url} accounted for ${text} of ${body.items} items`;
    }
  }
  return undefined;
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/**
 * Compares requests per second of the Express middleware (no body parser, `onEvents` a no-op) and of a bare
 * `express.json()` route answering 200, on the same bodies, with autocannon on 127.0.0.1. The server runs in a
 * child process; runs alternate between the routes and are bounded in time, so the section stops by itself.
 * @param bodies The bodies to post (1000-item batches).
 * @param plan Connections, durations and rounds.
 * @param log Progress lines.
 * @returns The figures, or `available: false` with the reason (e.g. the adapter is not written yet).
 */
export async function runHttpBench(bodies: readonly HttpBody[], plan: HttpPlan, log: (line: string) => void): Promise<HttpReport> {
  let server: { child: ChildProcess; ready: HttpServerReady };
  try {
    server = await startServer();
  } catch (error) {
    return { available: false, reason: (error as Error).message };
  }
  const { child, ready } = server;
  try {
    if (!ready.adapter) return { available: false, reason: `adapter not available (${ready.reason})` };
    const base = `http://127.0.0.1:${ready.port}`;
    const routes = { middleware: `${base}/webhook`, bare: `${base}/bare` } as const;
    const results: HttpBodyResult[] = [];
    for (const body of bodies) {
      for (const [route, url] of Object.entries(routes)) {
        const problem = await checkRoute(url, body, route === 'middleware');
        if (problem !== undefined) return { available: false, reason: `${body.label}: ${problem}` };
      }
      for (const url of Object.values(routes)) await load(child, url, body.body, plan.connections, plan.warmupS);
      const runs: Record<keyof typeof routes, HttpRun[]> = { middleware: [], bare: [] };
      for (let round = 0; round < plan.rounds; round++) {
        // Alternate which route goes first, so a drift in machine load does not favour one.
        const order: (keyof typeof routes)[] = round % 2 === 0 ? ['middleware', 'bare'] : ['bare', 'middleware'];
        for (const route of order) {
          const run = await load(child, routes[route], body.body, plan.connections, plan.durationS);
          runs[route].push(run);
          log(`  http ${body.label} ${route}: ${run.rps.toFixed(1)} req/s, server CPU ${run.cpuMsPerRequest.toFixed(2)} ms/request${run.non2xx + run.errors > 0 ? ` (${run.non2xx} non-2xx, ${run.errors} errors)` : ''}`);
        }
      }
      const middleware = median(runs.middleware.map((r) => r.rps));
      const bare = median(runs.bare.map((r) => r.rps));
      const middlewareCpu = median(runs.middleware.map((r) => r.cpuMsPerRequest));
      const bareCpu = median(runs.bare.map((r) => r.cpuMsPerRequest));
      log(`  http ${body.label}: ratio ${(middleware / bare).toFixed(2)}x by requests/s, ${(bareCpu / middlewareCpu).toFixed(2)}x by server CPU per request`);
      results.push({
        label: body.label,
        items: body.items,
        bytes: Buffer.byteLength(body.body),
        middleware: { medianRps: middleware, medianCpuMs: middlewareCpu, runs: runs.middleware },
        bare: { medianRps: bare, medianCpuMs: bareCpu, runs: runs.bare },
        ratio: middleware / bare,
        cpuRatio: bareCpu / middlewareCpu,
      });
    }
    return { available: true, ...plan, bodies: results };
  } finally {
    child.kill();
  }
}
