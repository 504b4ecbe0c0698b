/**
 * THE IPC contract: every operation the renderer (and the CLI) can ask of the main
 * process, declared once with a zod request and a zod response schema. Types on both
 * sides are inferred from here.
 */
import { z } from 'zod';
import { AppErrorShapeSchema, type AppErrorShape } from '../domain/errors';
import { VendorIdSchema, VendorInputSchema, VendorPatchSchema, VendorSchema } from '../domain/vendor';
import {
  SavedFilterSchema,
  SavedFiltersSchema,
  VendorListItemSchema,
  VendorListQuerySchema,
} from '../domain/vendor-list';
import { AuditEntrySchema, AuditQuerySchema, CHAIN_PROBLEM_KINDS } from '../domain/audit';
import { ReconciliationSchema } from '../domain/audit-reconcile';

/** An audit export: the list's filters, without paging. */
const AuditExportQuerySchema = AuditQuerySchema.omit({ limit: true, offset: true });
import { PreferencesPatchSchema, PreferencesSchema } from '../domain/preferences';
import { QuestionnaireSchema, EVIDENCE_KINDS } from '../domain/questionnaire';
import { StoredAnswerSchema } from '../domain/answer';
import {
  ASSESSMENT_STATUSES,
  AnswerInputSchema,
  AssessmentDetailSchema,
  AssessmentStateSchema,
  AssessmentSummarySchema,
  EvidenceSchema,
  RaisedFlagSchema,
} from '../domain/assessment';
import { RiskSettingsSchema, TIERS } from '../domain/risk';
import { PortfolioSummarySchema } from '../domain/portfolio';
import { DecisionInputSchema, DecisionSchema } from '../domain/decision';
import { DEVICE_OPS } from '../domain/device-api';
import { REPORT_OPS } from '../domain/report-api';
import { BACKUP_OPS } from '../domain/backups';
import { EXCHANGE_OPS } from '../domain/exchange';
import { EncryptionStatusSchema, PassphraseSchema } from '../domain/encryption';
import {
  ClauseMatrixSchema,
  ClauseSchema,
  ClauseSetInputSchema,
  VendorContractSchema,
} from '../domain/contract';

/** A job id lets a long operation report progress and be cancelled. */
const JobIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'Not a job id');

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'A date is YYYY-MM-DD');
const AssessmentId = z.string().uuid('Not an assessment id');
const QuestionnaireSummarySchema = z.object({
  id: z.string(),
  version: z.string(),
  title: z.string(),
  description: z.string(),
  audience: z.enum(['vendor', 'self']),
  categories: z.array(z.string()),
  dataKinds: z.array(z.string()),
  sections: z.number(),
  questions: z.number(),
  source: z.string(),
});
const QuestionnaireFileSchema = z
  .object({
    /** The file's text (JSON, or a VSAQ template). */
    content: z.string().min(1, 'The file is empty').max(5_000_000, 'The file is larger than 5 MB'),
    format: z.enum(['native', 'vsaq']).default('native'),
    /** VSAQ only: the id to give the questionnaire, and extension templates. */
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_.:-]*$/)
      .max(120)
      .optional(),
    extensions: z.array(z.string().max(5_000_000)).max(10).default([]),
  })
  .strict();

const VendorScoreSchema = z.object({
  vendorId: z.string(),
  devices: z
    .record(
      z.string(),
      z.object({
        fail: z.number().int(),
        accepted: z.number().int(),
        pass: z.number().int(),
        unknown: z.number().int(),
      }),
    )
    .nullable(),
  contract: z
    .object({
      clauses: z.number().int(),
      agreed: z.number().int(),
      deviations: z.number().int(),
      contradictions: z.number().int(),
    })
    .nullable(),
  assessment: z
    .object({ id: z.string(), title: z.string(), status: z.string(), updatedAt: z.string() })
    .nullable(),
  score: z.number().nullable(),
  completeness: z.number(),
  answered: z.number(),
  applicable: z.number(),
  domains: z.array(
    z.object({
      questionnaireId: z.string(),
      sectionId: z.string(),
      title: z.string(),
      score: z.number().nullable(),
      answered: z.number(),
      applicable: z.number(),
    }),
  ),
  contributions: z.array(
    z.object({
      questionnaireId: z.string(),
      sectionId: z.string(),
      questionId: z.string(),
      question: z.string(),
      answer: z.string(),
      points: z.number(),
      weight: z.number(),
      contribution: z.number(),
      lost: z.number(),
      reason: z.string().optional(),
    }),
  ),
  flags: z.array(RaisedFlagSchema),
  inherent: z.object({ value: z.number(), data: z.number(), criticality: z.number(), access: z.number() }),
  residual: z.number(),
  tier: z.enum(TIERS),
  cappedByKnockout: z.boolean(),
  knockouts: z.number(),
  lastAssessed: z.string().nullable(),
  nextReassessment: z.string().nullable(),
  overdue: z.boolean(),
});

/**
 * One operation: its request and response schemas; `long` operations take a jobId and
 * report progress; `localOnly` ones (those naming a file path to write) are refused to
 * the page and served only to this process itself (the CLI).
 */
const op = <Req extends z.ZodType, Res extends z.ZodType>(
  request: Req,
  response: Res,
  long = false,
  localOnly = false,
) => ({ request, response, long, localOnly });

export const contract = {
  'app.info': op(
    z.object({}).strict(),
    z.object({
      version: z.string(),
      dataDir: z.string(),
      schemaVersion: z.number().int(),
      vendorCount: z.number().int(),
    }),
  ),
  'vendors.list': op(
    VendorListQuerySchema,
    z.object({ items: z.array(VendorListItemSchema), total: z.number().int() }),
  ),
  'vendors.get': op(z.object({ id: VendorIdSchema }).strict(), VendorSchema),
  'vendors.create': op(VendorInputSchema, VendorSchema),
  'vendors.update': op(z.object({ id: VendorIdSchema, patch: VendorPatchSchema }).strict(), VendorSchema),
  'vendors.remove': op(z.object({ id: VendorIdSchema }).strict(), z.object({ id: VendorIdSchema })),
  'vendors.history': op(
    z.object({ id: VendorIdSchema, limit: z.number().int().min(1).max(500).default(50) }).strict(),
    z.array(AuditEntrySchema),
  ),
  'demo.load': op(
    z.object({ jobId: JobIdSchema.optional() }).strict(),
    z.object({ added: z.number().int(), skipped: z.number().int() }),
    true,
  ),
  'jobs.cancel': op(z.object({ jobId: JobIdSchema }).strict(), z.object({ cancelled: z.boolean() })),
  'questionnaires.list': op(z.object({}).strict(), z.array(QuestionnaireSummarySchema)),
  'questionnaires.get': op(
    z.object({ id: z.string().min(1).max(120), version: z.string().max(40).optional() }).strict(),
    QuestionnaireSchema,
  ),
  'questionnaires.validate': op(
    QuestionnaireFileSchema,
    z.object({ questionnaire: QuestionnaireSummarySchema, report: z.unknown() }),
  ),
  'questionnaires.import': op(
    QuestionnaireFileSchema,
    z.object({
      questionnaire: QuestionnaireSummarySchema,
      report: z.unknown(),
      upgradedFrom: z.string().nullable(),
      unchanged: z.boolean(),
    }),
  ),
  'assessments.start': op(
    z
      .object({
        vendorId: VendorIdSchema.nullable(),
        questionnaireIds: z
          .array(z.string().min(1).max(120))
          .min(1, 'Choose at least one questionnaire')
          .max(20),
      })
      .strict(),
    AssessmentSummarySchema,
  ),
  'assessments.list': op(
    z.object({ vendorId: VendorIdSchema.nullable() }).strict(),
    z.array(AssessmentSummarySchema),
  ),
  'assessments.get': op(z.object({ id: AssessmentId }).strict(), AssessmentDetailSchema),
  'assessments.answer': op(
    z
      .object({ id: AssessmentId, answer: AnswerInputSchema, position: z.string().max(300).optional() })
      .strict(),
    z.object({ answer: StoredAnswerSchema, state: AssessmentStateSchema }),
  ),
  'assessments.answerMany': op(
    z
      .object({
        id: AssessmentId,
        answers: z.array(AnswerInputSchema).min(1).max(5000),
        source: z.string().max(200).default('bulk'),
      })
      .strict(),
    z.object({ applied: z.number(), hidden: z.array(z.string()), state: AssessmentStateSchema }),
  ),
  'assessments.setPosition': op(
    z.object({ id: AssessmentId, position: z.string().min(1).max(300) }).strict(),
    z.object({ position: z.string() }),
  ),
  'assessments.setStatus': op(
    z.object({ id: AssessmentId, status: z.enum(ASSESSMENT_STATUSES) }).strict(),
    AssessmentSummarySchema,
  ),
  'evidence.attach': op(
    z
      .object({
        assessmentId: AssessmentId,
        questionnaireId: z.string().min(1).max(120),
        questionId: z.string().min(1).max(120),
        fileName: z.string().trim().min(1).max(255),
        contentBase64: z.string().min(1).max(36_000_000, 'The evidence file is larger than 25 MB'),
        kind: z.enum(EVIDENCE_KINDS),
        issuer: z.string().trim().max(200).default(''),
        periodStart: IsoDate.nullable().default(null),
        periodEnd: IsoDate.nullable().default(null),
        expiresAt: IsoDate.nullable().default(null),
      })
      .strict(),
    EvidenceSchema,
  ),
  'evidence.list': op(z.object({ vendorId: VendorIdSchema }).strict(), z.array(EvidenceSchema)),
  'scores.vendor': op(z.object({ id: VendorIdSchema }).strict(), VendorScoreSchema),
  'portfolio.summary': op(z.object({}).strict(), PortfolioSummarySchema),
  'decisions.record': op(DecisionInputSchema, DecisionSchema),
  'decisions.list': op(z.object({ vendorId: VendorIdSchema }).strict(), z.array(DecisionSchema)),
  'assessments.selfResult': op(
    z.object({ id: AssessmentId }).strict(),
    z.object({
      score: z.number().nullable(),
      completeness: z.number(),
      maturity: z.array(
        z.object({
          area: z.string(),
          sectionId: z.string(),
          score: z.number().nullable(),
          level: z.string(),
        }),
      ),
      roadmap: z.array(
        z.object({
          questionnaireId: z.string(),
          questionId: z.string(),
          area: z.string(),
          control: z.string(),
          answer: z.string(),
          complexity: z.enum(['low', 'medium', 'high']),
          weeks: z.number(),
          gain: z.number(),
          phase: z.enum(['quick-win', 'next', 'project']),
        }),
      ),
      unanswered: z.number(),
    }),
  ),
  'scores.trend': op(
    z.object({ id: VendorIdSchema }).strict(),
    z.array(
      z.object({
        assessmentId: z.string(),
        title: z.string(),
        status: z.enum(ASSESSMENT_STATUSES),
        date: z.string(),
        score: z.number().nullable(),
        completeness: z.number(),
        knockouts: z.number(),
        tier: z.enum(TIERS),
      }),
    ),
  ),
  'settings.getRisk': op(z.object({}).strict(), RiskSettingsSchema),
  'settings.setRisk': op(RiskSettingsSchema, RiskSettingsSchema),
  'filters.list': op(z.object({}).strict(), SavedFiltersSchema),
  'filters.save': op(SavedFilterSchema, SavedFiltersSchema),
  'filters.remove': op(z.object({ name: z.string().trim().min(1).max(60) }).strict(), SavedFiltersSchema),
  'clauses.library': op(z.object({}).strict(), z.array(ClauseSchema)),
  'clauses.saveClause': op(ClauseSchema, z.array(ClauseSchema)),
  'clauses.removeClause': op(z.object({ id: z.string().min(1).max(80) }).strict(), z.array(ClauseSchema)),
  'clauses.forVendor': op(z.object({ vendorId: VendorIdSchema }).strict(), VendorContractSchema),
  'clauses.set': op(ClauseSetInputSchema, VendorContractSchema),
  'clauses.comment': op(
    z
      .object({
        vendorId: VendorIdSchema,
        clauseId: z.string().min(1).max(80),
        text: z.string().trim().min(1, 'Write a comment').max(5000),
      })
      .strict(),
    VendorContractSchema,
  ),
  'clauses.signOff': op(z.object({ vendorId: VendorIdSchema }).strict(), VendorContractSchema),
  'clauses.matrix': op(z.object({ needsReview: z.boolean().default(false) }).strict(), ClauseMatrixSchema),
  'clauses.exportCsv': op(
    z.object({ needsReview: z.boolean().default(false) }).strict(),
    z.object({ csv: z.string(), rows: z.number().int() }),
  ),
  'devices.chooseFile': op(DEVICE_OPS.chooseFile.request, DEVICE_OPS.chooseFile.response),
  'devices.openPath': op(DEVICE_OPS.openPath.request, DEVICE_OPS.openPath.response, false, true),
  'devices.preview': op(DEVICE_OPS.preview.request, DEVICE_OPS.preview.response, true),
  'devices.apply': op(DEVICE_OPS.apply.request, DEVICE_OPS.apply.response, true),
  'devices.discard': op(DEVICE_OPS.discard.request, DEVICE_OPS.discard.response),
  'devices.errorsCsv': op(DEVICE_OPS.errorsCsv.request, DEVICE_OPS.errorsCsv.response),
  'devices.list': op(DEVICE_OPS.list.request, DEVICE_OPS.list.response),
  'devices.facets': op(DEVICE_OPS.facets.request, DEVICE_OPS.facets.response),
  'devices.findings': op(DEVICE_OPS.findings.request, DEVICE_OPS.findings.response),
  'devices.link': op(DEVICE_OPS.link.request, DEVICE_OPS.link.response),
  'devices.accept': op(DEVICE_OPS.accept.request, DEVICE_OPS.accept.response),
  'devices.history': op(DEVICE_OPS.history.request, DEVICE_OPS.history.response),
  'devices.exportCsv': op(DEVICE_OPS.exportCsv.request, DEVICE_OPS.exportCsv.response),
  'devices.getSettings': op(DEVICE_OPS.getSettings.request, DEVICE_OPS.getSettings.response),
  'devices.setSettings': op(DEVICE_OPS.setSettings.request, DEVICE_OPS.setSettings.response),
  'audit.list': op(
    AuditQuerySchema,
    z.object({
      items: z.array(
        AuditEntrySchema.extend({
          hash: z.string().nullable(),
          changes: z.array(z.object({ field: z.string(), before: z.string(), after: z.string() })),
        }),
      ),
      total: z.number().int(),
    }),
  ),
  'audit.verify': op(
    z
      .object({
        jobId: JobIdSchema.optional(),
        /** A head printed earlier: "#1234:3f2a…" (entry number and hash) or the hash alone. */
        expectedHead: z
          .string()
          .regex(
            /^\s*(#?\d{1,15}[:\s]\s*)?[0-9a-fA-F]{64}\s*$/,
            'A head is its entry number and hash ("#1234:3f2a…") or the 64-digit hash alone',
          )
          .optional(),
      })
      .strict(),
    z.object({
      ok: z.boolean(),
      entries: z.number().int(),
      head: z.string(),
      headId: z.number().int(),
      /** Whether the entries' signatures (encryption on) were checked, or could not be (locked). */
      signatures: z.enum(['off', 'checked', 'locked']),
      problem: z
        .object({ id: z.number().int(), kind: z.enum(CHAIN_PROBLEM_KINDS), message: z.string() })
        .nullable(),
      /** The live records compared with the trail's last state of each; null when the chain is broken. */
      reconciled: ReconciliationSchema.nullable(),
      ranIn: z.enum(['worker', 'main']),
    }),
    true,
  ),
  'audit.exportCsv': op(AuditExportQuerySchema, z.object({ csv: z.string(), rows: z.number().int() })),
  'audit.exportJson': op(AuditExportQuerySchema, z.object({ json: z.string(), rows: z.number().int() })),
  'backups.list': op(BACKUP_OPS.list.request, BACKUP_OPS.list.response),
  'backups.setSettings': op(BACKUP_OPS.setSettings.request, BACKUP_OPS.setSettings.response),
  'backups.snapshot': op(BACKUP_OPS.snapshot.request, BACKUP_OPS.snapshot.response, true),
  'backups.saveAs': op(BACKUP_OPS.saveAs.request, BACKUP_OPS.saveAs.response, true),
  'backups.save': op(BACKUP_OPS.save.request, BACKUP_OPS.save.response, true, true),
  'backups.restoreSnapshot': op(
    BACKUP_OPS.restoreSnapshot.request,
    BACKUP_OPS.restoreSnapshot.response,
    true,
  ),
  'backups.restoreFromFile': op(
    BACKUP_OPS.restoreFromFile.request,
    BACKUP_OPS.restoreFromFile.response,
    true,
  ),
  'backups.restorePath': op(BACKUP_OPS.restorePath.request, BACKUP_OPS.restorePath.response, true, true),
  'encryption.status': op(z.object({}).strict(), EncryptionStatusSchema),
  'encryption.enable': op(
    z.object({ passphrase: PassphraseSchema.optional() }).strict(),
    EncryptionStatusSchema.extend({ sealedValues: z.number().int(), sealedFiles: z.number().int() }),
  ),
  'encryption.unlock': op(
    z.object({ passphrase: z.string().min(1).max(200) }).strict(),
    EncryptionStatusSchema,
  ),
  'encryption.lock': op(z.object({}).strict(), EncryptionStatusSchema),
  'encryption.setPassphrase': op(z.object({ passphrase: PassphraseSchema }).strict(), EncryptionStatusSchema),
  'exchange.export': op(EXCHANGE_OPS.export.request, EXCHANGE_OPS.export.response, true),
  'exchange.save': op(EXCHANGE_OPS.save.request, EXCHANGE_OPS.save.response, true, true),
  'exchange.preview': op(EXCHANGE_OPS.preview.request, EXCHANGE_OPS.preview.response, true),
  'exchange.apply': op(EXCHANGE_OPS.apply.request, EXCHANGE_OPS.apply.response),
  'exchange.discard': op(EXCHANGE_OPS.discard.request, EXCHANGE_OPS.discard.response),
  'reports.export': op(REPORT_OPS.export.request, REPORT_OPS.export.response, true),
  'reports.save': op(REPORT_OPS.save.request, REPORT_OPS.save.response, true, true),
  'reports.showInFolder': op(REPORT_OPS.showInFolder.request, REPORT_OPS.showInFolder.response),
  'preferences.get': op(z.object({}).strict(), PreferencesSchema),
  'preferences.set': op(PreferencesPatchSchema, PreferencesSchema),
} as const;

export type Contract = typeof contract;
export type OperationName = keyof Contract;
export const OPERATION_NAMES = Object.keys(contract) as OperationName[];

/** What the caller sends (defaults not yet applied). */
export type RequestOf<K extends OperationName> = z.input<Contract[K]['request']>;
/** What the handler receives (validated, defaults applied). */
export type ParsedRequestOf<K extends OperationName> = z.output<Contract[K]['request']>;
/** What the caller gets back on success. */
export type ResponseOf<K extends OperationName> = z.output<Contract[K]['response']>;

/** Every answer across IPC: nothing throws. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorShape };

/** Progress of a long operation, sent on the one progress channel. */
export const ProgressEventSchema = z.object({
  jobId: z.string(),
  operation: z.string(),
  done: z.number(),
  total: z.number(),
  message: z.string(),
});
export type ProgressEvent = z.infer<typeof ProgressEventSchema>;

/** Commands the native menu sends to the page. */
export const MENU_COMMANDS = [
  'vendor.new',
  'vendor.edit',
  'vendor.delete',
  'view.vendors',
  'view.settings',
  'find',
  'demo.load',
  'report.export',
  'help.about',
] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

/** The shape of `window.vendorRisk`, as the preload builds it. */
export type VendorRiskApi = {
  [K in OperationName]: (request: RequestOf<K>) => Promise<Result<ResponseOf<K>>>;
} & {
  /** Listen to progress of long operations; returns the unsubscribe function. */
  onProgress(listener: (event: ProgressEvent) => void): () => void;
  /** Listen to native menu commands; returns the unsubscribe function. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
};

export const ResultErrorSchema = z.object({ ok: z.literal(false), error: AppErrorShapeSchema });

/** Channel names: one invoke channel per operation, one progress channel, one menu channel. */
export const channelFor = (name: OperationName): string => `vendor-risk:${name}`;
export const PROGRESS_CHANNEL = 'vendor-risk:progress';
export const MENU_CHANNEL = 'vendor-risk:menu';
