import {
  figuresOf,
  standingOf,
  summariseFigures,
  type PortfolioEntry,
  type PortfolioSummary,
  type VendorFigures,
} from '../domain/portfolio';
import type { Evidence } from '../domain/assessment';
import type { Storage } from '../storage/storage';
import type { JobContext, ServiceContext } from './context';
import { AppError } from '../domain/errors';
import type { QuestionnaireService } from './questionnaires';
import { createScoreService } from './scores';
import type { Posture } from '../domain/device-checks';
import { clauseLibrary } from './clause-library';

/** How many vendors summaryInSteps scores between pauses (about 10–20 ms of work). */
const VENDORS_PER_STEP = 10;
/** How many standings refreshStandingsInSteps computes per step (about 20 ms of work). */
const STANDINGS_PER_STEP = 20;

/**
 * The portfolio dashboard: every vendor's score by the score service itself (the same
 * model and the same choice of assessment as the vendor page, no second copy of it) and
 * the vendor's evidence, aggregated by domain/portfolio. What the dashboard needs of a
 * score is kept with the vendor's standing, which storage drops when anything it was
 * computed from changes, so a summary scores only the vendors changed since the last.
 */
export function createPortfolioService(
  ctx: ServiceContext,
  questionnaires: QuestionnaireService,
  devicePosture: (vendorId: string) => Posture | null,
) {
  /**
   * A reader of vendors' entries for the length of one call: one score service over reads
   * remembered meanwhile, so pinned questionnaires are parsed once (not once per vendor),
   * the risk settings read once, and each assessment's evidence fetched once.
   */
  const entryReader = (pinned = rememberingPinned(questionnaires)) => {
    const storage = rememberingReads(ctx.storage);
    const scores = createScoreService({ ...ctx, storage }, pinned, devicePosture);
    return (vendor: PortfolioEntry['vendor']): { entry: PortfolioEntry; evidence: Evidence[] } => {
      const result = scores.vendor(vendor.id);
      const [latest] = storage.decisions.listForVendor(vendor.id);
      return {
        entry: { vendor, result, decision: latest?.decision ?? null, conditions: latest?.conditions ?? [] },
        // All of the vendor's evidence, not only that of the scored assessment: any of it can expire.
        evidence: storage.evidence.listForVendor(vendor.id),
      };
    };
  };

  /**
   * Reads every vendor's dashboard figures from its standing, scoring (and pausing, yield,
   * after every few) only vendors whose standing is missing — dropped by a write since it
   * was computed; returns the dashboard figures.
   */
  function* summarySteps(): Generator<void, PortfolioSummary> {
    // No transaction: storage's is BEGIN IMMEDIATE and would hold up the app's writes while this only reads.
    const today = ctx.now().toISOString().slice(0, 10);
    let read: ReturnType<typeof entryReader> | undefined;
    let scored = 0;
    const vendors: { vendor: PortfolioEntry['vendor']; figures: VendorFigures | null }[] = [];
    for (const row of ctx.storage.standings.figures(today)) {
      if (row.vendor.status === 'offboarded' || row.figures) {
        vendors.push(row);
        continue;
      }
      read ??= entryReader();
      vendors.push({ vendor: row.vendor, figures: figuresOf(read(row.vendor).entry) });
      if (++scored % VENDORS_PER_STEP === 0) yield;
    }
    // All of a counted vendor's evidence, not only that of the scored assessment: any of it can expire.
    const byVendor = ctx.storage.evidence.listByVendor();
    const evidence = vendors
      .filter((v) => v.vendor.status !== 'offboarded')
      .flatMap((v) => byVendor.get(v.vendor.id) ?? []);
    return summariseFigures(vendors, evidence, today);
  }

  /**
   * Computes the standing of every vendor that has none or one from an earlier day (the
   * storage triggers drop a standing when what it depends on changes). In one transaction,
   * so another process's write cannot slip between the reads and the stored result.
   */
  function refreshStandings(): number {
    // Built-in clauses new to this data folder are added first: adding them drops every standing.
    clauseLibrary(ctx.storage, ctx.now);
    const today = ctx.now().toISOString().slice(0, 10);
    if (ctx.storage.standings.staleVendorIds(today).length === 0) return 0;
    return ctx.storage.transaction(() => {
      const stale = ctx.storage.standings.staleVendorIds(today);
      const read = entryReader();
      for (const id of stale) {
        const vendor = ctx.storage.vendors.get(id)!;
        const { entry, evidence } = read(vendor);
        ctx.storage.standings.put(id, today, standingOf(entry, evidence, today), figuresOf(entry));
      }
      return stale.length;
    });
  }

  /**
   * Computes the stale standings a few vendors at a time, letting other work run in
   * between (after a device import every vendor's standing is stale: a thousand vendors
   * take about a second). Each batch is its own transaction with its own reads. Stops
   * between batches when `signal` is aborted (what was computed stays: it is derived).
   */
  async function refreshStandingsInSteps(signal?: AbortSignal): Promise<void> {
    clauseLibrary(ctx.storage, ctx.now);
    // A pinned questionnaire version never changes: parsed once for all the steps.
    const pinned = rememberingPinned(questionnaires);
    for (;;) {
      const today = ctx.now().toISOString().slice(0, 10);
      const stale = ctx.storage.standings.staleVendorIds(today);
      if (stale.length === 0) return;
      for (let at = 0; at < stale.length; at += STANDINGS_PER_STEP) {
        ctx.storage.transaction(() => {
          const read = entryReader(pinned);
          for (const id of stale.slice(at, at + STANDINGS_PER_STEP)) {
            // A vendor removed meanwhile has nothing to stand for.
            const vendor = ctx.storage.vendors.get(id);
            if (!vendor) continue;
            const { entry, evidence } = read(vendor);
            ctx.storage.standings.put(id, today, standingOf(entry, evidence, today), figuresOf(entry));
          }
        });
        await new Promise((resolve) => setImmediate(resolve));
        if (signal?.aborted) throw new AppError('CANCELLED', 'Cancelled; nothing was changed');
      }
      // Then again for any made stale meanwhile.
    }
  }

  return {
    /** The dashboard figures; stale standings are computed (and kept) first. */
    summary(): PortfolioSummary {
      refreshStandings();
      const steps = summarySteps();
      let step = steps.next();
      while (!step.done) step = steps.next();
      return step.value;
    },

    /**
     * The same figures, letting other work run every few vendors (the board report
     * gathers them while the app stays responsive); stops when the job is cancelled.
     */
    async summaryInSteps(job: JobContext): Promise<PortfolioSummary> {
      await refreshStandingsInSteps(job.signal);
      const steps = summarySteps();
      let step = steps.next();
      while (!step.done) {
        await new Promise((resolve) => setImmediate(resolve));
        if (job.signal.aborted) throw new AppError('CANCELLED', 'Cancelled; nothing was changed');
        step = steps.next();
      }
      return step.value;
    },

    refreshStandingsInSteps,

    /** Whether some vendor's standing must be computed again before the list is read. */
    standingsStale: (): boolean =>
      ctx.storage.standings.staleVendorIds(ctx.now().toISOString().slice(0, 10)).length > 0,

    refreshStandings,
  };
}

export type PortfolioService = ReturnType<typeof createPortfolioService>;

/** Storage whose settings and per-assessment evidence reads are remembered; everything else as is. */
function rememberingReads(storage: Storage): Storage {
  const settings = new Map<string, unknown>();
  const evidence = new Map<string, Evidence[]>();
  return {
    ...storage,
    settings: {
      ...storage.settings,
      get(key) {
        if (!settings.has(key)) settings.set(key, storage.settings.get(key));
        return settings.get(key);
      },
    },
    evidence: {
      ...storage.evidence,
      listForAssessment(assessmentId) {
        let rows = evidence.get(assessmentId);
        if (!rows) evidence.set(assessmentId, (rows = storage.evidence.listForAssessment(assessmentId)));
        return rows;
      },
    },
  };
}

/** The questionnaire service with `pinned` remembered. */
function rememberingPinned(questionnaires: QuestionnaireService): QuestionnaireService {
  const seen = new Map<string, ReturnType<QuestionnaireService['pinned']>>();
  return {
    ...questionnaires,
    pinned(id, version) {
      const key = `${id}@${version}`;
      let q = seen.get(key);
      if (!q) seen.set(key, (q = questionnaires.pinned(id, version)));
      return q;
    },
  };
}
