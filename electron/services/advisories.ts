/**
 * Advisories and the known exploited vulnerabilities catalog, imported from files the user
 * brings (nothing is downloaded): CSAF files, folders and zips of them, and the KEV catalog
 * (JSON or CSV), each recognised by its content. Every file is read and checked first, with
 * progress and cancel; then what was read is written in one transaction with one audit
 * entry. The reading runs in a worker thread (services/advisory-reader.ts). A newer tracking
 * version of an advisory replaces the stored one; an older or equal one is kept. A later
 * catalog replaces the stored one, counting entries added and removed; an older one, or an
 * excerpt of the same, is skipped with the reason (`keepStoredCatalog`).
 */
import { AppError } from '../domain/errors';
import { compareTrackingVersions, keepStoredCatalog } from '../domain/vulnerabilities/advisory-file';
import type { Advisory } from '../domain/vulnerabilities/model';
import type {
  AdvisoryImportSummary,
  AdvisorySummary,
  KevListing,
} from '../domain/vulnerabilities/advisory-api';
import type { StoredSummary } from '../storage/advisory-repo';
import { createAdvisoryReader, type AdvisoriesRead } from './advisory-reader';
import { recordAudit, type JobContext, type ServiceContext } from './context';

const CANCELLED = 'The import was cancelled; nothing was changed';

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
      // Read and checked in a worker thread of its own when built (here when running from source).
      const read = await createAdvisoryReader().call('read', { paths: [...paths] }, job);
      const { summary } = read;
      const only = read.single;
      if (only && summary.refused.length)
        throw new AppError('INVALID_INPUT', `${summary.refused[0]!.file}: ${summary.refused[0]!.problem}`);
      if (only && summary.skipped.length)
        throw new AppError('INVALID_INPUT', `${summary.skipped[0]!.file}: ${summary.skipped[0]!.reason}`);
      if (job.signal.aborted) throw new AppError('CANCELLED', CANCELLED);
      job.progress(summary.files, summary.files, `Writing ${read.advisories.length} advisories`);
      write(read);
      return summary;
    },

    /** Every stored advisory as listed, newest release first. */
    list: (): AdvisorySummary[] => repo().summaries(),

    /** The stored catalog and its entries. */
    kev: (): KevListing => ({ catalog: repo().kevCatalog(), entries: repo().kev() }),
  };

  /** Writes what was read in one transaction, with one audit entry when anything changed. */
  function write(read: AdvisoriesRead): void {
    const at = ctx.now().toISOString();
    const by = ctx.actor();
    const { summary } = read;
    ctx.storage.transaction(() => {
      const stored = repo().versions();
      for (const { advisory, file } of read.advisories) {
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
      const before = repo().kevCatalog();
      const kept = read.kev && before ? keepStoredCatalog(read.kev.catalog, before) : null;
      if (read.kev && kept) summary.skipped.push({ file: read.kev.file, reason: kept });
      else if (read.kev) {
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
