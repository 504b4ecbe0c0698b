/** Scores: a vendor's score, risk and tier explained, and its trend over assessments. */
import { z } from 'zod';
import { VendorIdSchema } from '../../domain/primitives';
import { ScoreTrendPointSchema, VendorScoreSchema } from '../../domain/score-shapes';
import { op } from './op';

export const scoreOps = {
  'scores.vendor': op({
    summary: 'A vendor’s score, completeness, domains, explanation, flags, risk, tier and reassessment',
    request: z.object({ id: VendorIdSchema }).strict(),
    response: VendorScoreSchema,
  }),
  'scores.trend': op({
    summary: 'A vendor’s score and tier at each of its assessments, oldest first',
    request: z.object({ id: VendorIdSchema }).strict(),
    response: z.array(ScoreTrendPointSchema),
  }),
} as const;
