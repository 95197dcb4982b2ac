import { describe, expect, test, vi } from 'vitest';
import { Abort, type AbortLike } from '../../src/adapters/shared/abort.js';
import { clientGoneSignal } from '../../src/adapters/shared/client-gone.js';
import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';

describe('Abort', () => {
  test('fires once: sets aborted and reason, calls each listener once, in order', () => {
    const abort = new Abort();
    const calls: string[] = [];
    abort.addEventListener('abort', () => calls.push('a'));
    abort.addEventListener('abort', () => calls.push('b'), { once: true });
    expect(abort.aborted).toBe(false);
    expect(abort.reason).toBeUndefined();
    abort.abort('first');
    abort.abort('second');
    expect(abort.aborted).toBe(true);
    expect(abort.reason).toBe('first');
    expect(calls).toEqual(['a', 'b']);
  });

  test('a removed listener is not called; one added after it fired never is', () => {
    const abort = new Abort();
    const removed = vi.fn();
    const kept = vi.fn();
    abort.addEventListener('abort', removed);
    abort.addEventListener('abort', kept);
    abort.removeEventListener('abort', removed);
    abort.removeEventListener('abort', () => {});
    abort.abort(undefined);
    const late = vi.fn();
    abort.addEventListener('abort', late);
    expect(removed).not.toHaveBeenCalled();
    expect(kept).toHaveBeenCalledTimes(1);
    expect(late).not.toHaveBeenCalled();
  });

  test('an AbortSignal is an AbortLike, so the Fetch adapter can pass request.signal', () => {
    const controller = new AbortController();
    const like: AbortLike = controller.signal;
    const listener = vi.fn();
    like.addEventListener('abort', listener, { once: true });
    controller.abort('gone');
    expect(like.aborted).toBe(true);
    expect(listener).toHaveBeenCalledTimes(1);
  });
});

describe('clientGoneSignal', () => {
  const response = (): EventEmitter & { writableFinished: boolean } =>
    Object.assign(new EventEmitter(), { writableFinished: false });

  test('aborts when the response closes before the answer was written', () => {
    const res = response();
    const gone = clientGoneSignal(res as unknown as ServerResponse);
    res.emit('close');
    expect(gone.aborted).toBe(true);
  });

  test('does not abort when the response closes after the answer was written', () => {
    const res = response();
    const gone = clientGoneSignal(res as unknown as ServerResponse);
    res.writableFinished = true;
    res.emit('close');
    expect(gone.aborted).toBe(false);
  });
});
