import { Worker } from 'node:worker_threads';

/**
 * A TCP proxy to `target`'s server that counts the connections made through it (each is one
 * login) and those closed, and can hold what passes through it (a server or network that goes
 * quiet without refusing). It runs in a thread of its own, as the test's thread blocks while
 * a query is asked.
 */
export function countingProxy(target: URL): {
  port: number;
  connections(): number;
  /** Waits until at least `n` connections have closed. */
  waitClosed(n: number): void;
  /** From now on nothing passes either way (it is kept, in order) until `release`. */
  hold(): void;
  /**
   * From now on the server's side is held, the client's still passes: what is asked reaches
   * the server and is done there, and its answer is kept (a network that loses the way back).
   */
  holdAnswers(): void;
  /**
   * Lets everything through until the client sends `text` (a statement such as COMMIT, in the
   * clear on a loopback connection without TLS), then holds the answers from there on.
   */
  holdAnswersFrom(text: string): void;
  /** Lets what was held through, then everything again. */
  release(): void;
  /** Holds now and lets go by itself after `ms` (for a test whose thread blocks on a query meanwhile). */
  holdFor(ms: number): void;
  close(): Promise<number>;
} {
  // Words: connections made, the port, connections closed, held (1 both ways, 2 answers only) or
  // not, and how many holdAnswersFrom the proxy has taken.
  const words = new Int32Array(new SharedArrayBuffer(20));
  const worker = new Worker(
    `const { workerData, parentPort } = require('node:worker_threads');
     const net = require('node:net');
     const words = new Int32Array(workerData.shared);
     const flushes = new Set();
     let marker = null;
     // One direction: chunks pass at once unless held, or while earlier ones still wait (order
     // kept). A side that closes (ended, or gone without a word) closes the other after what it
     // sent, as a network delivers the goodbye after the packets it delayed.
     const relay = (from, to, answers) => {
       const waiting = [];
       let ended = false;
       const finish = () => {
         flushes.delete(flush);
         to.end();
       };
       const flush = () => {
         for (const chunk of waiting.splice(0)) to.write(chunk);
         if (ended) finish();
       };
       flushes.add(flush);
       from.on('data', (chunk) => {
         if (!answers && marker && chunk.includes(marker)) {
           marker = null;
           Atomics.store(words, 3, 2);
         }
         const held = Atomics.load(words, 3);
         if (held === 1 || (held === 2 && answers) || waiting.length > 0) waiting.push(chunk);
         else to.write(chunk);
       });
       const closed = () => {
         ended = true;
         if (waiting.length === 0) finish();
       };
       from.on('end', closed);
       from.on('close', closed);
     };
     const release = () => {
       Atomics.store(words, 3, 0);
       for (const flush of flushes) flush();
     };
     parentPort.on('message', (m) => {
       if (m === 'release') release();
       else if (typeof m === 'object') {
         marker = Buffer.from(m.from);
         Atomics.add(words, 4, 1);
         Atomics.notify(words, 4);
       }
       else if (typeof m === 'number') setTimeout(release, m);
     });
     const server = net.createServer((client) => {
       Atomics.add(words, 0, 1);
       const upstream = net.connect(workerData.port, workerData.host);
       client.on('close', () => {
         Atomics.add(words, 2, 1);
         Atomics.notify(words, 2);
       });
       client.on('error', () => upstream.destroy());
       upstream.on('error', () => client.destroy());
       relay(client, upstream, false);
       relay(upstream, client, true);
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
    hold: () => Atomics.store(words, 3, 1),
    holdAnswers: () => Atomics.store(words, 3, 2),
    holdAnswersFrom: (text) => {
      const taken = Atomics.load(words, 4);
      worker.postMessage({ from: text });
      // Armed before the caller goes on (the proxy's thread takes it at once).
      Atomics.wait(words, 4, taken, 30_000);
      if (Atomics.load(words, 4) === taken) throw new Error('the counting proxy did not take the marker');
    },
    release: () => {
      Atomics.store(words, 3, 0);
      worker.postMessage('release');
    },
    holdFor: (ms) => {
      Atomics.store(words, 3, 1);
      worker.postMessage(ms);
    },
    close: () => worker.terminate(),
  };
}
