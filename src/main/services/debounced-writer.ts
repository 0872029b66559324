/**
 * Coalesces bursts of changes into few writes. `schedule()` resolves once a write that started
 * after the call has finished, so a caller that awaits it knows its change is on disk.
 * Writes never overlap: each starts after the previous one has finished.
 */
export interface DebouncedWriter {
  /** Requests a write within `delayMs`; resolves when the data as of now is durable. */
  schedule(): Promise<void>;
  /** Writes now if anything is pending; resolves when nothing is pending or in flight. */
  flush(): Promise<void>;
  /** Whether a change is waiting or being written. */
  readonly isPending: boolean;
}

export function createDebouncedWriter(write: () => Promise<void>, delayMs: number): DebouncedWriter {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let chain: Promise<void> = Promise.resolve();
  let running = 0;
  // Callers waiting for a write that has not started yet.
  let waiting: { resolve: () => void; reject: (e: unknown) => void }[] = [];

  const writeBatch = async (): Promise<void> => {
    if (waiting.length === 0) return;
    const batch = waiting;
    waiting = [];
    try {
      await write();
      for (const w of batch) w.resolve();
    } catch (err) {
      for (const w of batch) w.reject(err);
    }
  };
  const enqueue = (): Promise<void> => {
    running++;
    chain = chain.then(writeBatch).finally(() => { running--; });
    return chain;
  };

  return {
    schedule() {
      return new Promise<void>((resolve, reject) => {
        waiting.push({ resolve, reject });
        if (!timer) timer = setTimeout(() => { timer = null; void enqueue(); }, delayMs);
      });
    },
    async flush() {
      if (timer) { clearTimeout(timer); timer = null; }
      await enqueue();
    },
    get isPending() { return timer !== null || running > 0 || waiting.length > 0; },
  };
}
