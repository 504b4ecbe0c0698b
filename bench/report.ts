import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, writeFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { join } from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { ranOutsidePauses, watchMachinePauses, type PauseWitness } from './machine-pauses';

const RESULTS = join(__dirname, 'results', 'latest.json');

// The witnesses of the machine's pauses start with the bench, not inside a timed window.
void watchMachinePauses();

/** Prints one benchmark line and keeps it in bench/results/latest.json. */
export function report(name: string, values: Record<string, number | string | boolean>): void {
  const line = Object.entries(values)
    .map(([k, v]) => `${k}=${typeof v === 'number' ? +v.toFixed(3) : v}`)
    .join('  ');
  console.log(`bench ${name}: ${line}`);
  mkdirSync(join(__dirname, 'results'), { recursive: true });
  const all = existsSync(RESULTS)
    ? (JSON.parse(readFileSync(RESULTS, 'utf8')) as Record<string, unknown>)
    : {};
  all[name] = { ...values, at: new Date().toISOString() };
  writeFileSync(RESULTS, JSON.stringify(all, null, 2));
}

/** The median of some numbers. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The wall time of running Node with `args` to its end (throws if it fails). */
export function nodeWallMs(args: readonly string[]): number {
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
  return ms;
}

/**
 * The median wall time of each Node command over `rounds` rounds, the commands taking turns
 * within a round: a change in the machine's load falls on all of them alike, so their ratio
 * is the programs', not the moment's (run one block after another, a burst of load during
 * one block moved the ratio by 10 % and more).
 */
export function medianWallMs(commands: readonly (readonly string[])[], rounds: number): number[] {
  const times = commands.map(() => [] as number[]);
  for (let round = 0; round < rounds; round++)
    commands.forEach((args, i) => times[i]!.push(nodeWallMs(args)));
  return times.map(median);
}

/** The longest the main thread may be blocked while the data host works: one frame (issue 17). */
export const BLOCK_GOAL_MS = 16;

/** What this thread's 5 ms timer saw while some work ran (see `mainThreadBlocks`). */
export interface MainThreadBlocks {
  /** The most time this thread itself ran between two ticks of the timer, the machine's pauses taken off: its longest block. */
  blockMs: number;
  /** The same before the machine's pauses were taken off (what the scheduler charged the thread). */
  chargedMs: number;
  /** The longest pause of the whole machine the witness saw in the window (0: none). */
  machinePauseMs: number;
  /** What the machine's pauses took off the longest block's tick (several may fall in one). */
  blockPausedMs: number;
  /** How the witnesses of those pauses ran (bench/machine-pauses.ts). */
  pauseWitness: PauseWitness['runs'];
  /** The longest wall-clock gap between two ticks (beyond the 5 ms asked for), whatever kept the thread away. */
  gapMs: number;
  /** Of that gap, how long the thread was ready but waiting for a CPU (Linux; null elsewhere). */
  gapWaitingForCpuMs: number | null;
}

/**
 * How long the thread this runs on (the app's main thread in the benches) was kept from its
 * event loop while `work` ran, measured with a 5 ms timer.
 *
 * The block is the time the thread itself *ran* between two ticks (its own JavaScript,
 * message handling, garbage collection of its heap): a task of 40 ms shows as 40 ms. It is
 * not the wall-clock gap between ticks, which is reported beside it: on a 2-core machine
 * shared with other builds the OS leaves a ready thread waiting for a CPU for 20–150 ms at
 * a time; a Node process doing nothing at all showed a 115 ms gap there (load 14). That is
 * the machine, not the app, and it hid what the app's main thread does, which is under a
 * few milliseconds per tick (docs/decisions.md, "The main thread's longest block"). A
 * synchronous wait on the main thread (sync I/O from disk, Atomics.wait) would not count as
 * running; the main process's forwarding has none.
 *
 * The virtual machine's own pauses (its host stops it whole, up to ~100 ms) are charged by
 * the kernel to the thread that held a CPU as running time; a witness process sees them
 * (bench/machine-pauses.ts) and each tick's running time is counted without them
 * (`ranOutsidePauses`). What the scheduler charged is reported beside it (`chargedMs`).
 *
 * Before the timer starts, this thread's heap is collected, so the bench's own garbage
 * (seeding, baselines, the inventory file written, earlier benches in the same process) is
 * not collected inside the measured window and charged to the app. The bench's workers run
 * without V8's memory reducer (bench/playwright.config.ts): it would otherwise shrink this
 * 70 MB heap (the test runner, the seeding services) with full collections about 8 s after
 * any collection that freed much, in the middle of an idle window (70 ms of this thread
 * seen). A collection that the window's own allocations cause still counts.
 */
/** A `performance.now()` reading on the monotonic clock, in microseconds. */
function monotonicMicros(at: number): string {
  const nowMicros = process.hrtime.bigint() / 1000n;
  return String(nowMicros - BigInt(Math.round((performance.now() - at) * 1000)));
}

export async function mainThreadBlocks(work: () => Promise<void>): Promise<MainThreadBlocks> {
  const witness = await watchMachinePauses();
  collectGarbage();
  const clock = threadClock();
  let last = performance.now();
  let lastClock = clock.read();
  let lastUsage = process.threadCpuUsage();
  /** Each tick: from, to, the running time the scheduler charged (never more than the wall time), the CPUs it started and ended on (-1: unknown). */
  const ticks: number[] = [];
  /** Each tick's user and kernel time of this thread (ms) and its page faults, for the message about a long block. */
  const split: number[] = [];
  let gap = 0;
  let gapWaiting: number | null = null;
  const tick = () => {
    const now = performance.now();
    const times = clock.read();
    // Never more than the wall-clock time between the ticks: after a pause of the virtual
    // machine the scheduler's clock can catch up in one step (100 ms "run" in 6 ms seen here).
    const ran = Math.min(times.runningMs - lastClock.runningMs, now - last);
    const waited =
      times.waitingMs === null || lastClock.waitingMs === null ? null : times.waitingMs - lastClock.waitingMs;
    ticks.push(last, now, ran, lastClock.cpu ?? -1, times.cpu ?? -1);
    const usage = process.threadCpuUsage();
    split.push(
      (usage.user - lastUsage.user) / 1000,
      (usage.system - lastUsage.system) / 1000,
      (times.faults ?? 0) - (lastClock.faults ?? 0),
    );
    lastUsage = usage;
    if (now - last - 5 > gap) {
      gap = now - last - 5;
      gapWaiting = waited;
    }
    last = now;
    lastClock = times;
  };
  // This thread's collections in the window: a block over a frame names the ones it overlapped.
  const collections: { from: number; to: number; kind: number }[] = [];
  const gcWatch = new PerformanceObserver((list) => {
    for (const e of list.getEntries())
      collections.push({
        from: e.startTime,
        to: e.startTime + e.duration,
        kind: (e as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind ?? 0,
      });
  });
  gcWatch.observe({ entryTypes: ['gc'] });
  const timer = setInterval(tick, 5);
  try {
    await work();
  } finally {
    clearInterval(timer);
    gcWatch.disconnect();
    // A block at the very end of the work, which no timer tick came after.
    tick();
    clock.close();
  }
  const start = ticks[0] ?? 0;
  const pauses = witness.seen().filter((p) => p.to > start && p.from < last);
  let block = 0;
  let charged = 0;
  let worst = { from: 0, to: 0, user: 0, system: 0, faults: 0 };
  let blockPaused = 0;
  for (let i = 0; i < ticks.length; i += 5) {
    const [from, to, ran, cpuFrom, cpu] = ticks.slice(i, i + 5) as [number, number, number, number, number];
    const t = { from, to, ran, cpus: cpu < 0 || cpuFrom < 0 ? null : [cpuFrom, cpu] };
    charged = Math.max(charged, t.ran);
    const outside = ranOutsidePauses(t, pauses);
    if (outside > block) {
      block = outside;
      blockPaused = t.ran - outside;
      const at = (i / 5) * 3;
      worst = { from, to, user: split[at] ?? 0, system: split[at + 1] ?? 0, faults: split[at + 2] ?? 0 };
    }
  }
  if (block > 16) {
    const overlapped = collections.filter((c) => c.to > worst.from && c.from < worst.to);
    process.stderr.write(
      `bench: longest block ${block.toFixed(1)} ms in a ${(worst.to - worst.from).toFixed(1)} ms tick ` +
        `(user ${worst.user.toFixed(1)} ms, kernel ${worst.system.toFixed(1)} ms, ${worst.faults} page faults); ` +
        (overlapped.length
          ? `collections of this thread in it: ${overlapped.map((c) => `kind ${c.kind} ${(c.to - c.from).toFixed(1)} ms`).join(', ')}`
          : 'no collection of this thread in it') +
        // The tick on the monotonic clock (µs), as a CPU profile of this thread stamps its samples.
        `; monotonic µs ${monotonicMicros(worst.from)}–${monotonicMicros(worst.to)}\n`,
    );
  }
  return {
    blockMs: block,
    chargedMs: charged,
    machinePauseMs: Math.max(0, ...pauses.map((p) => p.ms)),
    blockPausedMs: blockPaused,
    pauseWitness: witness.runs,
    gapMs: Math.max(0, gap),
    gapWaitingForCpuMs: gapWaiting,
  };
}

/** The longest this thread ran without returning to its event loop while `work` ran (see `mainThreadBlocks`). */
export async function longestBlock(work: () => Promise<void>): Promise<number> {
  return (await mainThreadBlocks(work)).blockMs;
}

let gc: (() => void) | null = null;

/** A full collection of this thread's heap (V8's `gc`, made reachable for the bench once). */
function collectGarbage(): void {
  if (!gc) {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  }
  gc();
}

/**
 * This thread's running time and, on Linux, its time ready but waiting for a CPU (the
 * scheduler's own counters, in nanoseconds, for this thread only); elsewhere the
 * running time is the thread's CPU time.
 */
function threadClock(): {
  read(): { runningMs: number; waitingMs: number | null; cpu: number | null; faults?: number };
  close(): void;
} {
  let fd: number | null;
  let statFd: number | null = null;
  try {
    fd = openSync('/proc/thread-self/schedstat', 'r');
    statFd = openSync('/proc/thread-self/stat', 'r');
  } catch {
    fd = null; // not Linux
  }
  if (fd === null || statFd === null)
    return {
      read() {
        const cpu = process.threadCpuUsage();
        return { runningMs: (cpu.user + cpu.system) / 1000, waitingMs: null, cpu: null };
      },
      close() {},
    };
  const buffer = Buffer.alloc(1024);
  const schedstat = fd;
  const stat = statFd;
  return {
    read() {
      const [running, waiting] = buffer
        .toString('latin1', 0, readSync(schedstat, buffer, 0, 128, 0))
        .split(' ');
      // The CPU it last ran on: field 39 of its stat, counted after the name's closing parenthesis.
      const fields = buffer.toString('latin1', 0, readSync(stat, buffer, 0, 1024, 0));
      const after = fields.slice(fields.lastIndexOf(')') + 2).split(' ');
      // Field 39 (the CPU it last ran on) and field 10 (its minor page faults so far).
      const cpu = Number(after[36]);
      return {
        runningMs: Number(running) / 1e6,
        waitingMs: Number(waiting) / 1e6,
        cpu,
        faults: Number(after[7]),
      };
    },
    close: () => {
      closeSync(schedstat);
      closeSync(stat);
    },
  };
}
