import { PassThrough } from 'node:stream';
import type { IncomingMessage } from 'node:http';
import { describe, expect, test } from 'vitest';
import { Abort } from '../../src/adapters/shared/abort.js';
import { createByteCollector } from '../../src/adapters/shared/body-limit.js';
import { createInFlightBudget } from '../../src/adapters/shared/in-flight-budget.js';
import { readNodeBody } from '../../src/adapters/shared/node-body.js';

const options = (maxBytes = 1024) => ({ maxBytes, reservation: createInFlightBudget(1 << 20, maxBytes).open(), signal: new Abort() });

describe('body collection', () => {
  test('chunks are joined in order, by default and with a join of its own; a single chunk is returned as is', () => {
    const chunks = [Uint8Array.of(1, 2), Uint8Array.of(3), Uint8Array.of(4, 5, 6)];
    const joins: number[] = [];
    for (const join of [undefined, (parts: readonly Uint8Array[], total: number) => (joins.push(total), Buffer.concat(parts, total))]) {
      const collector = createByteCollector(options(), 0, join);
      for (const chunk of chunks) collector.add(chunk);
      expect([...collector.bytes()]).toEqual([1, 2, 3, 4, 5, 6]);
    }
    expect(joins).toEqual([6]);
    const single = createByteCollector(options());
    single.add(chunks[2]!);
    expect(single.bytes()).toBe(chunks[2]);
    expect(createByteCollector(options()).bytes().byteLength).toBe(0);
  });

  test('a Node body in many chunks arrives byte for byte, invalid UTF-8 included', async () => {
    const body = Buffer.concat([Buffer.from('{"a":"'), Buffer.from([0xff, 0xfe, 0xe2, 0x82]), Buffer.from('"}'.repeat(5000))]);
    const stream = new PassThrough();
    const read = readNodeBody(stream as unknown as IncomingMessage, options(1 << 16));
    for (let offset = 0; offset < body.length; offset += 777) stream.write(body.subarray(offset, offset + 777));
    stream.end();
    const received = await read;
    expect(received.kind).toBe('wire');
    expect(Buffer.from((received as { bytes: Uint8Array }).bytes).equals(body)).toBe(true);
  });

  test('the request timeout stops a Node body read with its reason', async () => {
    const stream = new PassThrough();
    const limits = options();
    const read = readNodeBody(stream as unknown as IncomingMessage, limits);
    stream.write('{"partial":');
    const reason = new Error('timed out');
    limits.signal.abort(reason);
    await expect(read).rejects.toBe(reason);
  });
});
