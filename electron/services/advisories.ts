/**
 * Advisories and the known exploited vulnerabilities catalog, imported from files the user
 * brings (nothing is downloaded): CSAF files, folders and zips of them, and the KEV catalog
 * (JSON or CSV), each recognised by its content. Every file is read and checked first, with
 * progress and cancel; then what was read is written in one transaction with one audit
 * entry. A newer tracking version of an advisory replaces the stored one; an older or equal
 * one is kept. A re-imported catalog replaces the stored one, counting entries added and removed.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { AppError } from '../domain/errors';
import { compareTrackingVersions, readAdvisoryFile } from '../domain/vulnerabilities/advisory-file';
import type { Advisory, KevCatalog } from '../domain/vulnerabilities/model';
import type {
  AdvisoryImportSummary,
  AdvisorySummary,
  KevListing,
} from '../domain/vulnerabilities/advisory-api';
import type { StoredSummary } from '../storage/advisory-repo';
import { listAdvisorySources } from './advisory-files';
import { recordAudit, type JobContext, type ServiceContext } from './context';

const CANCELLED = 'The import was cancelled; nothing was changed';
/** How long the reading holds the thread before it lets other requests in. */
const SLICE_MS = 30;

/** What was read, before anything is written. */
interface Read {
  advisories: Map<string, { advisory: Advisory; file: string }>;
  kev: { catalog: KevCatalog; file: string } | null;
  summary: AdvisoryImportSummary;
  /** The user named one file (not a folder or zip): it imports or nothing is written. */
  single: boolean;
}

/** The advisory service of one data folder. */
export function createAdvisoryService(ctx: ServiceContext) {
  const repo = () => ctx.storage.advisories;

  return {
    /**
     * Imports the advisories and catalog found under `paths`. A file that is neither is
     * skipped and a malformed one refused, each with its name, while the others import;
     * when the paths name a single file and it cannot be imported, nothing is written and
     * the error names the file and its first problem.
     */
    async import(paths: readonly string[], job: JobContext): Promise<AdvisoryImportSummary> {
      const read = await readAll(paths, job);
      const { summary } = read;
      const only = read.single;
      if (only && summary.refused.length)
        throw new AppError('INVALID_INPUT', `${summary.refused[0]!.file}: ${summary.refused[0]!.problem}`);
      if (only && summary.skipped.length)
        throw new AppError('INVALID_INPUT', `${summary.skipped[0]!.file}: ${summary.skipped[0]!.reason}`);
      if (job.signal.aborted) throw new AppError('CANCELLED', CANCELLED);
      job.progress(summary.files, summary.files, `Writing ${read.advisories.size} advisories`);
      write(read);
      return summary;
    },

    /** Every stored advisory as listed, newest release first. */
    list: (): AdvisorySummary[] => repo().summaries(),

    /** The stored catalog and its entries. */
    kev: (): KevListing => ({ catalog: repo().kevCatalog(), entries: repo().kev() }),
  };

  /** Reads every file, a slice of time at a time, reporting progress and looking at the cancel signal. */
  async function readAll(paths: readonly string[], job: JobContext): Promise<Read> {
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
      paths.length === 1 &&
      summary.files === 1 &&
      (listing.sources[0]?.named ?? listing.refused.length === 1);
    const read: Read = { advisories: new Map(), kev: null, summary, single };
    const total = listing.sources.length;
    let slice = Date.now();
    for (let i = 0; i < total; i++) {
      if (Date.now() - slice > SLICE_MS) {
        await nextTurn();
        slice = Date.now();
      }
      if (job.signal.aborted) throw new AppError('CANCELLED', CANCELLED);
      const source = listing.sources[i]!;
      // The same words for every file, so progress crosses threads once a percent, not once a file.
      job.progress(i, total, 'Reading advisories');
      let outcome;
      try {
        outcome = readAdvisoryFile(source.name, source.read());
      } catch (error) {
        outcome = {
          kind: 'refused',
          problem: error instanceof Error ? error.message : String(error),
        } as const;
      }
      const file = source.name;
      if (outcome.kind === 'refused') summary.refused.push({ file, problem: outcome.problem });
      else if (outcome.kind === 'skipped') summary.skipped.push({ file, reason: outcome.reason });
      else if (outcome.kind === 'csaf') keepNewer(read, outcome.advisory, file);
      else if (!read.kev || newerCatalog(outcome.catalog, read.kev.catalog)) {
        if (read.kev)
          summary.skipped.push({ file: read.kev.file, reason: `an older KEV catalog than ${file}` });
        read.kev = { catalog: outcome.catalog, file };
      } else summary.skipped.push({ file, reason: `an older KEV catalog than ${read.kev.file}` });
    }
    job.progress(total, total, 'Read');
    return read;
  }

  /** Writes what was read in one transaction, with one audit entry when anything changed. */
  function write(read: Read): void {
    const at = ctx.now().toISOString();
    const by = ctx.actor();
    const { summary } = read;
    ctx.storage.transaction(() => {
      const stored = repo().versions();
      for (const { advisory, file } of read.advisories.values()) {
        const previous = stored.get(advisory.trackingId) ?? null;
        const newer = previous === null || compareTrackingVersions(advisory.version, previous) > 0;
        if (newer) repo().put(advisory, summaryOf(advisory), at, by);
        summary.advisories.push({
          trackingId: advisory.trackingId,
          version: advisory.version,
          outcome: previous === null ? 'added' : newer ? 'replaced' : 'kept',
          previous,
          file,
        });
      }
      if (read.kev) {
        const before = repo().kevCatalog();
        const old = new Set(
          repo()
            .kev()
            .map((e) => e.cve),
        );
        const now = new Set(read.kev.catalog.entries.map((e) => e.cve));
        repo().replaceKev(read.kev.catalog, at, by);
        summary.kev = {
          catalogVersion: read.kev.catalog.catalogVersion,
          dateReleased: read.kev.catalog.dateReleased,
          entries: now.size,
          added: [...now].filter((c) => !old.has(c)).length,
          removed: [...old].filter((c) => !now.has(c)).length,
          previousVersion: before?.catalogVersion ?? null,
          file: read.kev.file,
        };
      }
      const changed = summary.advisories.filter((a) => a.outcome !== 'kept');
      if (changed.length || summary.kev)
        recordAudit(ctx, 'advisory-import', ctx.newId(), 'import', null, {
          files: summary.files,
          added: changed.filter((a) => a.outcome === 'added').map((a) => `${a.trackingId} v${a.version}`),
          replaced: changed
            .filter((a) => a.outcome === 'replaced')
            .map((a) => `${a.trackingId} v${a.previous} → v${a.version}`),
          kept: summary.advisories.length - changed.length,
          kev: summary.kev && {
            catalogVersion: summary.kev.catalogVersion,
            entries: summary.kev.entries,
            added: summary.kev.added,
            removed: summary.kev.removed,
          },
          skipped: summary.skipped.length,
          refused: summary.refused.map((r) => r.file),
        });
    });
  }
}

/** Keeps, of two files with the same tracking id in one import, the newer version. */
function keepNewer(read: Read, advisory: Advisory, file: string): void {
  const seen = read.advisories.get(advisory.trackingId);
  if (!seen || compareTrackingVersions(advisory.version, seen.advisory.version) > 0) {
    if (seen)
      read.summary.skipped.push({
        file: seen.file,
        reason: `an older version of ${advisory.trackingId} than ${file}`,
      });
    read.advisories.set(advisory.trackingId, { advisory, file });
  } else
    read.summary.skipped.push({
      file,
      reason: `not newer than version ${seen.advisory.version} of ${advisory.trackingId} in ${seen.file}`,
    });
}

/** Whether catalog `a` is newer than `b` (release date, then version). */
function newerCatalog(a: KevCatalog, b: KevCatalog): boolean {
  return a.dateReleased !== b.dateReleased
    ? a.dateReleased > b.dateReleased
    : compareTrackingVersions(a.catalogVersion, b.catalogVersion) > 0;
}

/** The listed parts of an advisory. */
function summaryOf(a: Advisory): StoredSummary {
  let highest: StoredSummary['highestCvss'] = null;
  for (const v of a.vulnerabilities)
    if (v.cvss && (!highest || v.cvss.score > highest.score)) highest = v.cvss;
  return {
    vendors: [...new Set(a.products.map((p) => p.vendor).filter(Boolean))],
    products: a.products.length,
    cves: [...new Set(a.vulnerabilities.flatMap((v) => (v.cve ? [v.cve] : [])))],
    highestCvss: highest,
  };
}
