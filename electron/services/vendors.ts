import { AppError } from '../domain/errors';
import { definedFields } from '../domain/patch';
import type { AuditEntry } from '../domain/audit';
import type { Vendor, VendorInput, VendorPatch } from '../domain/vendor';
import type { VendorListItem, VendorListQuery } from '../domain/vendor-list';
import { recordAudit, type ServiceContext } from './context';

/**
 * Vendor use cases: every change is one transaction with its audit entry.
 * `refreshStandings` brings the list's derived columns (tier, score …) up to date before it is read;
 * `standingsStale` says whether some must be computed first (writers that never list leave both out).
 */
export function createVendorService(
  ctx: ServiceContext,
  refreshStandings: () => void,
  standingsStale: () => boolean = () => false,
) {
  const { storage } = ctx;

  const mustGet = (id: string): Vendor => {
    const vendor = storage.vendors.get(id);
    if (!vendor) throw new AppError('NOT_FOUND', `No vendor with id ${id}`);
    return vendor;
  };

  const assertNameFree = (name: string, exceptId?: string) => {
    const other = storage.vendors.findByName(name);
    if (other && other.id !== exceptId) {
      throw new AppError('CONFLICT', `A vendor named "${other.name}" already exists`, [
        { path: 'name', message: `A vendor named "${other.name}" already exists` },
      ]);
    }
  };

  return {
    /** Vendors matching the query, sorted, with the unfiltered total. */
    list(query: VendorListQuery): { items: VendorListItem[]; total: number } {
      refreshStandings();
      return storage.vendors.list(query);
    },

    /**
     * The same list when every standing is current, or undefined when some must be computed
     * first (the caller computes them a few at a time and asks again). The check and the read
     * run together, so no write can make a standing stale between them; and the standings
     * are scanned once, not once by the caller and again here.
     */
    listIfCurrent(query: VendorListQuery): { items: VendorListItem[]; total: number } | undefined {
      return standingsStale() ? undefined : storage.vendors.list(query);
    },

    /** One vendor, or NOT_FOUND. */
    get: mustGet,

    /** Adds a vendor. */
    create(input: VendorInput): Vendor {
      return storage.transaction(() => {
        assertNameFree(input.name);
        const at = ctx.now().toISOString();
        const vendor: Vendor = { ...input, id: ctx.newId(), createdAt: at, updatedAt: at };
        const version = storage.vendors.insert(vendor);
        recordAudit(ctx, 'vendor', vendor.id, 'create', null, vendor);
        return version === undefined ? vendor : { ...vendor, version };
      });
    },

    /**
     * Changes the given fields of a vendor. `version` is the one the caller read (team
     * database): a colleague's save since refuses this one (CONFLICT, who and when).
     */
    update(id: string, patch: VendorPatch, version?: number): Vendor {
      return storage.transaction(() => {
        const { version: _read, ...before } = mustGet(id);
        if (patch.name !== undefined) assertNameFree(patch.name, id);
        const after: Vendor = { ...before, ...definedFields(patch), updatedAt: ctx.now().toISOString() };
        const saved = storage.vendors.update(after, version);
        // The version is the database's bookkeeping, not the vendor's history: the trail keeps the fields.
        recordAudit(ctx, 'vendor', id, 'update', before, after);
        return saved === undefined ? after : { ...after, version: saved };
      });
    },

    /** Deletes a vendor; the audit trail keeps what it was. */
    remove(id: string): { id: string } {
      return storage.transaction(() => {
        const { version: _version, ...before } = mustGet(id);
        const assessments = storage.assessments.countForVendor(id);
        if (assessments > 0) {
          throw new AppError(
            'CONFLICT',
            `${before.name} has ${assessments} assessment${assessments > 1 ? 's' : ''}; set its status to Offboarded instead, so its review history is kept`,
          );
        }
        if (storage.clauses.countForVendor(id) > 0) {
          throw new AppError(
            'CONFLICT',
            `${before.name} has contract clauses on record; set its status to Offboarded instead, so legal's history is kept`,
          );
        }
        storage.vendors.remove(id);
        recordAudit(ctx, 'vendor', id, 'delete', before, null);
        return { id };
      });
    },

    /** The vendor's audit entries, newest first. */
    history(id: string, limit: number): AuditEntry[] {
      return storage.audit.listFor('vendor', id, limit);
    },
  };
}

export type VendorService = ReturnType<typeof createVendorService>;
