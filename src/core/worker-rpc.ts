/**
 * One request/answer protocol for every worker of the app (clusters, islands, exports).
 *
 * The page sends `{ seq, body }`: `seq` is null for a message that wants no answer. The worker
 * answers `{ seq, kind: 'answer', body }` or `{ seq, kind: 'error', message }`, and may send
 * `{ seq, kind: 'progress', body }` before. Every pending request is settled: by its answer, by
 * the worker's failure (its script did not load, an uncaught error, a message that could not be
 * read) and by `destroy()`. Pure: it needs nothing of the DOM but the Worker interface.
 */

/** What the helper needs of a Worker (a fake one in unit tests). */
export interface WorkerLike {
  postMessage(message: unknown, transfer: Transferable[]): void;
  terminate(): void;
  onmessage: ((event: MessageEvent) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  onmessageerror: ((event: MessageEvent) => void) | null;
}

/** What the worker's side needs of its global scope. */
export interface WorkerScopeLike {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  onmessage: ((event: MessageEvent) => void) | null;
}

export interface RpcEnvelope<Request> {
  seq: number | null;
  body: Request;
}

export type RpcReply<Answer, Progress> =
  | { seq: number; kind: 'answer'; body: Answer }
  | { seq: number; kind: 'progress'; body: Progress }
  | { seq: number; kind: 'error'; message: string };

/**
 * Why a request got no answer: the worker's handler threw (`failed`), the worker itself failed
 * (`crashed`), or the client was destroyed (`destroyed`).
 */
export class WorkerRpcError extends Error {
  constructor(
    readonly reason: 'failed' | 'crashed' | 'destroyed',
    message: string,
  ) {
    super(message);
    this.name = 'WorkerRpcError';
  }
}

export interface WorkerRpc<Request, Answer, Progress = never> {
  /** Sends a message that wants no answer. */
  post(request: Request, transfer?: Transferable[]): void;
  /** Sends a request; resolves with its answer, rejects with a {@link WorkerRpcError}. */
  ask(
    request: Request,
    options?: { transfer?: Transferable[]; onProgress?: (progress: Progress) => void },
  ): Promise<Answer>;
  /** Starts the worker now rather than with the first message (its code loads meanwhile). */
  start(): void;
  /** How many requests await their answer. */
  readonly pending: number;
  /** Stops the worker; every pending request is rejected (`destroyed`). */
  destroy(): void;
}

/**
 * The page's side: `start` makes the worker, called with the first message (or {@link WorkerRpc.start}).
 * After `destroy`, messages are dropped and requests rejected at once.
 */
export function createWorkerRpc<Request, Answer, Progress = never>(
  start: () => WorkerLike,
): WorkerRpc<Request, Answer, Progress> {
  let worker: WorkerLike | null = null;
  let destroyed = false;
  let seq = 0;
  const waiting = new Map<
    number,
    { resolve: (answer: Answer) => void; reject: (error: WorkerRpcError) => void; onProgress?: (p: Progress) => void }
  >();

  const settleAll = (error: WorkerRpcError) => {
    const all = [...waiting.values()];
    waiting.clear();
    for (const { reject } of all) reject(error);
  };
  const ensure = (): WorkerLike => {
    if (worker) return worker;
    const w = start();
    worker = w;
    w.onmessage = (event: MessageEvent<RpcReply<Answer, Progress>>) => {
      const reply = event.data;
      const request = waiting.get(reply.seq);
      if (!request) return;
      if (reply.kind === 'progress') return request.onProgress?.(reply.body);
      waiting.delete(reply.seq);
      if (reply.kind === 'answer') request.resolve(reply.body);
      else request.reject(new WorkerRpcError('failed', reply.message));
    };
    w.onerror = (event: ErrorEvent) => {
      const message = event.message || 'worker error';
      settleAll(new WorkerRpcError('crashed', message));
    };
    w.onmessageerror = () => settleAll(new WorkerRpcError('crashed', 'unreadable message from the worker'));
    return w;
  };

  return {
    post(request, transfer = []) {
      if (destroyed) return;
      ensure().postMessage({ seq: null, body: request } satisfies RpcEnvelope<Request>, transfer);
    },
    ask(request, options = {}) {
      if (destroyed) return Promise.reject(new WorkerRpcError('destroyed', 'worker stopped'));
      const id = ++seq;
      return new Promise<Answer>((resolve, reject) => {
        waiting.set(id, { resolve, reject, ...(options.onProgress ? { onProgress: options.onProgress } : {}) });
        try {
          ensure().postMessage({ seq: id, body: request } satisfies RpcEnvelope<Request>, options.transfer ?? []);
        } catch (error) {
          // A message that cannot be cloned, or a worker that cannot start.
          waiting.delete(id);
          reject(new WorkerRpcError('crashed', error instanceof Error ? error.message : String(error)));
        }
      });
    },
    start() {
      if (!destroyed) ensure();
    },
    get pending() {
      return waiting.size;
    },
    destroy() {
      destroyed = true;
      worker?.terminate();
      settleAll(new WorkerRpcError('destroyed', 'worker stopped'));
    },
  };
}

/**
 * The worker's side: `handle` answers each request (a value or a promise); a throw is sent back as
 * the request's error. Messages that want no answer are handled the same, their result dropped
 * (a throw then goes to the console).
 */
export function serveRpc<Request, Answer, Progress = never>(
  scope: WorkerScopeLike,
  handle: (request: Request, progress: (progress: Progress) => void) => Answer | Promise<Answer>,
): void {
  scope.onmessage = async (event: MessageEvent<RpcEnvelope<Request>>) => {
    const { seq, body } = event.data;
    const reply = (message: RpcReply<Answer, Progress>) => scope.postMessage(message);
    const progress = (p: Progress) => {
      if (seq !== null) reply({ seq, kind: 'progress', body: p });
    };
    try {
      const answer = await handle(body, progress);
      if (seq !== null) reply({ seq, kind: 'answer', body: answer });
    } catch (error) {
      if (seq === null) throw error;
      reply({ seq, kind: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  };
}
