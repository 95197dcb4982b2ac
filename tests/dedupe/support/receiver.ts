/**
 * One receiving instance of the fault simulation, run as its own process:
 * `node --import tsx tests/dedupe/support/receiver.ts`. It serves `nodeWebhook` with a `redisStore` on the Redis
 * at `REDIS_URL` (through node-redis or ioredis, per `REDIS_CLIENT`), records each event's effect in that Redis
 * (`HINCRBY <EFFECTS_KEY> <id> 1`), and prints `listening <port>` once it accepts requests.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { createClient } from 'redis';
import { nodeWebhook } from '../../../src/adapters/node.js';
import { redisStore } from '../../../src/redis.js';
import { faultyHandlers, seededRandom } from './faulty-handlers.js';

const { REDIS_URL, REDIS_CLIENT, EFFECTS_KEY, SECRET, SEED } = process.env;
if (!REDIS_URL || !EFFECTS_KEY || !SECRET) throw new Error('receiver: REDIS_URL, EFFECTS_KEY and SECRET are required');

type Command = (args: string[]) => Promise<unknown>;
let command: Command;
let client: Parameters<typeof redisStore>[0];
if (REDIS_CLIENT === 'ioredis') {
  const ioredis = new Redis(REDIS_URL);
  client = ioredis;
  command = ([name, ...args]) => ioredis.call(name!, ...args);
} else {
  const nodeRedis = createClient({ url: REDIS_URL });
  await nodeRedis.connect();
  client = nodeRedis;
  command = (args) => nodeRedis.sendCommand(args);
}

const server = http.createServer(
  nodeWebhook({
    secret: SECRET,
    provider: 'sendpulse',
    on: faultyHandlers(async (id) => {
      await command(['HINCRBY', EFFECTS_KEY, id, '1']);
    }, seededRandom(Number(SEED ?? 1))),
    dedupe: { store: redisStore(client, { prefix: `${EFFECTS_KEY}:claims:` }), leaseMs: 5_000 },
    handlerTimeoutMs: 300,
  }),
);
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`listening ${(server.address() as AddressInfo).port}\n`);
});
process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
