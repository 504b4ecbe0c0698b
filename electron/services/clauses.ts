import { AppError } from '../domain/errors';
import {
  CLAUSE_STATUS_LABELS,
  ClauseSchema,
  evaluateClauses,
  formatClauseValue,
  needsLegalReview,
  withoutRowVersion,
  type Clause,
  type ClauseComment,
  type ClauseInput,
  type ClauseSetInput,
  type SignOff,
  type VendorClause,
  type VendorClauses,
  type ClauseMatrix,
} from '../domain/clauses';
import { toCsv } from '../domain/csv';
import type { Vendor } from '../domain/vendor';
import { DEFAULT_VENDOR_QUERY } from '../domain/vendor-list';
import { recordAudit, type ServiceContext } from './context';
import { clauseLibrary, vendorAnswerLookup } from './clause-library';

type MatrixRow = ClauseMatrix['rows'][number];

const EMPTY_REFERENCE = { document: '', section: '', page: '' };

/** Legal's clauses: the library, per-vendor terms, comments, sign-off, the matrix and its CSV. */
export function createClauseService(ctx: ServiceContext) {
  const { storage } = ctx;
  const library = () => clauseLibrary(storage, ctx.now);

  const mustVendor = (id: string): Vendor => {
    const vendor = storage.vendors.get(id);
    if (!vendor) throw new AppError('NOT_FOUND', `No vendor with id ${id}`);
    return vendor;
  };
  const mustClause = (id: string): Clause => {
    const clause = library().find((c) => c.id === id);
    if (!clause) throw new AppError('NOT_FOUND', `No clause with id ${id} in the clause library`);
    return clause;
  };
  const stateOf = (s: SignOff | null): VendorClauses['signOffState'] =>
    !s ? 'none' : s.reopenedAt ? 'reopened' : 'signed';

  const forVendor = (vendorId: string): VendorClauses => {
    const vendor = mustVendor(vendorId);
    const evaluations = evaluateClauses(
      library(),
      storage.clauses.listForVendor(vendorId),
      vendorAnswerLookup(storage, vendorId),
    );
    const comments = storage.clauses.comments(vendorId);
    const signOff = storage.clauses.latestSignOff(vendorId);
    return {
      vendor: { id: vendor.id, name: vendor.name },
      clauses: evaluations.map(({ record, ...e }) => ({
        ...e,
        value: record?.value ?? null,
        reference: record?.reference ?? EMPTY_REFERENCE,
        waiver: record?.waiver ?? null,
        updatedAt: record?.updatedAt ?? null,
        updatedBy: record?.updatedBy ?? null,
        ...(record?.version !== undefined ? { version: record.version } : {}),
        comments: comments.filter((c) => c.clauseId === e.clause.id),
      })),
      signOff,
      signOffState: stateOf(signOff),
      needsReview: needsLegalReview(evaluations, signOff),
    };
  };

  const matrix = (onlyNeedsReview: boolean): ClauseMatrix => {
    const lib = library();
    const records = new Map<string, VendorClause[]>();
    for (const r of storage.clauses.listAll()) {
      let list = records.get(r.vendorId);
      if (!list) records.set(r.vendorId, (list = []));
      list.push(r);
    }
    const signOffs = storage.clauses.latestSignOffs();
    const rows: MatrixRow[] = [];
    for (const v of storage.vendors.list(DEFAULT_VENDOR_QUERY).items) {
      const evaluations = evaluateClauses(lib, records.get(v.id) ?? [], vendorAnswerLookup(storage, v.id));
      const signOff = signOffs.get(v.id) ?? null;
      const needsReview = needsLegalReview(evaluations, signOff);
      if (onlyNeedsReview && !needsReview) continue;
      rows.push({
        vendorId: v.id,
        vendorName: v.name,
        vendorStatus: v.status,
        signOffState: stateOf(signOff),
        needsReview,
        cells: Object.fromEntries(
          evaluations.map((e) => [e.clause.id, { status: e.status, state: e.state }]),
        ),
      });
    }
    return { clauses: lib.map((c) => ({ id: c.id, title: c.title, group: c.group })), rows };
  };

  return {
    library,

    /**
     * Adds a clause of the user's, or changes one (a built-in clause keeps its id and stays
     * built-in). `input.version` is the one the caller read (team database; 0: a new clause),
     * so a colleague's save since refuses this one (CONFLICT); without it nothing is checked.
     */
    saveClause(input: ClauseInput): Clause[] {
      return storage.transaction(() => {
        const lib = library();
        const index = lib.findIndex((c) => c.id === input.id);
        // The version is the database's bookkeeping (team database), not the clause's history.
        const before = index >= 0 ? withoutRowVersion(lib[index]!) : null;
        const { version, ...parsed } = ClauseSchema.parse({ ...input, source: before?.source ?? 'user' });
        const clause: Clause = parsed;
        const recorded = storage.clauses.listAll().filter((r) => r.clauseId === clause.id && r.value);
        const dropped = recorded.find((r) => !clause.valueTypes.includes(r.value!.type));
        if (dropped)
          throw new AppError(
            'CONFLICT',
            `Values of type ${dropped.value!.type} are recorded for ${clause.title}; it must keep taking them`,
          );
        storage.clauses.putClause(clause, index >= 0 ? index : lib.length, ctx.now().toISOString(), version);
        recordAudit(ctx, 'clause', clause.id, before ? 'update' : 'create', before, clause);
        return library();
      });
    },

    /** Deletes a clause of the user's that no vendor has recorded. */
    removeClause(id: string): Clause[] {
      return storage.transaction(() => {
        const clause = mustClause(id);
        if (clause.source === 'builtin')
          throw new AppError('CONFLICT', `${clause.title} is a built-in clause; change its position instead`);
        const used = new Set([
          ...storage.clauses
            .listAll()
            .filter((r) => r.clauseId === id)
            .map((r) => r.vendorId),
          ...storage.clauses.commentedVendors(id),
        ]).size;
        if (used)
          throw new AppError(
            'CONFLICT',
            `${clause.title} is recorded for ${used} vendor${used > 1 ? 's' : ''}; it stays`,
          );
        storage.clauses.removeClause(id);
        recordAudit(ctx, 'clause', id, 'delete', withoutRowVersion(clause), null);
        return library();
      });
    },

    forVendor,

    /**
     * Records a clause's status, agreed value and place in the contract; a change reopens a
     * sign-off. `input.version` is the one the caller read (team database; 0: none recorded),
     * so a colleague's save since refuses this one (CONFLICT, who and when); a save that changes
     * nothing writes nothing. The solo app checks no version.
     */
    set(input: ClauseSetInput): VendorClauses {
      storage.transaction(() => {
        mustVendor(input.vendorId);
        const clause = mustClause(input.clauseId);
        if (input.value && !clause.valueTypes.includes(input.value.type))
          throw new AppError(
            'INVALID_INPUT',
            `${clause.title} takes ${clause.valueTypes.join(' or ')}, not ${input.value.type}`,
            [{ path: 'value', message: `${clause.title} takes ${clause.valueTypes.join(' or ')}` }],
          );
        const read = storage.clauses.listForVendor(input.vendorId).find((r) => r.clauseId === clause.id);
        // The version is the database's bookkeeping (team database), not the record's history.
        const before = read ? withoutRowVersion(read) : null;
        const after: VendorClause = {
          vendorId: input.vendorId,
          clauseId: clause.id,
          status: input.status,
          value: input.value,
          reference: input.reference,
          waiver: input.waiver,
          updatedAt: ctx.now().toISOString(),
          updatedBy: ctx.actor(),
        };
        const same = (a: VendorClause | null, b: VendorClause) =>
          JSON.stringify([
            a?.status ?? 'missing',
            a?.value ?? null,
            a?.reference ?? EMPTY_REFERENCE,
            a?.waiver ?? null,
          ]) === JSON.stringify([b.status, b.value, b.reference, b.waiver]);
        if (same(before, after)) return;
        storage.clauses.put(after, input.version);
        recordAudit(
          ctx,
          'vendor-clause',
          `${input.vendorId}/${clause.id}`,
          before ? 'update' : 'create',
          before,
          after,
        );
        const signOff = storage.clauses.latestSignOff(input.vendorId);
        if (signOff && !signOff.reopenedAt) {
          storage.clauses.reopen(signOff.id, after.updatedAt, after.updatedBy, clause.id);
          recordAudit(ctx, 'sign-off', signOff.id, 'reopen', signOff, { reopenedBy: clause.id });
        }
      });
      return forVendor(input.vendorId);
    },

    /** Adds a dated comment to a clause of a vendor. */
    comment(vendorId: string, clauseId: string, text: string): VendorClauses {
      storage.transaction(() => {
        mustVendor(vendorId);
        mustClause(clauseId);
        const comment: ClauseComment = {
          id: ctx.newId(),
          clauseId,
          text,
          author: ctx.actor(),
          at: ctx.now().toISOString(),
        };
        storage.clauses.addComment(vendorId, comment);
        recordAudit(ctx, 'vendor-clause', `${vendorId}/${clauseId}`, 'comment', null, comment);
      });
      return forVendor(vendorId);
    },

    /** Legal sign-off: the reviewer, the date, and every clause's status as it is now. */
    signOff(vendorId: string): VendorClauses {
      storage.transaction(() => {
        const current = forVendor(vendorId);
        const open = current.clauses.filter((c) => c.state === 'open');
        if (open.length)
          throw new AppError(
            'CONFLICT',
            `${open.length} clause${open.length > 1 ? 's are' : ' is'} still proposed or under negotiation (${open
              .map((c) => c.clause.title)
              .join(', ')}); agree, waive or mark them missing before signing off`,
          );
        const signOff: SignOff = {
          id: ctx.newId(),
          reviewer: ctx.actor(),
          signedAt: ctx.now().toISOString(),
          statuses: Object.fromEntries(current.clauses.map((c) => [c.clause.id, c.status])),
          reopenedAt: null,
          reopenedBy: null,
          reopenedClause: null,
        };
        storage.clauses.insertSignOff(vendorId, signOff);
        recordAudit(ctx, 'sign-off', signOff.id, 'sign-off', null, { vendorId, ...signOff });
      });
      return forVendor(vendorId);
    },

    /** Vendors × clauses with status, optionally only the vendors that need legal review. */
    matrix,

    /** The clause records as CSV, one row per vendor and clause, safe to open in a spreadsheet. */
    exportCsv(onlyNeedsReview: boolean): { csv: string; rows: number } {
      const { rows } = matrix(onlyNeedsReview);
      const out: (string | number | null)[][] = [];
      for (const row of rows) {
        const vendorClauses = forVendor(row.vendorId);
        for (const c of vendorClauses.clauses) {
          const lastComment = c.comments.at(-1);
          out.push([
            row.vendorName,
            c.clause.title,
            CLAUSE_STATUS_LABELS[c.status],
            c.value ? formatClauseValue(c.value) : '',
            c.clause.position.text,
            [...c.deviation.reasons, ...c.contradictions.map((x) => x.message)].join('; '),
            c.reference.document,
            c.reference.section,
            c.reference.page,
            c.waiver?.reason ?? '',
            c.waiver?.acceptedBy ?? '',
            lastComment ? `${lastComment.text} (${lastComment.author}, ${lastComment.at.slice(0, 10)})` : '',
            row.signOffState,
            c.updatedAt?.slice(0, 10) ?? '',
            c.updatedBy ?? '',
          ]);
        }
      }
      const csv = toCsv(
        [
          'Vendor',
          'Clause',
          'Status',
          'Agreed value',
          'Our position',
          'Deviations',
          'Document',
          'Section',
          'Page',
          'Waiver reason',
          'Waiver accepted by',
          'Last comment',
          'Legal sign-off',
          'Updated',
          'Updated by',
        ],
        out,
      );
      return { csv, rows: out.length };
    },
  };
}
