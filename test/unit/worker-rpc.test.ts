import { describe, expect, test } from 'vitest';
import { createWorkerRpc, serveRpc, WorkerRpcError } from '../../src/core/worker-rpc';
import type { WorkerLike, WorkerScopeLike } from '../../src/core/worker-rpc';

/**
 * A worker in the same thread: what the page posts reaches `serveRpc`'s scope on the next task,
 * its replies come back the same way, as with a real Worker.
 */
function fakeWorker(serve: (scope: WorkerScopeLike) => void) {
  const posted: unknown[] = [];
  let terminated = false;
  const worker: WorkerLike & { terminated: () => boolean; posted: unknown[] } = {
    onmessage: null,
    onerror: null,
    onmessageerror: null,
    postMessage(message) {
      posted.push(message);
      if (!terminated) setTimeout(() => scope.onmessage?.({ data: message } as MessageEvent));
    },
    terminate() {
      terminated = true;
    },
    terminated: () => terminated,
    posted,
  };
  const scope: WorkerScopeLike = {
    onmessage: null,
    postMessage(message) {
      setTimeout(() => {
        if (!terminated) worker.onmessage?.({ data: message } as MessageEvent);
      });
    },
  };
  serve(scope);
  return worker;
}

type Req = { type: 'double'; n: number } | { type: 'store'; n: number } | { type: 'never' } | { type: 'fail' };

function doubling(scope: WorkerScopeLike) {
  let stored = 0;
  serveRpc<Req, number, string>(scope, async (request, progress) => {
    if (request.type === 'store') {
      stored = request.n;
      return 0;
    }
    if (request.type === 'never') return new Promise<number>(() => {});
    if (request.type === 'fail') throw new Error('no such thing');
    progress('halfway');
    return request.n * 2 + stored;
  });
}

describe('worker RPC', () => {
  test('answers each request with its own answer, in any number, after the messages sent before', async () => {
    let started = 0;
    const rpc = createWorkerRpc<Req, number, string>(() => {
      started++;
      return fakeWorker(doubling);
    });
    expect(started).toBe(0);
    rpc.post({ type: 'store', n: 100 });
    const progress: string[] = [];
    const answers = await Promise.all([
      rpc.ask({ type: 'double', n: 1 }, { onProgress: (p) => progress.push(p) }),
      rpc.ask({ type: 'double', n: 21 }),
    ]);
    expect(answers).toEqual([102, 142]);
    expect(progress).toEqual(['halfway']);
    expect(started).toBe(1);
    expect(rpc.pending).toBe(0);
  });

  test('a request the worker fails answers with its message', async () => {
    const rpc = createWorkerRpc<Req, number, string>(() => fakeWorker(doubling));
    const error = await rpc.ask({ type: 'fail' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkerRpcError);
    expect(error).toMatchObject({ reason: 'failed', message: 'no such thing' });
    // The worker still answers what comes next.
    expect(await rpc.ask({ type: 'double', n: 2 })).toBe(4);
  });

  test('destroy settles every pending request, stops the worker, and refuses what comes after', async () => {
    const worker = fakeWorker(doubling);
    const rpc = createWorkerRpc<Req, number, string>(() => worker);
    const waiting = [rpc.ask({ type: 'never' }), rpc.ask({ type: 'never' }), rpc.ask({ type: 'double', n: 1 })];
    expect(rpc.pending).toBe(3);
    rpc.destroy();
    const settled = await Promise.allSettled(waiting);
    expect(settled.map((s) => s.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(settled.map((s) => (s as PromiseRejectedResult).reason.reason)).toEqual([
      'destroyed',
      'destroyed',
      'destroyed',
    ]);
    expect(worker.terminated()).toBe(true);
    expect(rpc.pending).toBe(0);
    await expect(rpc.ask({ type: 'double', n: 1 })).rejects.toMatchObject({ reason: 'destroyed' });
    rpc.post({ type: 'store', n: 1 });
    expect(worker.posted).toHaveLength(3);
  });

  test("the worker's failure settles every pending request", async () => {
    const worker = fakeWorker(doubling);
    const rpc = createWorkerRpc<Req, number, string>(() => worker);
    const waiting = [rpc.ask({ type: 'never' }), rpc.ask({ type: 'never' })];
    worker.onerror?.({ message: 'Uncaught ReferenceError: x is not defined' } as ErrorEvent);
    const settled = await Promise.allSettled(waiting);
    expect(settled.map((s) => (s as PromiseRejectedResult).reason)).toEqual([
      new WorkerRpcError('crashed', 'Uncaught ReferenceError: x is not defined'),
      new WorkerRpcError('crashed', 'Uncaught ReferenceError: x is not defined'),
    ]);
    expect(rpc.pending).toBe(0);
    // So does a message that could not be read.
    const third = rpc.ask({ type: 'never' });
    worker.onmessageerror?.({} as MessageEvent);
    await expect(third).rejects.toMatchObject({ reason: 'crashed' });
  });

  test('a message that cannot be sent rejects its request at once', async () => {
    const rpc = createWorkerRpc<Req, number>(() => ({
      ...fakeWorker(doubling),
      postMessage() {
        throw new Error('DataCloneError');
      },
    }));
    await expect(rpc.ask({ type: 'double', n: 1 })).rejects.toMatchObject({ reason: 'crashed' });
    expect(rpc.pending).toBe(0);
  });
});
