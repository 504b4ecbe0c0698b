import { Worker } from 'node:worker_threads';

/**
 * A TCP proxy to `target`'s server that counts the connections made through it (each is one
 * login) and those closed. It runs in a thread of its own, as the test's thread blocks while
 * a query is asked.
 */
export function countingProxy(target: URL): {
  port: number;
  connections(): number;
  /** Waits until at least `n` connections have closed. */
  waitClosed(n: number): void;
  close(): Promise<number>;
} {
  const words = new Int32Array(new SharedArrayBuffer(12));
  const worker = new Worker(
    `const { workerData } = require('node:worker_threads');
     const net = require('node:net');
     const words = new Int32Array(workerData.shared);
     const server = net.createServer((client) => {
       Atomics.add(words, 0, 1);
       const upstream = net.connect(workerData.port, workerData.host);
       client.on('close', () => {
         Atomics.add(words, 2, 1);
         Atomics.notify(words, 2);
       });
       client.on('error', () => upstream.destroy());
       upstream.on('error', () => client.destroy());
       client.pipe(upstream).pipe(client);
     });
     server.listen(0, '127.0.0.1', () => {
       Atomics.store(words, 1, server.address().port);
       Atomics.notify(words, 1);
     });`,
    {
      eval: true,
      workerData: { shared: words.buffer, host: target.hostname, port: Number(target.port || 5432) },
    },
  );
  Atomics.wait(words, 1, 0, 30_000);
  if (words[1] === 0) throw new Error('the counting proxy did not start');
  return {
    port: words[1]!,
    connections: () => Atomics.load(words, 0),
    waitClosed: (n) => {
      const deadline = Date.now() + 30_000;
      for (let closed = Atomics.load(words, 2); closed < n; closed = Atomics.load(words, 2)) {
        if (Date.now() > deadline) throw new Error(`only ${closed} of ${n} connections closed`);
        Atomics.wait(words, 2, closed, 1000);
      }
    },
    close: () => worker.terminate(),
  };
}
