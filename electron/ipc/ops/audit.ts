/** The audit trail: list and filter it, verify its chain and the data, export it. */
import { z } from 'zod';
import { CountSchema, JobIdSchema } from '../../domain/primitives';
import {
  AuditEntrySchema,
  AuditExportQuerySchema,
  AuditQuerySchema,
  ChainProblemSchema,
  ChainVerdictSchema,
} from '../../domain/audit';
import { ReconciliationSchema } from '../../domain/audit-reconcile';
import { op } from './op';

export const auditOps = {
  'audit.list': op({
    summary: 'Audit entries matching filters, a page at a time, with readable changes',
    request: AuditQuerySchema,
    response: z.object({
      items: z.array(
        AuditEntrySchema.extend({
          hash: z.string().nullable(),
          changes: z.array(z.object({ field: z.string(), before: z.string(), after: z.string() })),
        }),
      ),
      total: CountSchema,
    }),
  }),
  'audit.verify': op({
    summary: 'Walks the hash chain (and signatures) and reconciles the live records with the trail',
    request: z
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
    response: z.object({
      ...ChainVerdictSchema.omit({ problem: true }).shape,
      /** Whether the entries' signatures (encryption on) were checked, or could not be (locked). */
      signatures: z.enum(['off', 'checked', 'locked']),
      problem: ChainProblemSchema.nullable(),
      /** The live records compared with the trail's last state of each; null when the chain is broken. */
      reconciled: ReconciliationSchema.nullable(),
      ranIn: z.enum(['worker', 'main']),
    }),
    long: true,
  }),
  'audit.exportCsv': op({
    summary: 'The filtered trail as CSV',
    request: AuditExportQuerySchema,
    response: z.object({ csv: z.string(), rows: CountSchema, total: CountSchema }),
  }),
  'audit.exportJson': op({
    summary: 'The filtered trail as JSON, with the chain',
    request: AuditExportQuerySchema,
    response: z.object({ json: z.string(), rows: CountSchema, total: CountSchema }),
  }),
} as const;
