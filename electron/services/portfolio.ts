import { DEFAULT_VENDOR_QUERY } from '../domain/vendor-list';
import {
  standingOf,
  summarisePortfolio,
  type PortfolioEntry,
  type PortfolioSummary,
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
 * the evidence of the scored assessment, aggregated by domain/portfolio.
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

  /** Reads vendors' entries, pausing (yield) after every few; returns the dashboard figures. */
  function* summarySteps(): Generator<void, PortfolioSummary> {
    // No transaction: storage's is BEGIN IMMEDIATE and would hold up the app's writes while this only reads.
    const read = entryReader();
    const today = ctx.now().toISOString().slice(0, 10);
    const entries: PortfolioEntry[] = [];
    const evidence: Evidence[] = [];
    for (const vendor of ctx.storage.vendors.list(DEFAULT_VENDOR_QUERY).items) {
      if (vendor.status === 'offboarded') {
        entries.push({ vendor, result: NOT_SCORED });
        continue;
      }
      const one = read(vendor);
      entries.push(one.entry);
      evidence.push(...one.evidence);
      if (entries.length % VENDORS_PER_STEP === 0) yield;
    }
    return summarisePortfolio(entries, evidence, today);
  }

  return {
    summary(): PortfolioSummary {
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
      const steps = summarySteps();
      let step = steps.next();
      while (!step.done) {
        await new Promise((resolve) => setImmediate(resolve));
        if (job.signal.aborted) throw new AppError('CANCELLED', 'Cancelled; nothing was changed');
        step = steps.next();
      }
      return step.value;
    },

    /**
     * Computes the standing of every vendor that has none or one from an earlier day (the
     * storage triggers drop a standing when what it depends on changes). In one transaction,
     * so another process's write cannot slip between the reads and the stored result.
     */
    /**
     * Computes the stale standings a few vendors at a time, letting other work run in
     * between (after a device import every vendor's standing is stale: a thousand vendors
     * take about a second). Each batch is its own transaction with its own reads.
     */
    async refreshStandingsInSteps(): Promise<void> {
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
              ctx.storage.standings.put(id, today, standingOf(entry, evidence, today));
            }
          });
          await new Promise((resolve) => setImmediate(resolve));
        }
        // Then again for any made stale meanwhile.
      }
    },

    /** Whether some vendor's standing must be computed again before the list is read. */
    standingsStale: (): boolean =>
      ctx.storage.standings.staleVendorIds(ctx.now().toISOString().slice(0, 10)).length > 0,

    refreshStandings(): number {
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
          ctx.storage.standings.put(id, today, standingOf(entry, evidence, today));
        }
        return stale.length;
      });
    },
  };
}

export type PortfolioService = ReturnType<typeof createPortfolioService>;

/** Offboarded vendors are only counted, so they are not scored. */
const NOT_SCORED: PortfolioEntry['result'] = {
  assessment: null,
  score: null,
  completeness: 0,
  residual: 0,
  tier: 'low',
  knockouts: 0,
  flags: [],
  lastAssessed: null,
  nextReassessment: null,
};

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
