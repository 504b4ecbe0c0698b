import type { SQLOutputValue } from 'node:sqlite';
import { placeholders, type SqlStatement } from './sql';
import type { Database } from './database';
import { PORTFOLIO_TIERS, type VendorFigures, type VendorStanding } from '../domain/portfolio';
import type { ListStanding } from '../domain/vendor-list';
import type { Criticality, VendorStatus } from '../domain/vendor';

/** A vendor as the dashboard reads it: its figures when its standing is of `today`, else null. */
export interface FiguresRow {
  vendor: { id: string; name: string; status: VendorStatus; criticality: Criticality; createdAt: string };
  figures: VendorFigures | null;
}

/**
 * The vendor_standings table: each vendor's derived list figures. Triggers (migration 5)
 * delete a row whenever what it was computed from changes; this repo says which vendors
 * need computing and stores the results. The vendor list reads the table by a join.
 */
export interface StandingRepo {
  /**
   * Vendors with no standing, or one computed on another day than `today` (a clock set back
   * counts too), or before figures said whether the score is provisional.
   */
  staleVendorIds(today: string): string[];
  /**
   * Whether any vendor's standing is stale as `staleVendorIds` says, without listing them: the
   * vendors counted against the standings current today (every standing is a vendor's:
   * deleting a vendor deletes it), two scans instead of a join.
   */
  anyStale(today: string): boolean;
  /** Stores vendors' standings computed today, in one statement (one round trip on a team database). */
  put(
    today: string,
    standings: readonly { vendorId: string; standing: VendorStanding; figures: VendorFigures }[],
  ): void;
  /**
   * Every vendor in the list's default order (name, ignoring case), with the dashboard figures
   * of its standing when that was computed on `today` (null when there is none, or it is stale).
   */
  figures(today: string): FiguresRow[];
}

/**
 * Standing columns as the vendor list selects them (table alias `s`), in the order
 * {@link standingFromRow} reads them.
 */
export const STANDING_COLUMNS = `s.tier AS s_tier, s.score AS s_score, s.completeness AS s_completeness,
  s.residual AS s_residual, s.open_flags AS s_open_flags, s.knockouts AS s_knockouts, s.decision AS s_decision,
  s.next_reassessment AS s_next_reassessment, s.provisional AS s_provisional`;

/**
 * Reads the standing selected with {@link STANDING_COLUMNS}, starting at column `at` of a row
 * read as an array; null when the vendor has none yet.
 */
export function standingFromRow(row: readonly SQLOutputValue[], at: number): ListStanding | null {
  const tier = row[at];
  if (tier === null || tier === undefined) return null;
  const score = row[at + 1];
  return {
    tier: tier as ListStanding['tier'],
    provisional: Number(row[at + 8] ?? 0) === 1,
    score: score === null ? null : Number(score),
    completeness: Number(row[at + 2]),
    residual: Number(row[at + 3]),
    openFlags: Number(row[at + 4]),
    knockouts: Number(row[at + 5]),
    decision: (row[at + 6] ?? null) as ListStanding['decision'],
    nextReassessment: (row[at + 7] ?? null) as string | null,
  };
}

/** Stored figures, or null when they are from before figures said whether the score is provisional. */
function current(json: string): VendorFigures | null {
  const figures = JSON.parse(json) as VendorFigures;
  return typeof figures.provisional === 'boolean' ? figures : null;
}

/** Creates the standing repository. */
export function createStandingRepo(db: Database): StandingRepo {
  // Prepared on first use: storage opens at older schema versions too (migration tests), before the figures column (migration 13).
  const lazy = (sql: string) => {
    let stmt: SqlStatement | undefined;
    return () => (stmt ??= db.sql.prepare(sql));
  };
  const staleStmt = lazy(
    `SELECT v.id FROM vendors v LEFT JOIN vendor_standings s ON s.vendor_id = v.id
     WHERE s.vendor_id IS NULL OR s.computed_on <> ? OR s.figures IS NULL OR s.provisional IS NULL`,
  );
  const anyStaleStmt = lazy(
    `SELECT (SELECT COUNT(*) FROM vendors) > (SELECT COUNT(*) FROM vendor_standings
       WHERE computed_on = ? AND figures IS NOT NULL AND provisional IS NOT NULL) AS stale`,
  );
  // The order of the vendor list's default query (vendor-repo: by name, then id).
  const figuresStmt = lazy(
    `SELECT v.id, v.name, v.status, v.criticality, v.created_at, s.computed_on, s.figures FROM vendors v
       LEFT JOIN vendor_standings s ON s.vendor_id = v.id
     ORDER BY v.name COLLATE NOCASE, v.id`,
  );
  /** The upsert of `n` standings, prepared once per count. */
  const putStmts = new Map<number, SqlStatement>();
  const putStmt = (n: number) => {
    let stmt = putStmts.get(n);
    if (!stmt)
      putStmts.set(
        n,
        (stmt = db.sql.prepare(
          `INSERT OR REPLACE INTO vendor_standings (vendor_id, computed_on, tier, tier_rank, score, completeness, residual,
             open_flags, knockouts, decision, next_reassessment, reassessment, conditions_past_due,
             evidence_expired, evidence_30, evidence_60, evidence_90, figures, provisional)
           VALUES ${Array.from({ length: n }, () => `(${placeholders(19)})`).join(', ')}`,
        )),
      );
    return stmt;
  };
  return {
    staleVendorIds: (today) =>
      staleStmt()
        .all(today)
        .map((r) => String(r.id)),
    anyStale: (today) => Boolean(Number(anyStaleStmt().get(today)!.stale)),
    put(today, standings) {
      if (standings.length === 0) return;
      putStmt(standings.length).run(
        ...standings.flatMap(({ vendorId, standing: s, figures }) => [
          vendorId,
          today,
          s.tier,
          // critical = 0 … unassessed = 4: the list sorts by this, then residual risk.
          PORTFOLIO_TIERS.indexOf(s.tier),
          s.score,
          s.completeness,
          s.residual,
          s.openFlags,
          s.knockouts,
          s.decision,
          s.nextReassessment,
          s.reassessment,
          s.conditionsPastDue,
          s.evidence.expired,
          s.evidence['30'],
          s.evidence['60'],
          s.evidence['90'],
          JSON.stringify(figures),
          // What json_extract(figures, '$.provisional') gives, kept so no read parses the figures.
          typeof figures.provisional === 'boolean' ? Number(figures.provisional) : null,
        ]),
      );
    },
    figures: (today) =>
      figuresStmt()
        .all()
        .map((r) => ({
          vendor: {
            id: String(r.id),
            name: String(r.name),
            status: String(r.status) as VendorStatus,
            criticality: String(r.criticality) as Criticality,
            createdAt: String(r.created_at),
          },
          figures: r.computed_on === today && typeof r.figures === 'string' ? current(r.figures) : null,
        })),
  };
}
