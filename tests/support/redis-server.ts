import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** A `redis-server` this process started. */
export interface RedisServer {
  /** `redis://127.0.0.1:PORT`. */
  url: string;
  /** Its loopback port. */
  port: number;
  /** Stops the server and waits for it to exit. */
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.setTimeout(500);
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('+PONG'));
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

/**
 * Starts a real `redis-server` on a free loopback port with no persistence (`--save '' --appendonly no`). Throws
 * when it cannot start (not installed, port taken, ...): tests that need Redis fail loudly, never skip.
 * @param binary The server binary. Default `redis-server` from `PATH`.
 */
export async function startRedisServer(binary = process.env.REDIS_SERVER_BINARY ?? 'redis-server'): Promise<RedisServer> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    binary,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'yes'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let spawnError: Error | undefined;
  child.once('error', (error) => (spawnError = error));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  for (let attempt = 0; attempt < 100; attempt++) {
    if (spawnError !== undefined || child.exitCode !== null) break;
    if (await answersPing(port)) {
      return {
        url: `redis://127.0.0.1:${port}`,
        port,
        stop: async () => {
          if (child.exitCode === null) child.kill('SIGTERM');
          await exited;
        },
      };
    }
    await sleep(50);
  }
  if (child.exitCode === null) child.kill('SIGKILL');
  throw new Error(
    `could not start ${binary} on port ${port} (install the Debian package redis-server): ` +
      `${spawnError?.message ?? ''} ${output.trim()}`,
  );
}
