/** PDF reports: a vendor's assessment, the board report, the self-assessment roadmap. */
import { z } from 'zod';
import { EmptyRequestSchema, FilePathSchema, JobIdSchema } from '../../domain/primitives';
import { BoardTargetsSchema } from '../../domain/board-targets';
import { ReportTargetSchema, SavedReportSchema } from '../../domain/report-api';
import { op } from './op';

export const reportOps = {
  'reports.export': op({
    summary: 'Asks where to save (the save dialog), then renders and saves a report (the app)',
    request: z.object({ target: ReportTargetSchema, jobId: JobIdSchema.optional() }).strict(),
    response: z.discriminatedUnion('saved', [
      SavedReportSchema.extend({ saved: z.literal(true) }),
      z.object({ saved: z.literal(false) }),
    ]),
    long: true,
  }),
  'reports.save': op({
    summary: 'Renders and saves a report at a path (the CLI)',
    request: z
      .object({ target: ReportTargetSchema, path: FilePathSchema, jobId: JobIdSchema.optional() })
      .strict(),
    response: SavedReportSchema,
    long: true,
    localOnly: true,
  }),
  'reports.showInFolder': op({
    summary: 'Shows a report saved in this session in the file manager',
    request: z.object({ path: FilePathSchema }).strict(),
    response: z.object({ shown: z.boolean() }),
  }),
  'settings.getBoardTargets': op({
    summary: 'The targets the board pack shows beside its key figures (defaults for any not set)',
    request: EmptyRequestSchema,
    response: BoardTargetsSchema,
  }),
  'settings.setBoardTargets': op({
    summary: 'Sets some of the board pack’s targets (null: no target)',
    request: z.object({ targets: BoardTargetsSchema.partial() }).strict(),
    response: BoardTargetsSchema,
  }),
} as const;
