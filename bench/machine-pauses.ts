/**
 * The virtual machine's own pauses, seen by a witness: a separate Node process that sleeps
 * 2 ms at a time and notes every wake-up that came late by more than it waited for a CPU.
 *
 * Why: the host of this VM stops it, whole or one virtual CPU, for up to ~100 ms at a
 * time (CPU bandwidth limits on the host). The guest's clock runs on through the pause, and the kernel charges
 * it to whatever thread was on a CPU as *running* time: the main thread, holding a CPU
 * for its 5 ms timer, was seen to "run" 100.5 ms in one tick and nothing in the next
 * (docs/decisions.md, "The main thread's longest block"). Inside the VM nothing reports
 * it (steal time is 0). The witness does: a sleeping process woken late, with no time
 * spent waiting for a CPU (its scheduler counters, `/proc/thread-self/schedstat`), was
 * late because the machine did not run at all. It is a process of its own, not a thread
 * of the bench's: a thread would share the bench's memory map and could be held up by
 * another thread's memory work, which is the app's, not the machine's.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A stretch in which the machine (or one of its CPUs, `cpu`; null: not known which)
 * stood still: `ms` of it fell between `from` and `to` (performance.now() of this thread).
 */
export interface MachinePause {
  from: number;
  to: number;
  ms: number;
  cpu: number | null;
}

/** How long the witness sleeps at a time. */
const SLEEP_MS = 2;
/** Lateness beyond its own CPU wait under which the witness notes nothing (timer slack, its own work). */
const MIN_PAUSE_MS = 1;

// The witness: its pauses go to the file argv[1] as "from to ms" lines (CLOCK_MONOTONIC ms); it stops when argv[2] exists.
const WITNESS = `
const fs = require('node:fs');
const [out, stop] = process.argv.slice(1);
const parent = process.ppid;
const stat = fs.openSync('/proc/thread-self/schedstat', 'r');
const buf = Buffer.alloc(128);
const waitedMs = () => Number(buf.toString('latin1', 0, fs.readSync(stat, buf, 0, 128, 0)).split(' ')[1]) / 1e6;
const cell = new Int32Array(new SharedArrayBuffer(4));
const fd = fs.openSync(out, 'w');
const now = () => Number(process.hrtime.bigint()) / 1e6;
fs.writeSync(1, 'ready\\n');
let t0 = now(), w0 = waitedMs();
for (let n = 1; ; n++) {
  Atomics.wait(cell, 0, 0, ${SLEEP_MS});
  const t1 = now(), w1 = waitedMs();
  const paused = t1 - t0 - ${SLEEP_MS} - (w1 - w0);
  if (paused > ${MIN_PAUSE_MS}) fs.writeSync(fd, t0 + ' ' + t1 + ' ' + paused + '\\n');
  t0 = t1; w0 = w1;
  // Ends with the bench: told so, or its folder gone, or left by the process that started it.
  if (n % 25 === 0 && (fs.existsSync(stop) || !fs.existsSync(out) || process.ppid !== parent)) break;
}
`;

/** The running witnesses (one set per process, kept until it exits). */
export interface PauseWitness {
  /** How the witnesses run: one per CPU at a real-time priority, one at a real-time priority, one at the normal one, or none. */
  readonly runs: 'realtime-per-cpu' | 'realtime' | 'normal' | 'none';
  /** Every pause seen so far (none where they cannot run: not Linux). */
  seen(): MachinePause[];
}

let watching: Promise<PauseWitness> | null = null;

/**
 * The witnesses, started on the first call and kept running until this process exits
 * (so starting them is not timed with the work a bench measures). The host stops one
 * virtual CPU at a time as well as the whole machine, so there is one witness per CPU,
 * each kept on its CPU (`taskset`) at a real-time priority (`chrt -f`): it then never
 * waits for a CPU behind the machine's other work, so no pause hides in such a wait.
 * Where that is not allowed, one witness runs at a real-time priority, or at the normal
 * one; a pause it does not see stays charged to the app.
 */
export function watchMachinePauses(): Promise<PauseWitness> {
  return (watching ??= startAll());
}

async function startAll(): Promise<PauseWitness> {
  const cpus = availableParallelism();
  const pinned = await Promise.all(
    Array.from({ length: cpus }, (_, cpu) =>
      startWitness(['taskset', '-c', String(cpu), 'chrt', '-f', '10', process.execPath], cpu),
    ),
  );
  if (pinned.every((w) => w !== null)) return combined('realtime-per-cpu', pinned);
  for (const w of pinned) w?.end();
  const one =
    (await startWitness(['chrt', '-f', '10', process.execPath], null)) ??
    (await startWitness([process.execPath], null));
  if (!one) return { runs: 'none', seen: () => [] };
  return combined(one.realtime ? 'realtime' : 'normal', [one]);
}

function combined(runs: PauseWitness['runs'], witnesses: Witness[]): PauseWitness {
  return { runs, seen: () => witnesses.flatMap((w) => w.seen()) };
}

interface Witness {
  realtime: boolean;
  seen(): MachinePause[];
  end(): void;
}

async function startWitness(command: string[], cpu: number | null): Promise<Witness | null> {
  const dir = mkdtempSync(join(tmpdir(), 'vendor-risk-bench-pauses-'));
  const out = join(dir, 'pauses.txt');
  const stopFile = join(dir, 'stop');
  const child = spawn(command[0]!, [...command.slice(1), '-e', WITNESS, out, stopFile], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const ready = await new Promise<boolean>((resolve) => {
    child.stdout.once('data', () => resolve(true));
    child.once('error', () => resolve(false));
    void exited.then(() => resolve(false));
  });
  const end = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill();
    rmSync(dir, { recursive: true, force: true });
  };
  if (!ready) {
    end();
    return null;
  }
  // This process may exit while the witness watches; the witness ends with it.
  child.unref();
  child.stdout.destroy();
  process.once('exit', end);
  return {
    realtime: command[0] !== process.execPath,
    seen() {
      // The witness's clock is CLOCK_MONOTONIC (hrtime); this thread's is performance.now().
      const offset = Number(process.hrtime.bigint()) / 1e6 - performance.now();
      return readFileSync(out, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => {
          const [from, to, ms] = l.split(' ').map(Number) as [number, number, number];
          return { from: from - offset, to: to - offset, ms, cpu };
        });
    },
    end,
  };
}

/**
 * The running time of one tick of the main thread (`ran`, between `from` and `to`) less
 * what the machine's pauses could have added to it. The kernel charges a CPU's pause to
 * the thread running on it; so a pause counts only if it was of a CPU the thread was on
 * at the tick's start or end (`cpus`; null: not known, any pause counts), or of the whole
 * machine. Each such pause overlapping the tick takes off at most its own length, and at
 * most the part of the tick it overlaps. A thread's own work is never taken off: without
 * a pause in the tick, it counts whole.
 */
export function ranOutsidePauses(
  tick: { from: number; to: number; ran: number; cpus: readonly number[] | null },
  pauses: readonly MachinePause[],
): number {
  let off = 0;
  for (const p of pauses) {
    if (p.cpu !== null && tick.cpus !== null && !tick.cpus.includes(p.cpu)) continue;
    const overlap = Math.min(tick.to, p.to) - Math.max(tick.from, p.from);
    if (overlap > 0) off += Math.min(p.ms, overlap);
  }
  return Math.max(0, tick.ran - off);
}
