/** Legal's clause library and each vendor's clauses: status, agreed values, comments, sign-off. */
import { z } from 'zod';
import { CountSchema, EmptyRequestSchema, VendorIdSchema } from '../../domain/primitives';
import {
  ClauseMatrixSchema,
  ClauseSchema,
  ClauseSetInputSchema,
  VendorClausesSchema,
} from '../../domain/clauses';
import { op } from './op';

const ClauseIdSchema = z.string().min(1).max(80);
const ForVendor = z.object({ vendorId: VendorIdSchema }).strict();
const Matrix = z.object({ needsReview: z.boolean().default(false) }).strict();

export const clauseOps = {
  'clauses.library': op({
    summary: 'The clause library with our positions',
    request: EmptyRequestSchema,
    response: z.array(ClauseSchema),
  }),
  'clauses.saveClause': op({
    summary: 'Adds or changes a clause of the library',
    request: ClauseSchema,
    response: z.array(ClauseSchema),
  }),
  'clauses.removeClause': op({
    summary: 'Removes a clause from the library',
    request: z.object({ id: ClauseIdSchema }).strict(),
    response: z.array(ClauseSchema),
  }),
  'clauses.forVendor': op({
    summary: 'A vendor’s clauses: status, values, deviations, contradictions, sign-off',
    request: ForVendor,
    response: VendorClausesSchema,
  }),
  'clauses.set': op({
    summary: 'Records a vendor clause’s status, agreed value, reference or waiver',
    request: ClauseSetInputSchema,
    response: VendorClausesSchema,
  }),
  'clauses.comment': op({
    summary: 'Adds a comment to a vendor’s clause',
    request: z
      .object({
        vendorId: VendorIdSchema,
        clauseId: ClauseIdSchema,
        text: z.string().trim().min(1, 'Write a comment').max(5000),
      })
      .strict(),
    response: VendorClausesSchema,
  }),
  'clauses.signOff': op({
    summary: 'Legal signs off a vendor’s clauses',
    request: ForVendor,
    response: VendorClausesSchema,
  }),
  'clauses.matrix': op({
    summary: 'The vendors × clauses matrix',
    request: Matrix,
    response: ClauseMatrixSchema,
  }),
  'clauses.exportCsv': op({
    summary: 'The vendors × clauses matrix as a formula-safe CSV',
    request: Matrix,
    response: z.object({ csv: z.string(), rows: CountSchema }),
  }),
} as const;
