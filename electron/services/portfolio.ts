import {
  figuresOf,
  standingOf,
  summariseFigures,
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
import { todayQueue, type Dashboard, type ExploitedMaker } from '../domain/portfolio-today';
import { heatMap } from '../domain/heat-map';
import { tierTrend, type TierHistoryPoint, type TierTrend } from '../domain/tier-trend';
import type { PortfolioTier } from '../domain/portfolio';

/** How many vendors summaryInSteps scores between pauses (about 10–20 ms of work). */
const VENDORS_PER_STEP = 10;
/** How many standings refreshStandingsInSteps computes per step (about 20 ms of work). */
const STANDINGS_PER_STEP = 20;
/** Vendors whose reads go together (one query per table) when all stale standings are computed at once. */
const STANDINGS_READ_TOGETHER = 200;

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
  /** Vendors' device postures as they stand when called (read once per batch of vendors scored). */
  devicePostures: () => (vendorId: string) => Posture | null,
  /** Devices on exploited firmware by maker, for Today (none when nothing was matched). */
  exploitedMakers: () => readonly ExploitedMaker[] = () => [],
) {
  /**
   * A reader of vendors' entries for the length of one call: one score service over reads
   * remembered meanwhile, so pinned questionnaires are parsed once (not once per vendor),
   * the risk settings read once, and each assessment's evidence fetched once. Given the ids
   * it will read (`batch`), their vendors, assessments, clauses, decisions and evidence are
   * read with one query per table (on a team database each query is a round trip).
   */
  const entryReader = (pinned = rememberingPinned(questionnaires), batch?: readonly string[]) => {
    const storage = rememberingReads(batch ? prefetchedReads(ctx.storage, batch) : ctx.storage);
    const scores = createScoreService({ ...ctx, storage }, pinned, devicePostures());
    const read = (vendor: PortfolioEntry['vendor']): { entry: PortfolioEntry; evidence: Evidence[] } => {
      const result = scores.vendor(vendor.id);
      const [latest] = storage.decisions.listForVendor(vendor.id);
      return {
        entry: { vendor, result, decision: latest?.decision ?? null, conditions: latest?.conditions ?? [] },
        // All of the vendor's evidence, not only that of the scored assessment: any of it can expire.
        evidence: storage.evidence.listForVendor(vendor.id),
      };
    };
    /** A vendor as the scoring reads it (read once for both). */
    read.vendor = (id: string) => storage.vendors.get(id);
    return read;
  };

  /**
   * Reads every vendor's dashboard figures from its standing, scoring (and pausing, yield,
   * after every few) only vendors whose standing is missing — dropped by a write since it
   * was computed; returns the dashboard figures.
   */
  function* summarySteps(): Generator<void, { summary: PortfolioSummary; vendors: FiguredVendor[] }> {
    // No transaction: storage's is BEGIN IMMEDIATE and would hold up the app's writes while this only reads.
    const today = ctx.now().toISOString().slice(0, 10);
    let read: ReturnType<typeof entryReader> | undefined;
    let scored = 0;
    const vendors: FiguredVendor[] = [];
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
    return { summary: summariseFigures(vendors, evidence, today), vendors };
  }

  /** The dashboard: the figures, Today's queue, the heat map and the attention counts. */
  function dashboardOf(
    summary: PortfolioSummary,
    vendors: readonly FiguredVendor[],
    openDeviceFindings: number,
  ): Dashboard {
    const counted = vendors.filter((v) => v.vendor.status !== 'offboarded' && v.figures !== null);
    const signOffs = [...ctx.storage.clauses.latestSignOffs()].filter(([, s]) => s.reopenedAt);
    const titles = new Map(
      signOffs.length ? clauseLibrary(ctx.storage, ctx.now).map((c) => [c.id, c.title]) : [],
    );
    const reopened = signOffs.map(([vendorId, s]) => ({
      vendorId,
      reopenedAt: s.reopenedAt!,
      reopenedClause: s.reopenedClause && (titles.get(s.reopenedClause) ?? s.reopenedClause),
    }));
    const { queue, attention } = todayQueue(
      summary,
      counted.map(({ vendor, figures }) => ({
        id: vendor.id,
        name: vendor.name,
        criticality: vendor.criticality,
        assessed: figures!.assessed,
        assessmentId: figures!.assessmentId ?? null,
      })),
      reopened,
      openDeviceFindings,
      exploitedMakers(),
    );
    const heat = heatMap(
      counted.map(({ vendor, figures }) => ({
        criticality: vendor.criticality,
        score: figures!.assessed ? figures!.score : null,
        provisional: figures!.provisional === true,
      })),
    );
    return { ...summary, queue, heatMap: heat, attention };
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
    if (!ctx.storage.standings.anyStale(today)) return 0;
    return ctx.storage.transaction(() => {
      const stale = ctx.storage.standings.staleVendorIds(today);
      const pinned = rememberingPinned(questionnaires);
      for (let at = 0; at < stale.length; at += STANDINGS_READ_TOGETHER) {
        const batch = stale.slice(at, at + STANDINGS_READ_TOGETHER);
        const read = entryReader(pinned, batch);
        ctx.storage.standings.put(
          today,
          batch.map((id) => standingEntry(read, read.vendor(id)!, today)),
        );
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
          const batch = stale.slice(at, at + STANDINGS_PER_STEP);
          const read = entryReader(pinned, batch);
          // A vendor removed meanwhile has nothing to stand for.
          const present = batch.map((id) => read.vendor(id)).filter((v) => v !== undefined);
          ctx.storage.standings.put(
            today,
            present.map((vendor) => standingEntry(read, vendor, today)),
          );
        });
        await new Promise((resolve) => setImmediate(resolve));
        if (signal?.aborted) throw new AppError('CANCELLED', 'Cancelled; nothing was changed');
      }
      // Then again for any made stale meanwhile.
    }
  }

  /**
   * Each counted vendor's tier at each of its submitted (or closed) assessments, as the score
   * service's trend scores them, a few vendors per step (`yield`).
   */
  function* historySteps(vendors: readonly FiguredVendor[]): Generator<void, TierHistoryPoint[]> {
    const pinned = rememberingPinned(questionnaires);
    const scores = createScoreService(
      { ...ctx, storage: rememberingReads(ctx.storage) },
      pinned,
      devicePostures(),
    );
    const history: TierHistoryPoint[] = [];
    let n = 0;
    for (const { vendor } of vendors) {
      for (const p of scores.trend(vendor.id)) {
        if (p.status === 'in-progress') continue;
        history.push({ vendorId: vendor.id, date: p.date, tier: p.tier });
      }
      if (++n % VENDORS_PER_STEP === 0) yield;
    }
    return history;
  }

  /** The tier trend over the counted vendors, the current quarter from today's standings. */
  function* trendSteps(): Generator<void, TierTrend> {
    const today = ctx.now().toISOString().slice(0, 10);
    const rows = ctx.storage.standings.figures(today).filter((r) => r.vendor.status !== 'offboarded');
    const history = yield* historySteps(rows);
    const current = new Map<string, PortfolioTier>();
    for (const { vendor, figures } of rows)
      if (figures) current.set(vendor.id, figures.assessed && figures.tier ? figures.tier : 'unassessed');
    return tierTrend(
      rows.map((r) => ({ id: r.vendor.id, createdAt: r.vendor.createdAt })),
      history,
      today,
      current,
    );
  }

  return {
    /**
     * The dashboard: figures, Today, heat map and attention counts; stale standings are
     * computed (and kept) first. `openDeviceFindings` counts into the attention figures.
     */
    summary(openDeviceFindings = 0): Dashboard {
      refreshStandings();
      const steps = summarySteps();
      let step = steps.next();
      while (!step.done) step = steps.next();
      return dashboardOf(step.value.summary, step.value.vendors, openDeviceFindings);
    },

    /**
     * The tier trend by quarter (domain/tier-trend), scoring every vendor's submitted
     * assessments again and letting other work run every few vendors; stops when `signal`
     * is aborted. Standings are refreshed first so the current quarter is today's.
     */
    async tierTrend(signal?: AbortSignal): Promise<TierTrend> {
      await refreshStandingsInSteps(signal);
      const steps = trendSteps();
      let step = steps.next();
      while (!step.done) {
        await new Promise((resolve) => setImmediate(resolve));
        if (signal?.aborted) throw new AppError('CANCELLED', 'Cancelled; nothing was changed');
        step = steps.next();
      }
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
      return step.value.summary;
    },

    refreshStandingsInSteps,

    /**
     * Whether some vendor's standing must be computed again before the list is read (built-in
     * clauses new to this data folder are added first, as `refreshStandings` does: that drops
     * every standing).
     */
    standingsStale(): boolean {
      clauseLibrary(ctx.storage, ctx.now);
      return ctx.storage.standings.anyStale(ctx.now().toISOString().slice(0, 10));
    },

    refreshStandings,
  };
}

export type PortfolioService = ReturnType<typeof createPortfolioService>;

type FiguredVendor = ReturnType<Storage['standings']['figures']>[number];

/**
 * Whether a trend point's score is provisional (too few answers to set a tier). The
 * "honest scores" work adds `provisional` to the score shapes; until then none is.
 */
/** A vendor's standing and figures as of `today`, scored by `read` (an entry reader). */
function standingEntry(
  read: (vendor: PortfolioEntry['vendor']) => { entry: PortfolioEntry; evidence: Evidence[] },
  vendor: PortfolioEntry['vendor'],
  today: string,
) {
  const { entry, evidence } = read(vendor);
  return { vendorId: vendor.id, standing: standingOf(entry, evidence, today), figures: figuresOf(entry) };
}

/**
 * Storage whose per-vendor reads of the vendors `ids` (the vendor, its assessments, clause
 * records, decisions and evidence) come from one query per table, read now; other vendors'
 * reads go to storage as before.
 */
function prefetchedReads(storage: Storage, ids: readonly string[]): Storage {
  const vendors = storage.vendors.getMany(ids);
  const assessments = storage.assessments.listForVendors(ids);
  const clauses = storage.clauses.listForVendors(ids);
  const decisions = storage.decisions.listForVendors(ids);
  const evidence = storage.evidence.listForVendors(ids);
  const asked = new Set(ids);
  return {
    ...storage,
    vendors: { ...storage.vendors, get: (id) => (asked.has(id) ? vendors.get(id) : storage.vendors.get(id)) },
    assessments: {
      ...storage.assessments,
      listForVendor: (id) => (id !== null && assessments.get(id)) || storage.assessments.listForVendor(id),
    },
    clauses: {
      ...storage.clauses,
      listForVendor: (id) => clauses.get(id) ?? storage.clauses.listForVendor(id),
    },
    decisions: {
      ...storage.decisions,
      listForVendor: (id) => decisions.get(id) ?? storage.decisions.listForVendor(id),
    },
    evidence: {
      ...storage.evidence,
      listForVendor: (id) => evidence.get(id) ?? storage.evidence.listForVendor(id),
    },
  };
}

/** Storage whose settings, vendor and per-assessment evidence reads are remembered; everything else as is. */
function rememberingReads(storage: Storage): Storage {
  const settings = new Map<string, unknown>();
  const evidence = new Map<string, Evidence[]>();
  const vendors = new Map<string, ReturnType<Storage['vendors']['get']>>();
  return {
    ...storage,
    vendors: {
      ...storage.vendors,
      get(id) {
        if (!vendors.has(id)) vendors.set(id, storage.vendors.get(id));
        return vendors.get(id);
      },
    },
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
