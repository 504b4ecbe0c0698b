/** Vendors: the list, one vendor, its changes, and the list's saved filters. */
import { z } from 'zod';
import { CountSchema, EmptyRequestSchema, RowVersionSchema, VendorIdSchema } from '../../domain/primitives';
import { VendorInputSchema, VendorPatchSchema, VendorSchema } from '../../domain/vendor';
import {
  SavedFilterSchema,
  SavedFiltersSchema,
  VendorListItemSchema,
  VendorListQuerySchema,
} from '../../domain/vendor-list';
import { AuditEntrySchema } from '../../domain/audit';
import { op } from './op';

const ById = z.object({ id: VendorIdSchema }).strict();

export const vendorOps = {
  'vendors.list': op({
    summary: 'Vendors matching a search and filters, sorted, with their standing',
    request: VendorListQuerySchema,
    response: z.object({ items: z.array(VendorListItemSchema), total: CountSchema }),
  }),
  'vendors.get': op({ summary: 'One vendor', request: ById, response: VendorSchema }),
  'vendors.create': op({ summary: 'Adds a vendor', request: VendorInputSchema, response: VendorSchema }),
  'vendors.update': op({
    summary: 'Changes the given fields of a vendor',
    request: z
      .object({
        id: VendorIdSchema,
        patch: VendorPatchSchema,
        /** The version the window read (team database): a colleague's newer save refuses this one. */
        version: RowVersionSchema.optional(),
      })
      .strict(),
    response: VendorSchema,
  }),
  'vendors.remove': op({
    summary: 'Deletes a vendor',
    request: ById,
    response: z.object({ id: VendorIdSchema }),
  }),
  'vendors.history': op({
    summary: 'A vendor’s audit entries, newest first',
    request: z.object({ id: VendorIdSchema, limit: z.number().int().min(1).max(500).default(50) }).strict(),
    response: z.array(AuditEntrySchema),
  }),
  'filters.list': op({
    summary: 'The vendor list’s saved filters',
    request: EmptyRequestSchema,
    response: SavedFiltersSchema,
  }),
  'filters.save': op({
    summary: 'Saves a filter of the vendor list under a name',
    request: SavedFilterSchema,
    response: SavedFiltersSchema,
  }),
  'filters.remove': op({
    summary: 'Removes a saved filter',
    request: z.object({ name: z.string().trim().min(1).max(60) }).strict(),
    response: SavedFiltersSchema,
  }),
} as const;
