/**
 * Operations and a device import's write, kept apart. The import worker writes on a
 * connection of its own and holds the database's write lock for its whole transaction; a
 * write on the app's connection meanwhile would wait for the lock on the main thread,
 * holding the window (or fail after the busy timeout). So: an import's write waits until
 * the operations already running have finished, and operations that arrive during it wait
 * (asynchronously) until it is done. Operations run together as before.
 */
export interface ImportGate {
  /** Runs an operation, after any import being written. */
  shared<T>(run: () => T | Promise<T>): Promise<T>;
  /** Runs an import's write alone: after the operations running now, before any that arrive. */
  exclusive<T>(run: () => Promise<T>): Promise<T>;
}

/** Creates a gate. */
export function createImportGate(): ImportGate {
  let running = 0;
  let writer: Promise<unknown> | null = null;
  let drained: (() => void) | null = null;

  return {
    async shared(run) {
      while (writer) await writer.catch(() => undefined);
      running += 1;
      try {
        return await run();
      } finally {
        running -= 1;
        if (running === 0) drained?.();
      }
    },
    async exclusive(run) {
      while (writer) await writer.catch(() => undefined);
      const turn = (async () => {
        if (running > 0) await new Promise<void>((resolve) => (drained = resolve));
        drained = null;
        return run();
      })();
      writer = turn;
      try {
        return await turn;
      } finally {
        if (writer === turn) writer = null;
      }
    },
  };
}
