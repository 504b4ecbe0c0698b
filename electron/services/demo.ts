/**
 * The sample warehouse: the plan of domain/sample applied through the same services as
 * real work, each step with the clock set to its moment, so the audit trail tells two
 * years of a portfolio's story. What it adds is recorded (settings `sample.records`) so
 * that removing it deletes exactly that, and nothing someone added meanwhile.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../domain/errors';
import { VendorInputSchema } from '../domain/vendor';
import { DecisionInputSchema } from '../domain/decision';
import { ClauseSetInputSchema } from '../domain/clauses';
import { EvidenceInputSchema } from '../domain/assessment';
import { manufacturerKey, type Posture } from '../domain/device-checks';
import { withBoardPoint } from '../domain/report-data';
import type { BoardPoint } from '../domain/board-pack';
import { boardFigures, boardSnapshot, coverageOf } from './board-pack';
import { sampleWarehousePlan, SAMPLE_QUESTIONNAIRES, type SampleStep } from '../domain/sample/plan';
import {
  emptyManifest,
  SampleManifestSchema,
  type SampleLoadResult,
  type SampleManifest,
  type SampleRemoveResult,
  type SampleStatus,
} from '../domain/sample/manifest';
import type { Questionnaire } from '../domain/questionnaire';
import { NO_JOB, recordAudit, type JobContext, type ServiceContext } from './context';
import type { QuestionnaireService } from './questionnaires';
import { loadBuiltinQuestionnaires } from './builtin-questionnaires';
import { createVendorService } from './vendors';
import { createAssessmentService } from './assessments';
import { createDecisionService } from './decisions';
import { createClauseService } from './clauses';
import { createDeviceService } from './devices';
import { createPortfolioService } from './portfolio';
import { createAdvisoryService } from './advisories';
import { BOARD_HISTORY_KEY } from './reports';
import { readBoardHistory, removeSampleRecords, SAMPLE_KEY } from './demo-remove';

export { SAMPLE_KEY };

/** Steps applied between pauses (for progress and cancel). */
const STEPS_PER_PAUSE = 12;
/** The claim a load takes while it runs (storage/settings): another load finds it and waits its turn. */
const LOADING_KEY = 'sample.loading';
/** A claim this old was left by a load that died (a load takes seconds). */
const ABANDONED_CLAIM_MS = 30 * 60 * 1000;

const loadingElsewhere = () =>
  new AppError(
    'CONFLICT',
    'The sample warehouse is being loaded already (by another window, command or colleague); it will be there when that finishes',
  );

interface DemoDeps {
  questionnaires: QuestionnaireService;
  databasePath: string;
  devicePosture: (vendorId: string) => Posture | null;
  /** Brings the vendors' standings up to date after loading or removing. */
  refreshStandings: () => void;
  /** Matches the devices against the advisories again after loading or removing. */
  rematch: () => void;
}

/** Loading, removing and telling about the sample warehouse. */
export function createDemoService(ctx: ServiceContext, deps: DemoDeps) {
  const { storage } = ctx;
  let running: Promise<unknown> = Promise.resolve();
  /** One load or removal at a time: a second waits for the first, then finds its result. */
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = running.then(work, work);
    running = next.catch(() => {});
    return next;
  };

  const manifest = (): SampleManifest | null => {
    const parsed = SampleManifestSchema.safeParse(storage.settings.get(SAMPLE_KEY));
    return parsed.success ? parsed.data : null;
  };

  /**
   * Claims the load for this connection, or says why not: loaded already (the manifest), or
   * being loaded by another window, command or colleague (their claim, unless it is so old
   * that its load must have died). Another process could otherwise load a second sample
   * beside the first, and the manifest would name only one of them.
   */
  const claimLoad = (): SampleManifest | null =>
    storage.transaction(() => {
      const present = manifest();
      if (present) return present;
      const now = ctx.now();
      const held = storage.settings.get(LOADING_KEY) as { at?: unknown } | undefined;
      if (held !== undefined) {
        const since = Date.parse(String(held?.at));
        if (Number.isFinite(since) && now.getTime() - since < ABANDONED_CLAIM_MS) throw loadingElsewhere();
        storage.sample.deleteSetting(LOADING_KEY);
      }
      if (!storage.settings.claim(LOADING_KEY, { at: now.toISOString() }, now.toISOString()))
        throw loadingElsewhere();
      return null;
    });

  async function load(job: JobContext): Promise<SampleLoadResult> {
    const started = Date.now();
    const present = claimLoad();
    if (present)
      return { added: 0, skipped: 0, alreadyLoaded: true, counts: present.counts, ms: Date.now() - started };
    try {
      return await loadClaimed(job, started);
    } finally {
      // Loaded (the manifest is written) or not: the claim goes.
      storage.sample.deleteSetting(LOADING_KEY);
    }
  }

  async function loadClaimed(job: JobContext, started: number): Promise<SampleLoadResult> {
    const today = ctx.now().toISOString().slice(0, 10);
    await loadBuiltinQuestionnaires();
    const qs = Object.fromEntries(
      SAMPLE_QUESTIONNAIRES.map((id) => [id, deps.questionnaires.latest(id).q]),
    ) as Record<(typeof SAMPLE_QUESTIONNAIRES)[number], Questionnaire>;
    const plan = sampleWarehousePlan(today, qs);

    // The services of real work, with a clock each step sets to its moment.
    let moment = ctx.now();
    const then: ServiceContext = { ...ctx, now: () => new Date(moment) };
    const vendors = createVendorService(then, () => {});
    const assessments = createAssessmentService(then, remembering(deps.questionnaires));
    const decisions = createDecisionService(then);
    const clauses = createClauseService(then);
    const devices = createDeviceService(then, { databasePath: deps.databasePath });
    const portfolio = createPortfolioService(then, deps.questionnaires, devices.postures);
    const advisories = createAdvisoryService(then);

    const added = emptyManifest(ctx.now().toISOString());
    const c = added.counts;
    const vendorIds = new Map<number, string>();
    const assessmentIds = new Map<string, string>();
    let skipped = 0;
    const vendorOf = (index: number | null) => (index === null ? null : (vendorIds.get(index) ?? undefined));

    /** Applies one step other than a device import, synchronously (inside the caller's transaction). */
    const apply = (step: Exclude<SampleStep, { kind: 'devices' }>): void => {
      moment = new Date(step.at);
      switch (step.kind) {
        case 'vendor': {
          const input = VendorInputSchema.parse(plan.vendors[step.vendor]);
          if (storage.vendors.findByName(input.name)) {
            skipped += 1;
            return;
          }
          const vendor = vendors.create(input);
          vendorIds.set(step.vendor, vendor.id);
          added.vendors.push(vendor.id);
          c.vendors += 1;
          return;
        }
        case 'start': {
          const vendorId = vendorOf(step.vendor);
          if (vendorId === undefined) return;
          const a = assessments.start(vendorId, step.questionnaireIds);
          assessmentIds.set(step.ref, a.id);
          added.assessments.push(a.id);
          c.assessments += 1;
          return;
        }
        case 'answers': {
          const id = assessmentIds.get(step.ref);
          if (!id) return;
          c.answers += assessments.answerMany(id, step.answers, 'sample').applied;
          return;
        }
        case 'evidence': {
          const id = assessmentIds.get(step.ref);
          if (!id) return;
          const e = assessments.attachEvidence(
            EvidenceInputSchema.parse({
              assessmentId: id,
              questionnaireId: step.questionnaireId,
              questionId: step.questionId,
              fileName: step.fileName,
              contentBase64: Buffer.from(step.text).toString('base64'),
              kind: step.evidenceKind,
              issuer: step.issuer,
              periodStart: step.periodStart,
              periodEnd: step.periodEnd,
              expiresAt: step.expiresAt,
            }),
          );
          added.evidence.push(e.id);
          c.evidence += 1;
          return;
        }
        case 'status': {
          const id = assessmentIds.get(step.ref);
          if (id) assessments.setStatus(id, step.status);
          return;
        }
        case 'decision': {
          const id = assessmentIds.get(step.ref);
          if (!id) return;
          const d = decisions.record(
            DecisionInputSchema.parse({
              assessmentId: id,
              decision: step.decision,
              conditions: step.conditions,
              notes: step.notes,
            }),
          );
          added.decisions.push(d.id);
          c.decisions += 1;
          return;
        }
        case 'clause': {
          const vendorId = vendorOf(step.vendor);
          if (!vendorId) return;
          clauses.set(ClauseSetInputSchema.parse({ ...step.clause, vendorId }));
          if (!added.clauses.some((x) => x.vendorId === vendorId && x.clauseId === step.clause.clauseId)) {
            added.clauses.push({ vendorId, clauseId: step.clause.clauseId });
            c.clauses += 1;
          }
          return;
        }
        case 'sign-off': {
          const vendorId = vendorOf(step.vendor);
          if (!vendorId) return;
          clauses.signOff(vendorId);
          added.signOffs.push(storage.clauses.latestSignOff(vendorId)!.id);
          c.signOffs += 1;
          return;
        }
        case 'link': {
          const vendorId = vendorOf(step.vendor);
          const key = manufacturerKey(step.manufacturer);
          if (!vendorId || storage.devices.links().some((l) => l.manufacturerKey === key)) return;
          devices.link(step.manufacturer, vendorId);
          added.links.push({ key, manufacturer: step.manufacturer, vendorId });
          return;
        }
        case 'board-point': {
          const summary = portfolio.summary();
          // The figures and snapshot a board pack keeps, so the next pack shows what changed.
          const rows = storage.standings.figures(moment.toISOString().slice(0, 10));
          const point: BoardPoint = {
            date: moment.toISOString(),
            tiers: summary.tiers,
            vendors: boardSnapshot(rows),
            figures: boardFigures(summary, rows, coverageOf(rows, moment.toISOString().slice(0, 10))),
          };
          const older = boardHistory().map(({ vendors: _vendors, ...p }: BoardPoint) => p);
          storage.settings.set(BOARD_HISTORY_KEY, withBoardPoint(older, point), point.date);
          added.boardPoints.push(point.date);
          c.boardPoints += 1;
          return;
        }
      }
    };

    /** Imports one of the sample's inventories through the device importer (its own connection: no transaction held). */
    const importDevices = async (step: Extract<SampleStep, { kind: 'devices' }>): Promise<void> => {
      moment = new Date(step.at);
      // A source of the same name someone imported already is theirs: the sample leaves it alone.
      if (storage.devices.imports(1000).some((i) => i.source === step.inventory.source)) return;
      const preview = await devices.preview(
        {
          source: step.inventory.source,
          file: { fileName: step.inventory.fileName, bytes: Buffer.from(step.inventory.csv) },
        },
        NO_JOB,
      );
      const result = await devices.apply(preview.token);
      added.deviceSources.push(step.inventory.source);
      c.devices += result.devices;
    };

    /**
     * Imports the fictional advisories through the advisory importer, from files as a user
     * brings them; one the user has already is left alone, and so is a catalog of their own.
     */
    const importAdvisories = async (step: Extract<SampleStep, { kind: 'advisories' }>): Promise<void> => {
      moment = new Date(step.at);
      const have = storage.advisories.versions();
      const ownCatalog = storage.advisories.kevCatalog() !== null;
      const dir = await mkdtemp(join(tmpdir(), 'vendor-risk-sample-'));
      try {
        for (const f of step.files) {
          const isKev = !(f.document as { document?: unknown }).document;
          if (isKev ? ownCatalog : have.has(trackingIdOf(f.document))) continue;
          await writeFile(join(dir, f.fileName), JSON.stringify(f.document));
        }
        const summary = await advisories.import([dir], NO_JOB);
        for (const a of summary.advisories) if (a.outcome === 'added') added.advisories.push(a.trackingId);
        c.advisories = added.advisories.length;
        if (summary.kev) added.kevCatalog = summary.kev.catalogVersion;
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    };

    let applied = 0;
    const steps = plan.steps;
    try {
      for (let i = 0; i < steps.length;) {
        job.progress(i, steps.length, progressLine(steps[i]!));
        await new Promise((resolve) => setImmediate(resolve));
        if (job.signal.aborted)
          throw new AppError(
            'CANCELLED',
            applied
              ? 'Loading the sample warehouse was cancelled; what it had added was removed'
              : 'Loading the sample warehouse was cancelled; nothing was changed',
          );
        const step = steps[i]!;
        if (step.kind === 'advisories') {
          await importAdvisories(step);
          i += 1;
          applied += 1;
          continue;
        }
        if (step.kind === 'devices') {
          await importDevices(step);
          i += 1;
          applied += 1;
          continue;
        }
        // A batch of steps in one transaction (each service's own joins it): far fewer commits.
        const end = Math.min(steps.length, i + STEPS_PER_PAUSE);
        storage.transaction(() => {
          for (; i < end; i += 1) {
            const next = steps[i]!;
            if (next.kind === 'devices' || next.kind === 'advisories') break;
            apply(next);
            applied += 1;
          }
        });
      }
      job.progress(steps.length, steps.length, 'Loaded');
    } catch (error) {
      // All or nothing: what was added so far is removed again (and the trail says so).
      if (applied) removeRecorded(added, 'cancelled');
      throw error;
    } finally {
      devices.close();
    }
    storage.transaction(() => {
      storage.settings.set(SAMPLE_KEY, added, ctx.now().toISOString());
      recordAudit(ctx, 'settings', SAMPLE_KEY, 'update', null, added);
      recordAudit(ctx, 'portfolio', null, 'demo-load', null, { sample: 'warehouse', ...c, skipped });
    });
    deps.rematch();
    deps.refreshStandings();
    return { added: c.vendors, skipped, alreadyLoaded: false, counts: { ...c }, ms: Date.now() - started };
  }

  const boardHistory = () => readBoardHistory(storage);
  const removeRecorded = (m: SampleManifest, why: 'removed' | 'cancelled') =>
    removeSampleRecords(ctx, m, why);

  return {
    /** Loads the sample warehouse (nothing is added when it is there already). */
    load: (job: JobContext) => serial(() => load(job)),

    /** Removes what the sample added and nothing else. */
    remove: (job: JobContext = NO_JOB): Promise<SampleRemoveResult> =>
      serial(async () => {
        const m = manifest();
        if (!m) return { removed: false, counts: emptyManifest('').counts, kept: [] };
        job.progress(0, 1, 'Removing the sample warehouse');
        const result = removeRecorded(m, 'removed');
        deps.rematch();
        deps.refreshStandings();
        job.progress(1, 1, 'Removed');
        return result;
      }),

    /** Whether the sample is there. */
    status(): SampleStatus {
      const m = manifest();
      return { present: m !== null, loadedAt: m?.loadedAt ?? null, counts: m?.counts ?? null };
    },
  };
}

/** The questionnaire service with each pinned version read and parsed once for the whole load. */
function remembering(questionnaires: QuestionnaireService): QuestionnaireService {
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

function progressLine(step: SampleStep): string {
  switch (step.kind) {
    case 'vendor':
      return 'Adding the vendors';
    case 'devices':
    case 'link':
      return 'Importing the device inventories';
    case 'clause':
    case 'sign-off':
      return 'Recording the contracts';
    case 'advisories':
      return 'Importing the advisories';
    default:
      return `Reviewing vendors (${step.at.slice(0, 7)})`;
  }
}

/** The tracking id of a CSAF document as the sample writes it. */
function trackingIdOf(doc: unknown): string {
  return (doc as { document: { tracking: { id: string } } }).document.tracking.id;
}

export type DemoService = ReturnType<typeof createDemoService>;
