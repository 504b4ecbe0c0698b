/**
 * PDF reports: gathers a report's data on the main side (yielding between vendors), has
 * the report worker render it, and writes the file all at once (a temporary file renamed
 * into place, so a cancelled or failed export never leaves half a PDF behind).
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createWorkerClient, type WorkerClient } from '../workers/client';
import type { RenderOps } from '../workers/render-ops';
import { AppError } from '../domain/errors';
import { appendixOf, clauseLines, withBoardPoint } from '../domain/report-data';
import { BOARD_HISTORY_KEY, BOARD_TARGETS_KEY, gatherBoardPack, readBoardPoints } from './board-pack';
import { boardTargetsOf, BoardTargetsSchema, type BoardTargets } from '../domain/board-targets';
import { recordAudit } from './context';
import { APPENDIX_LIMIT, type ReportData, type SelfReportData, type VendorReportData } from '../report/model';
import type { RenderedReport } from '../report/render';
import type { JobContext, ServiceContext } from './context';
import { saveFileAtomically } from './save-file';
import { safeFileName } from '../domain/file-name';
import type { ReportTarget, SavedReport } from '../domain/report-api';
import type { AppServices } from './services';
import { COMPANY_KEY, ROADMAP_OWNER_KEY } from './organisation';
import { clausePart } from './clause-library';
import { devicePostureQuestionnaire, postureAnswers } from '../domain/device-checks';
import { answerKey } from '../domain/evaluate-assessment';
import { flagLines } from '../domain/flag-words';
import type { AnswerValue } from '../domain/answer';
import type { Questionnaire } from '../domain/questionnaire';

export { BOARD_HISTORY_KEY };

export type ReportRequest = ReportTarget;

type Sources = Pick<
  AppServices,
  'vendors' | 'scores' | 'assessments' | 'decisions' | 'clauses' | 'devices' | 'portfolio'
>;

/** Reports over the app's services. */
export function createReportService(ctx: ServiceContext, services: Sources) {
  const now = () => ctx.now();
  const stamp = () => now().toISOString().replace('T', ' ').slice(0, 16) + ' UTC';

  const cancelled = () => new AppError('CANCELLED', 'The report was cancelled; no file was written');
  /** The company name of Settings ('' when none). */
  const company = (): string => {
    const stored = ctx.storage.settings.get(COMPANY_KEY);
    return typeof stored === 'string' ? stored : '';
  };
  const pause = async (job: JobContext) => {
    await new Promise((resolve) => setImmediate(resolve));
    if (job.signal.aborted) throw cancelled();
  };

  function vendorData(vendorId: string): VendorReportData {
    const vendor = services.vendors.get(vendorId);
    const { contributions: _contributions, ...score } = services.scores.vendor(vendorId);
    const chosen = score.assessment ? services.assessments.get(score.assessment.id) : null;
    const [decision] = services.decisions.list(vendorId);
    const findings = services.devices.findings(vendorId);
    // Every questionnaire a flag can come from, with its answers: the assessment, the contract, the devices.
    const questionnaires: Questionnaire[] = [...(chosen?.questionnaires ?? [])];
    const answers = new Map<string, AnswerValue | null>(
      (chosen?.answers ?? []).map((a) => [answerKey(a.questionnaireId, a.questionId), a.answer]),
    );
    const contract = clausePart(ctx.storage, ctx.now, vendorId);
    if (contract) {
      questionnaires.push(contract.questionnaire);
      for (const [k, v] of contract.answers) answers.set(k, v);
    }
    if (findings.devices) {
      questionnaires.push(devicePostureQuestionnaire());
      for (const [k, v] of postureAnswers(findings.posture)) answers.set(k, v);
    }
    return {
      kind: 'vendor',
      generated: stamp(),
      trailHead: ctx.storage.audit.head(),
      assessor: ctx.actor(),
      company: company(),
      vendor,
      score,
      assessment: chosen?.assessment ?? null,
      decision: decision ?? null,
      clauses: clauseLines(services.clauses.forVendor(vendorId)),
      devices: findings.devices ? { devices: findings.devices, posture: findings.posture } : null,
      evidence: services.assessments.evidenceForVendor(vendorId),
      appendix: chosen
        ? appendixOf(chosen.questionnaires, chosen.answers, APPENDIX_LIMIT)
        : { sections: [], shown: 0, total: 0 },
      flagLines: flagLines(score.flags, {
        questionnaires,
        answers,
        decision: decision ?? null,
        vendorOwner: vendor.owner,
        nextReassessment: score.nextReassessment,
        today: now().toISOString().slice(0, 10),
      }),
    };
  }

  function selfData(assessmentId: string): SelfReportData {
    const detail = services.assessments.get(assessmentId);
    if (detail.assessment.vendorId)
      throw new AppError('INVALID_INPUT', 'This is a vendor assessment: export the vendor report instead');
    const result = services.scores.selfResult(assessmentId);
    const owner = ctx.storage.settings.get(ROADMAP_OWNER_KEY);
    const withEffort = new Set(
      detail.questionnaires.flatMap((q) =>
        q.sections.flatMap((s) => s.questions.filter((x) => x.effort).map((x) => `${q.id}/${x.id}`)),
      ),
    );
    return {
      kind: 'self',
      generated: stamp(),
      trailHead: ctx.storage.audit.head(),
      author: ctx.actor(),
      assessment: detail.assessment,
      result,
      previous: previousSelf(detail.assessment),
      roadmapOwner: typeof owner === 'string' ? owner.trim() : '',
      defaultEffort: result.roadmap
        .map((r) => `${r.questionnaireId}/${r.questionId}`)
        .filter((k) => !withEffort.has(k)),
    };
  }

  /** The self-assessment submitted before this one (before now, if this one is not submitted), with its maturity. */
  function previousSelf(current: SelfReportData['assessment']): SelfReportData['previous'] {
    const before = current.submittedAt ?? now().toISOString();
    const [prev] = services.assessments
      .list(null)
      .filter((a) => a.id !== current.id && a.submittedAt !== null && a.submittedAt < before)
      .sort((a, b) => b.submittedAt!.localeCompare(a.submittedAt!));
    if (!prev) return null;
    const r = services.scores.selfResult(prev.id);
    return { title: prev.title, date: prev.submittedAt!, score: r.score, maturity: r.maturity };
  }

  /** The data a report is drawn from. */
  async function gather(request: ReportRequest, job: JobContext): Promise<ReportData> {
    switch (request.kind) {
      case 'vendor':
        return vendorData(request.vendorId);
      case 'self':
        return selfData(request.assessmentId);
      case 'board':
        return gatherBoardPack(ctx, services, job, request.appendix !== false, stamp());
    }
  }

  return {
    gather,

    /** The board pack's targets (defaults for any not set). */
    boardTargets: (): BoardTargets => boardTargetsOf(ctx.storage.settings.get(BOARD_TARGETS_KEY)),

    /** Sets some of the board pack's targets (null: no target); audited. */
    setBoardTargets(patch: Partial<BoardTargets>): BoardTargets {
      return ctx.storage.transaction(() => {
        const before = boardTargetsOf(ctx.storage.settings.get(BOARD_TARGETS_KEY));
        const next = BoardTargetsSchema.parse({ ...before, ...patch });
        if (JSON.stringify(before) === JSON.stringify(next)) return next;
        ctx.storage.settings.set(BOARD_TARGETS_KEY, next, now().toISOString());
        recordAudit(ctx, 'settings', BOARD_TARGETS_KEY, 'update', before, next);
        return next;
      });
    },

    /** A file name to offer in the save dialog. */
    suggestedName(request: ReportRequest): string {
      const day = now().toISOString().slice(0, 10);
      if (request.kind === 'board') return `Board pack ${day}.pdf`;
      const name =
        request.kind === 'vendor'
          ? services.vendors.get(request.vendorId).name
          : services.assessments.get(request.assessmentId).assessment.title;
      return `${safeFileName(name)} ${request.kind === 'vendor' ? 'assessment' : 'self-assessment'} ${day}.pdf`;
    },

    /** Renders a report and saves it at `path` (replacing a file there only once the whole PDF is ready). */
    async export(request: ReportRequest, path: string, job: JobContext): Promise<SavedReport> {
      if (!existsSync(dirname(path)))
        throw new AppError('INVALID_INPUT', `The folder ${dirname(path)} does not exist`);
      job.progress(0, 100, 'Gathering the figures');
      const data = await gather(request, job);
      await pause(job);
      job.progress(10, 100, 'Laying out the pages');
      const rendered = await renderOffThread(data, job, (share) =>
        job.progress(10 + Math.round(share * 85), 100, 'Laying out the pages'),
      );
      if (job.signal.aborted) throw cancelled();
      job.progress(96, 100, 'Saving');
      await saveFileAtomically(path, rendered.pdf);
      if (data.kind === 'board') {
        // Only the newest point keeps its vendors: the next report compares with it alone.
        const older = readBoardPoints(ctx).map(({ vendors: _vendors, ...p }) => p);
        ctx.storage.settings.set(BOARD_HISTORY_KEY, withBoardPoint(older, data.point), now().toISOString());
      }
      job.progress(100, 100, 'Saved');
      return {
        kind: request.kind,
        path,
        pages: rendered.pages,
        bytes: rendered.pdf.byteLength,
        renderedIn: rendered.renderedIn,
      };
    },

    /** Ends the warm report worker (on quit). */
    close: () => void reportClient?.close(),
  };
}

export type ReportService = ReturnType<typeof createReportService>;

/**
 * The worker bundle, next to main.js and cli.js in a build; absent when running from
 * source (tests), unless VENDOR_RISK_REPORT_WORKER names a built one (the benchmark does).
 */
const WORKER_FILE = process.env.VENDOR_RISK_REPORT_WORKER ?? join(__dirname, 'report-renderer.js');

/**
 * One warm report worker, reused between reports (starting one and loading the fonts
 * costs more than a small report's render); a cancel raises its flag, and the render stops
 * at its next page or drawn item (render.ts), the worker kept. Reports render one at a time. From source (tests) they render here, and
 * pdfmake is loaded only then, so the CLI's other commands never load it.
 */
let reportClient: WorkerClient<RenderOps> | null = null;
const renderer = () =>
  (reportClient ??= createWorkerClient<RenderOps>({
    file: WORKER_FILE,
    name: 'report worker',
    warm: true,
    sequential: true,
    cancel: 'flag',
    cancelledMessage: 'The report was cancelled; no file was written',
    local: async () => (await import('../workers/render-ops')).renderOps,
  }));

/** Renders in the report worker (here, from source); `onShare` hears how far it got (0–1). */
async function renderOffThread(
  data: ReportData,
  job: JobContext,
  onShare: (share: number) => void,
): Promise<RenderedReport & { renderedIn: 'worker' | 'main' }> {
  const client = renderer();
  const rendered = await client.call('render', data, {
    signal: job.signal,
    progress: (percent) => onShare(percent / 100),
  });
  return { ...rendered, renderedIn: client.runsIn };
}
