/** The questionnaire library: list, read, check and import questionnaires. */
import { z } from 'zod';
import { EmptyRequestSchema } from '../../domain/primitives';
import {
  QUESTIONNAIRE_FORMATS,
  QuestionnaireSchema,
  QuestionnaireSummarySchema,
} from '../../domain/questionnaire';
import { op } from './op';

/** A questionnaire file sent to be checked or imported. */
const QuestionnaireFileSchema = z
  .object({
    /** The file's text (JSON, or a VSAQ template). */
    content: z.string().min(1, 'The file is empty').max(5_000_000, 'The file is larger than 5 MB'),
    format: z.enum(QUESTIONNAIRE_FORMATS).default('native'),
    /** VSAQ only: the id to give the questionnaire, and extension templates. */
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_.:-]*$/)
      .max(120)
      .optional(),
    extensions: z.array(z.string().max(5_000_000)).max(10).default([]),
  })
  .strict();

export const questionnaireOps = {
  'questionnaires.list': op({
    summary: 'Every installed questionnaire, built-in and imported',
    request: EmptyRequestSchema,
    response: z.array(QuestionnaireSummarySchema),
  }),
  'questionnaires.get': op({
    summary: 'One questionnaire (its latest version, or the one named)',
    request: z.object({ id: z.string().min(1).max(120), version: z.string().max(40).optional() }).strict(),
    response: QuestionnaireSchema,
  }),
  'questionnaires.validate': op({
    summary: 'Checks a questionnaire file without importing it',
    request: QuestionnaireFileSchema,
    response: z.object({ questionnaire: QuestionnaireSummarySchema, report: z.unknown() }),
  }),
  'questionnaires.import': op({
    summary: 'Imports a questionnaire file (ours or VSAQ), upgrading an older version',
    request: QuestionnaireFileSchema,
    response: z.object({
      questionnaire: QuestionnaireSummarySchema,
      report: z.unknown(),
      upgradedFrom: z.string().nullable(),
      unchanged: z.boolean(),
    }),
  }),
} as const;
