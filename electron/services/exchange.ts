/**
 * Questionnaire exchange: a package (workbook or form) for a vendor's assessment, and a
 * vendor's response read back, checked against the package, reviewed answer by answer
 * beside the current ones, and accepted as coming from that response (the file's hash
 * is kept; the answers' source names it in the audit trail).
 */
import { createHash, randomUUID } from 'node:crypto';
import { AppError } from '../domain/errors';
import type { ExchangePackageRow } from '../storage/exchange-repo';
import { answerProblem, type AnswerValue } from '../domain/answer';
import { answerText } from '../domain/report-data';
import { answerKey, evaluateAssessment } from '../domain/evaluate-assessment';
import {
  cellToAnswer,
  ResponseFileSchema,
  type ExchangeFormat,
  type IncomingRow,
  type Manifest,
} from '../domain/exchange';
import type { AnswerInput } from '../domain/assessment';
import type { Questionnaire } from '../domain/questionnaire';
import { issuesFromZod, summariseIssues } from '../domain/errors';
import { buildWorkbook, questionIndex, readWorkbook } from '../exchange/workbook';
import { questionsChecksum } from '../exchange/checksum';
import { buildForm } from '../exchange/form';
import { recordAudit, type JobContext, type ServiceContext } from './context';
import type { AppServices } from './services';
import { loadBuiltinQuestionnaires } from './builtin-questionnaires';
import { safeFileName } from '../domain/file-name';
import { createOrganisationService } from './organisation';
import { createExchangeSboms, type PendingSbomReply } from './exchange-sboms';
import { MAX_RESPONSE_JSON_BYTES, type ResponseSbom, type SbomRequest } from '../domain/exchange-sbom';

/** The largest workbook read (one of a few thousand answers is far smaller). */
export const MAX_RESPONSE_BYTES = 20 * 1024 * 1024;
/** Problems listed at most (a hostile file could have thousands). */
const MAX_PROBLEMS = 200;
/** The longest note an answer may have (as typed in the app). */
const NOTE_LIMIT = 10_000;
const PREVIEW_MINUTES = 30;

interface Pending {
  packageId: string;
  vendorId: string;
  assessmentId: string;
  fileName: string;
  sha256: string;
  inputs: Map<string, AnswerInput>;
  rows: IncomingRow[];
  /** The replies to the package's SBOM requests, files and all. */
  sboms: PendingSbomReply[];
  /** A preview is kept this long (then the file is read again, against the answers of then). */
  expires: number;
}

/** Refuses a due date that is no calendar day ("2027-02-30") or is already past. */
function checkDueDate(due: string, today: string): void {
  const d = new Date(`${due}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(due) || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== due)
    throw new AppError('INVALID_INPUT', `The due date ${due.slice(0, 40)} is not a date (YYYY-MM-DD)`);
  // A day's grace: "today" here is UTC's, and the person choosing may be a time zone behind it.
  const earliest = new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  if (due < earliest)
    throw new AppError(
      'INVALID_INPUT',
      `The due date ${due} is past (today is ${today}); choose today or later`,
    );
}

type Sources = Pick<AppServices, 'vendors' | 'assessments' | 'questionnaires' | 'sboms' | 'devices'>;

/** The exchange service over the app's services. */
export function createExchangeService(ctx: ServiceContext, services: Sources) {
  const { storage } = ctx;
  const pending = new Map<string, Pending>();
  const organisation = createOrganisationService(ctx);
  const sbomPart = createExchangeSboms(ctx, services);

  const pinned = (m: Manifest): Questionnaire[] =>
    m.questionnaires.map((q) => services.questionnaires.pinned(q.id, q.version));

  /**
   * The latest package sent after `pkg` for the same assessment, if any: its response was
   * asked for later, so this one's answers may be older than those (a second round of
   * questions, or a vendor sending an old file back).
   */
  const newerPackageThan = (pkg: ExchangePackageRow) => {
    const later = storage.exchange
      .packagesOf(pkg.vendorId)
      .filter((p) => p.assessmentId === pkg.assessmentId && p.id !== pkg.id && p.createdAt > pkg.createdAt)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
    return later ? { createdAt: later.createdAt, format: later.format } : null;
  };

  /** The vendor's open assessment with exactly these questionnaires, or a new one. */
  function assessmentFor(vendorId: string, questionnaireIds: string[]) {
    const wanted = [...new Set(questionnaireIds)].sort().join(',');
    const open = services.assessments.list(vendorId).find(
      (a) =>
        a.status === 'in-progress' &&
        a.questionnaires
          .map((q) => q.id)
          .sort()
          .join(',') === wanted,
    );
    return open ?? services.assessments.start(vendorId, questionnaireIds);
  }

  return {
    /**
     * A package for the vendor (its open assessment of these questionnaires, or a new one), as
     * file bytes; with a due date (YYYY-MM-DD, today or later) when the answers are wanted back,
     * and the model + firmware pairs whose SBOMs the form asks for.
     */
    async export(
      vendorId: string,
      questionnaireIds: string[],
      format: ExchangeFormat,
      options: { dueDate?: string; sboms?: SbomRequest[] } = {},
    ) {
      await loadBuiltinQuestionnaires();
      const today = ctx.now().toISOString().slice(0, 10);
      if (options.dueDate !== undefined) checkDueDate(options.dueDate, today);
      const sboms = sbomPart.requestsFor(format, options.sboms ?? []);
      const vendor = services.vendors.get(vendorId);
      const assessment = assessmentFor(vendorId, questionnaireIds);
      const detail = services.assessments.get(assessment.id);
      const questionnaires = detail.questionnaires;
      const manifest: Manifest = {
        format: 'vendor-risk-exchange/1',
        packageId: randomUUID(),
        vendorId,
        vendorName: vendor.name,
        questionnaires: questionnaires.map((q) => ({ id: q.id, version: q.version, title: q.title })),
        checksum: questionsChecksum(questionnaires),
        createdAt: ctx.now().toISOString(),
        ...(options.dueDate ? { dueDate: options.dueDate } : {}),
        ...(sboms.length ? { sboms } : {}),
      };
      // Answers already given are filled in for the vendor to update; our notes are internal and stay here.
      const evidenceIds = new Set(
        questionnaires.flatMap((q) =>
          q.sections.flatMap((s) =>
            s.questions.filter((x) => x.type === 'evidence').map((x) => `${q.id}/${x.id}`),
          ),
        ),
      );
      const currentView = new Map(
        detail.answers
          .filter((a) => !evidenceIds.has(`${a.questionnaireId}/${a.questionId}`))
          .map((a) => [`${a.questionnaireId}/${a.questionId}`, { answer: a.answer, note: '' }]),
      );
      const bytes =
        format === 'xlsx'
          ? await buildWorkbook(manifest, questionnaires, currentView)
          : Buffer.from(
              buildForm(manifest, questionnaires, currentView, { company: organisation.company() }),
              'utf8',
            );
      storage.transaction(() => {
        storage.exchange.insertPackage({
          id: manifest.packageId,
          vendorId,
          assessmentId: assessment.id,
          format,
          manifest,
          createdAt: manifest.createdAt,
          createdBy: ctx.actor(),
        });
        recordAudit(ctx, 'exchange', manifest.packageId, 'send', null, {
          vendorId,
          assessmentId: assessment.id,
          format,
          questionnaires: manifest.questionnaires,
          checksum: manifest.checksum,
          ...(manifest.dueDate ? { dueDate: manifest.dueDate } : {}),
          ...(manifest.sboms ? { sboms: manifest.sboms } : {}),
        });
      });
      const day = manifest.createdAt.slice(0, 10);
      return {
        packageId: manifest.packageId,
        assessmentId: assessment.id,
        bytes,
        fileName: `${safeFileName(vendor.name)} questionnaire ${day}.${format}`,
      };
    },

    /**
     * Reads a returned workbook or response file for the vendor: refused when it belongs to
     * another package or vendor, or when the questions changed; otherwise every answer beside
     * the current one, with what is wrong with the invalid ones. Nothing is written.
     */
    async preview(vendorId: string, fileName: string, bytes: Uint8Array, job: JobContext) {
      const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
      // A response file may carry SBOM files; a workbook carries answers only.
      const limit = isZip ? MAX_RESPONSE_BYTES : MAX_RESPONSE_JSON_BYTES;
      if (bytes.byteLength > limit)
        throw new AppError(
          'INVALID_INPUT',
          `The file is larger than ${limit / 1024 / 1024} MB; it is not a response`,
        );
      if (bytes.byteLength === 0) throw new AppError('INVALID_INPUT', `${fileName} is empty`);
      await loadBuiltinQuestionnaires();
      job.progress(0, 2, 'Reading the response');
      let manifestLike: { packageId: string; vendorId: string; checksum: string };
      type Raw = {
        id: string;
        /** A workbook row's question text, which must be its id's question. */
        asked?: string;
        where: string;
        answer:
          { cell: string | number | Date | null; problem: string | null } | { value: AnswerValue | null };
        note: string;
        evidence: string;
      };
      const raws: Raw[] = [];
      let sbomReplies: ResponseSbom[] = [];
      const fileProblems: { where: string; problem: string }[] = [];
      if (isZip) {
        const read = await readWorkbook(bytes);
        if (!read.ok)
          throw new AppError('INVALID_INPUT', `${fileName}: ${read.message}; nothing was changed`);
        manifestLike = read.manifest;
        fileProblems.push(...read.problems);
        for (const r of read.rows)
          raws.push({
            id: r.id,
            asked: r.asked,
            where: `Sheet "${r.sheet}", row ${r.row}`,
            answer: { cell: r.answer, problem: r.answerProblem },
            note: r.note,
            evidence: r.evidence,
          });
      } else {
        let parsed: unknown;
        try {
          parsed = JSON.parse(Buffer.from(bytes).toString('utf8'));
        } catch {
          throw new AppError(
            'INVALID_INPUT',
            `${fileName} is neither a workbook (.xlsx) nor a response file (.json); nothing was changed`,
          );
        }
        const checked = ResponseFileSchema.safeParse(parsed);
        if (!checked.success)
          throw new AppError(
            'INVALID_INPUT',
            `${fileName} is not a response file of Vendor Risk Desk: ${summariseIssues(issuesFromZod(checked.error)).slice(0, 300)}; nothing was changed`,
          );
        manifestLike = checked.data;
        sbomReplies = checked.data.sboms;
        for (const a of checked.data.answers)
          raws.push({
            id: `${a.questionnaireId}/${a.questionId}`,
            where: `${a.questionnaireId}/${a.questionId}`,
            answer: { value: a.answer },
            note: a.note,
            evidence: a.evidence,
          });
      }
      const pkg = storage.exchange.getPackage(manifestLike.packageId);
      if (!pkg)
        throw new AppError(
          'INVALID_INPUT',
          `${fileName} answers a package this data folder never sent; nothing was changed`,
        );
      if (pkg.vendorId !== vendorId || manifestLike.vendorId !== vendorId) {
        const other = storage.vendors.get(pkg.vendorId);
        throw new AppError(
          'INVALID_INPUT',
          `${fileName} is the response of ${other?.name ?? 'another vendor'}, not of this vendor; nothing was changed`,
        );
      }
      const questionnaires = pinned(pkg.manifest);
      if (
        manifestLike.checksum !== pkg.manifest.checksum ||
        questionsChecksum(questionnaires) !== pkg.manifest.checksum
      )
        throw new AppError(
          'INVALID_INPUT',
          `${fileName} answers questions that have changed since the package was sent; nothing was changed`,
        );

      job.progress(1, 2, 'Checking every answer');
      const index = questionIndex(questionnaires);
      const current = new Map(
        services.assessments
          .get(pkg.assessmentId)
          .answers.map((a) => [`${a.questionnaireId}/${a.questionId}`, a]),
      );
      const rows: IncomingRow[] = [];
      const inputs = new Map<string, AnswerInput>();
      const seen = new Set<string>();
      // Questions the file answers (a row with only a note, or nothing, leaves its question unanswered).
      const answered = new Set<string>();
      const unknown: string[] = [];
      for (const raw of raws) {
        const found = index.get(raw.id);
        if (!found) {
          unknown.push(`${raw.where}: unknown question id "${raw.id.slice(0, 120)}"`);
          continue;
        }
        if (seen.has(raw.id)) {
          unknown.push(`${raw.where}: question "${raw.id}" answered twice`);
          continue;
        }
        const { question, questionnaireId } = found;
        // The ids are hidden, not locked: a row whose id was swapped with another's would give
        // its answer to the other question. The locked text beside it says which it asks.
        if (raw.asked !== undefined && spaced(raw.asked) !== spaced(question.text)) {
          unknown.push(
            `${raw.where}: the hidden question id was changed (the row asks "${clip(raw.asked)}", its id is "${raw.id}")`,
          );
          continue;
        }
        seen.add(raw.id);
        let answer: AnswerValue | null = null;
        let problem: string | null = null;
        if ('cell' in raw.answer) {
          const read = raw.answer.problem
            ? { problem: raw.answer.problem }
            : cellToAnswer(question, raw.answer.cell);
          if ('problem' in read) problem = read.problem;
          else answer = read.answer;
        } else {
          answer = raw.answer.value;
          problem = answer ? answerProblem(question, answer) : null;
        }
        const note = [raw.note, raw.evidence ? `Evidence: ${raw.evidence}` : ''].filter(Boolean).join('\n');
        if (!answer && !note && !problem) continue;
        if (answer || problem) answered.add(raw.id);
        // Evidence is attached in the app, never answered from a file (not even "not applicable").
        if (question.type === 'evidence')
          problem = 'Evidence is attached in the app: name the file in a note instead';
        if (note.length > NOTE_LIMIT) problem = `The note is longer than ${NOTE_LIMIT} characters`;
        const now = current.get(raw.id);
        const currentText = now?.answer ? answerText(question, now.answer) : '';
        // No answer in the file keeps the current one (only the note comes in).
        const incoming = answer ? answerText(question, answer) : currentText;
        // An empty note in the file leaves ours as it is (our notes are not sent, so they come back empty).
        const noteChanged = note !== '' && note !== (now?.note ?? '');
        const same = incoming === currentText && !noteChanged;
        rows.push({
          key: raw.id,
          questionnaireId,
          questionId: question.id,
          question: question.text,
          where: raw.where,
          incoming: problem
            ? String('cell' in raw.answer ? (raw.answer.cell ?? '') : JSON.stringify(raw.answer.value)).slice(
                0,
                200,
              )
            : incoming,
          current: currentText,
          incomingNote: note,
          state: problem ? 'invalid' : same ? 'same' : now?.answer || now?.note ? 'changed' : 'new',
          problem,
        });
        if (!problem && !same)
          inputs.set(raw.id, {
            questionnaireId,
            questionId: question.id,
            ...(answer ? { answer } : {}),
            ...(noteChanged ? { note } : {}),
          });
      }
      // With the incoming answers in place, which questions would show: an answer to one that
      // the other answers hide is kept but does not count, and the review says so.
      const merged = new Map<string, AnswerValue | null>(
        [...current.values()].map((a) => [answerKey(a.questionnaireId, a.questionId), a.answer]),
      );
      for (const i of inputs.values())
        if (i.answer !== undefined) merged.set(answerKey(i.questionnaireId, i.questionId), i.answer);
      const visible = evaluateAssessment(questionnaires, merged).visible;
      for (const r of rows)
        if (r.state !== 'invalid' && !visible.has(answerKey(r.questionnaireId, r.questionId)))
          r.hidden = true;
      const missing = [...index.keys()].filter(
        (k) => !answered.has(k) && index.get(k)!.question.type !== 'evidence',
      );
      const sbomReview = sbomPart.review(vendorId, pkg.manifest, sbomReplies);
      const token = randomUUID();
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      pending.set(token, {
        packageId: pkg.id,
        vendorId,
        assessmentId: pkg.assessmentId,
        fileName,
        sha256,
        inputs,
        rows,
        sboms: sbomReview.rows,
        expires: Date.now() + PREVIEW_MINUTES * 60_000,
      });
      const target = services.assessments.get(pkg.assessmentId).assessment;
      job.progress(2, 2, 'Ready to review');
      return {
        token,
        packageId: pkg.id,
        fileName,
        sha256,
        assessment: { id: target.id, title: target.title, status: target.status },
        alreadyImported: storage.exchange.responsesWithHash(pkg.id, sha256) > 0,
        newerPackage: newerPackageThan(pkg),
        rows,
        counts: {
          incoming: rows.length,
          invalid: rows.filter((r) => r.state === 'invalid').length,
          changed: rows.filter((r) => r.state === 'changed').length,
          new: rows.filter((r) => r.state === 'new').length,
          same: rows.filter((r) => r.state === 'same').length,
          unanswered: missing.length,
        },
        problems: [
          ...fileProblems.map((p) => `${p.where}: ${p.problem}`),
          ...unknown,
          ...sbomReview.problems,
        ].slice(0, MAX_PROBLEMS),
        sboms: sbomReview.rows.map(({ bytes: _bytes, ...row }) => row),
        unanswered: missing.slice(0, 200),
      };
    },

    /** Throws unless a response preview with this token is waiting. */
    checkToken(token: string): void {
      if (!pending.has(token))
        throw new AppError('NOT_FOUND', 'That response preview is gone; read the file again');
    },

    /**
     * Accepts all valid incoming answers, or those named, recorded as coming from the response;
     * attaches the SBOM files it carries and records its other SBOM replies.
     */
    apply(token: string, accept: 'all' | string[]) {
      const p = pending.get(token);
      if (!p || p.expires < Date.now()) {
        pending.delete(token);
        throw new AppError('NOT_FOUND', 'That response preview is gone; read the file again');
      }
      const keys = accept === 'all' ? [...p.inputs.keys()] : accept;
      const bad = keys.filter((k) => !p.inputs.has(k));
      if (bad.length)
        throw new AppError(
          'INVALID_INPUT',
          `These answers cannot be accepted (invalid or unchanged): ${bad.slice(0, 5).join(', ')}`,
        );
      const inputs = keys.map((k) => p.inputs.get(k)!);
      const source = `vendor-response:${p.sha256.slice(0, 16)}`;
      const result = storage.transaction(() => {
        const applied = inputs.length
          ? services.assessments.answerMany(p.assessmentId, inputs, source)
          : null;
        const sboms = sbomPart.apply(p.packageId, p.vendorId, p.sboms);
        storage.exchange.insertResponse({
          id: randomUUID(),
          packageId: p.packageId,
          fileName: p.fileName,
          sha256: p.sha256,
          accepted: inputs.length,
          receivedAt: ctx.now().toISOString(),
          receivedBy: ctx.actor(),
        });
        recordAudit(ctx, 'exchange', p.packageId, 'import', null, {
          vendorId: p.vendorId,
          assessmentId: p.assessmentId,
          fileName: p.fileName,
          sha256: p.sha256,
          accepted: keys,
          ...(sboms.length ? { sboms } : {}),
        });
        return { applied, sboms };
      });
      pending.delete(token);
      return {
        accepted: inputs.length,
        assessmentId: p.assessmentId,
        sha256: p.sha256,
        hidden: result.applied?.hidden.length ?? 0,
        sboms: result.sboms,
      };
    },

    /** The model + firmware pairs of the vendor's devices an SBOM can be asked for. */
    sbomModels(vendorId: string) {
      services.vendors.get(vendorId);
      return services.devices.vendorModels(vendorId);
    },

    /** Every SBOM the vendor was asked for, with the latest reply. */
    sbomRequests(vendorId: string) {
      services.vendors.get(vendorId);
      return sbomPart.requests(vendorId);
    },

    discard(token: string) {
      return { discarded: pending.delete(token) };
    },
  };
}

export type ExchangeService = ReturnType<typeof createExchangeService>;

/** Text with its runs of white space as one space (a spreadsheet program may write \r\n). */
function spaced(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** At most 80 characters of a text for a message. */
function clip(text: string): string {
  const one = spaced(text);
  return one.length > 80 ? `${one.slice(0, 79)}…` : one;
}
