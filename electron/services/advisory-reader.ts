/**
 * Reading the files of an advisories import — listing folders and zips, parsing and
 * checking every file — in a worker thread of its own (workers/advisory-reader.ts) in the
 * built app and CLI, so neither the data host nor the CLI's thread holds a large import;
 * in the caller's thread when running from source (tests). Progress once a percent; a
 * cancel ends the worker. Nothing here writes: the service writes what comes back.
 */
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { AppError } from '../domain/errors';
import {
  compareTrackingVersions,
  newerCatalog,
  readAdvisoryFile,
} from '../domain/vulnerabilities/advisory-file';
import type { Advisory, KevCatalog } from '../domain/vulnerabilities/model';
import type { AdvisoryImportSummary } from '../domain/vulnerabilities/advisory-api';
import { createWorkerClient, type WorkerClient } from '../workers/client';
import type { OpHandlers, WorkerHooks } from '../workers/serve';
import { listAdvisorySources } from './advisory-files';

/** What was read, before anything is written. */
export interface AdvisoriesRead {
  /** The newest version of each tracking id found, with its file. */
  advisories: { advisory: Advisory; file: string }[];
  kev: { catalog: KevCatalog; file: string } | null;
  /** The summary so far: files, skipped, refused, ignored (the service adds what it writes). */
  summary: AdvisoryImportSummary;
  /** The user named one file (not a folder or zip): it imports or nothing is written. */
  single: boolean;
}

/** The reader's one operation. */
export type AdvisoryReadOps = { read: { args: { paths: string[] }; value: AdvisoriesRead } };

const CANCELLED = 'The import was cancelled; nothing was changed';
/** How long reading in the caller's thread holds it before letting other work in. */
const SLICE_MS = 30;

/**
 * The worker bundle, next to main.js and cli.js in a build; absent when running from
 * source (tests), unless VENDOR_RISK_ADVISORY_WORKER names a built one.
 */
const WORKER_FILE = process.env.VENDOR_RISK_ADVISORY_WORKER ?? join(__dirname, 'advisory-reader.js');

/** The reader's operations (served by the worker, or run here from source). */
export function advisoryReadOps(): OpHandlers<AdvisoryReadOps> {
  return { read: ({ paths }, hooks) => readAdvisorySources(paths, hooks) };
}

/** A reader for one import: a worker started for the call and ended after it. */
export function createAdvisoryReader(): WorkerClient<AdvisoryReadOps> {
  return createWorkerClient<AdvisoryReadOps>({
    file: WORKER_FILE,
    name: 'advisory reader',
    warm: false,
    // Stopped between files, not ended mid-file: ending a thread while it sets up a zlib stream
    // for a zip aborts the whole process (Node's "close before init" assertion; seen in CI).
    cancel: 'flag',
    cancelledMessage: CANCELLED,
    local: advisoryReadOps,
  });
}

/** Reads every file under `paths`, reporting progress and looking at the cancel flag between files. */
export async function readAdvisorySources(
  paths: readonly string[],
  hooks: Pick<WorkerHooks, 'progress' | 'cancelled'>,
): Promise<AdvisoriesRead> {
  const listing = listAdvisorySources(paths);
  const summary: AdvisoryImportSummary = {
    files: listing.sources.length + listing.refused.length,
    advisories: [],
    kev: null,
    skipped: [],
    refused: [...listing.refused],
    ignored: listing.ignored,
  };
  const single =
    paths.length === 1 && summary.files === 1 && (listing.sources[0]?.named ?? listing.refused.length === 1);
  const found = new Map<string, { advisory: Advisory; file: string }>();
  let kev: AdvisoriesRead['kev'] = null;
  const total = listing.sources.length;
  let slice = Date.now();
  for (let i = 0; i < total; i++) {
    if (Date.now() - slice > SLICE_MS) {
      await nextTurn();
      slice = Date.now();
    }
    if (hooks.cancelled()) throw new AppError('CANCELLED', CANCELLED);
    const source = listing.sources[i]!;
    // The same words for every file, so progress crosses threads once a percent, not once a file.
    hooks.progress(i, total, 'Reading advisories');
    let outcome;
    try {
      outcome = readAdvisoryFile(source.name, source.read());
    } catch (error) {
      outcome = { kind: 'refused', problem: error instanceof Error ? error.message : String(error) } as const;
    }
    const file = source.name;
    if (outcome.kind === 'refused') summary.refused.push({ file, problem: outcome.problem });
    else if (outcome.kind === 'skipped') summary.skipped.push({ file, reason: outcome.reason });
    else if (outcome.kind === 'csaf') keepNewer(found, summary, outcome.advisory, file);
    else if (!kev || newerCatalog(outcome.catalog, kev.catalog)) {
      if (kev) summary.skipped.push({ file: kev.file, reason: `an older KEV catalog than ${file}` });
      kev = { catalog: outcome.catalog, file };
    } else summary.skipped.push({ file, reason: `an older KEV catalog than ${kev.file}` });
  }
  hooks.progress(total, total, 'Read');
  return { advisories: [...found.values()], kev, summary, single };
}

/** Keeps, of two files with the same tracking id in one import, the newer version. */
function keepNewer(
  found: Map<string, { advisory: Advisory; file: string }>,
  summary: AdvisoryImportSummary,
  advisory: Advisory,
  file: string,
): void {
  const seen = found.get(advisory.trackingId);
  if (!seen || compareTrackingVersions(advisory.version, seen.advisory.version) > 0) {
    if (seen)
      summary.skipped.push({
        file: seen.file,
        reason: `an older version of ${advisory.trackingId} than ${file}`,
      });
    found.set(advisory.trackingId, { advisory, file });
  } else
    summary.skipped.push({
      file,
      reason: `not newer than version ${seen.advisory.version} of ${advisory.trackingId} in ${seen.file}`,
    });
}
