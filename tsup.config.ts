import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    express: 'src/adapters/express.ts',
    node: 'src/adapters/node.ts',
    fetch: 'src/adapters/fetch.ts',
    fastify: 'src/adapters/fastify.ts',
    testing: 'src/testing/index.ts',
    cli: 'src/cli/main.ts',
    redis: 'src/redis.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  // One shared chunk for the core, so `WebhookError` is one class across all subpaths.
  splitting: true,
  sourcemap: false,
  clean: true,
  target: 'es2022',
  treeshake: true,
  // Keep `node:` specifiers: they make Node-only imports explicit, and Node 20 resolves them.
  removeNodeProtocol: false,
});
