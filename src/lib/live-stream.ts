/**
 * An async iterator fed by pushes, for subscriptions: `next()` waits for the next pushed value, and `return()`
 * (the client completed, the socket closed) ends it at once, even while a producer is waiting for work; the
 * cleanups registered with `onEnd` run exactly once. A consumer that falls `maxBuffered` values behind ends the
 * stream with an error instead of growing the buffer without bound.
 */
export class LiveStream<T> implements AsyncIterableIterator<T> {
  private readonly buffer: T[] = [];
  private waiting: { resolve(r: IteratorResult<T>): void; reject(e: unknown): void } | undefined;
  private ended = false;
  private failure: unknown;
  private readonly cleanups: Array<() => unknown> = [];

  constructor(private readonly maxBuffered = 1000) {}

  get closed(): boolean {
    return this.ended;
  }

  push(value: T): void {
    if (this.ended) return;
    if (this.waiting) {
      const w = this.waiting;
      this.waiting = undefined;
      w.resolve({ value, done: false });
      return;
    }
    if (this.buffer.length >= this.maxBuffered) {
      this.end(new Error('The subscriber fell too far behind; subscribe again.'));
      return;
    }
    this.buffer.push(value);
  }

  /** Ends the stream (with an error: the consumer sees it after the buffered values). */
  end(error?: unknown): void {
    if (this.ended) return;
    this.ended = true;
    this.failure = error;
    for (const fn of this.cleanups.splice(0)) {
      try {
        void Promise.resolve(fn()).catch(() => undefined);
      } catch {
        // a cleanup failing must not keep the others from running
      }
    }
    if (this.waiting) {
      const w = this.waiting;
      this.waiting = undefined;
      if (error !== undefined) w.reject(error);
      else w.resolve({ value: undefined, done: true });
    }
  }

  /** Runs when the stream ends (at once when it has ended already). */
  onEnd(fn: () => unknown): void {
    if (this.ended) void Promise.resolve(fn()).catch(() => undefined);
    else this.cleanups.push(fn);
  }

  next(): Promise<IteratorResult<T>> {
    if (this.buffer.length > 0) return Promise.resolve({ value: this.buffer.shift()!, done: false });
    if (this.ended) {
      if (this.failure !== undefined) {
        const error = this.failure;
        this.failure = undefined;
        return Promise.reject(error instanceof Error ? error : new Error('The subscription stream failed.'));
      }
      return Promise.resolve({ value: undefined, done: true });
    }
    return new Promise((resolve, reject) => (this.waiting = { resolve, reject }));
  }

  return(): Promise<IteratorResult<T>> {
    this.buffer.length = 0;
    this.end();
    this.failure = undefined;
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(error: unknown): Promise<IteratorResult<T>> {
    this.end(error);
    return this.next();
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}

/**
 * Runs `work` on every `wake()`, one run at a time: wakes during a run fold into one more run after it.
 * A failing run is handed to `onError`.
 */
export function serialRunner(work: () => Promise<void>, onError: (error: unknown) => void): () => void {
  let running = false;
  let again = false;
  const run = async (): Promise<void> => {
    running = true;
    try {
      do {
        again = false;
        await work();
      } while (again);
    } catch (error) {
      onError(error);
    } finally {
      running = false;
    }
  };
  return () => {
    if (running) again = true;
    else void run();
  };
}
