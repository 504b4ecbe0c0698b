/** Decisions on vendors: approve, approve with conditions, reject. */
import { z } from 'zod';
import { VendorIdSchema } from '../../domain/primitives';
import { DecisionInputSchema, DecisionSchema } from '../../domain/decision';
import { op } from './op';

export const decisionOps = {
  'decisions.record': op({
    summary: 'Records a decision on a vendor',
    request: DecisionInputSchema,
    response: DecisionSchema,
  }),
  'decisions.list': op({
    summary: 'A vendor’s decisions, newest first',
    request: z.object({ vendorId: VendorIdSchema }).strict(),
    response: z.array(DecisionSchema),
  }),
} as const;
