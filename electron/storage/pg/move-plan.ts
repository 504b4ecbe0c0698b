/**
 * What moving a portfolio between a local SQLite folder and a team database copies,
 * derived from the two schemas rather than written per table: the tables both hold
 * (schema-tables.ts PORTFOLIO_TABLES less the team-only ones), each table's columns as
 * both catalogs list them (the team columns aside), and an order in which every row's
 * foreign keys are already there (from PostgreSQL's own constraints). The standings
 * cache is not copied: each side computes its own.
 */
import { ROWID_COLUMN } from './schema-compat';
import type { DatabaseSync } from 'node:sqlite';
import type { ClientBase } from 'pg';
import { TEAM_SCHEMA } from './connection';
import { PORTFOLIO_TABLES, TEAM_ONLY_TABLES } from './schema-tables';

/** How a column's values convert between the two (SQLite has no boolean, pg gives int8 as text). */
export type ColumnKind = 'text' | 'integer' | 'bigint' | 'boolean' | 'double';

/** One table to copy: its columns in one order for both sides, and its key for a stable read order. */
export interface CopyTable {
  name: string;
  columns: { name: string; kind: ColumnKind }[];
  key: string[];
}

/** A move refused before anything was copied, or undone (exit 2), with the sentence to show. */
export class MoveRefused extends Error {}

const TEAM_COLUMNS = new Set(['row_version', 'changed_by', 'changed_at', ROWID_COLUMN]);
/** The local folder's own bookkeeping (its migrations' log), not the portfolio. */
const LOCAL_ONLY_TABLES = new Set(['schema_migrations']);
/**
 * Caches, not copied: each side computes its own from what is (on a team database each login
 * its own standings, roles.ts), and copying the rows they come from would drop them anyway.
 */
const CACHES = new Set(['vendor_standings']);

/** The tables both databases hold and a move copies, in the schema's own order. */
export const SHARED_TABLES: readonly string[] = PORTFOLIO_TABLES.filter(
  (t) => !(TEAM_ONLY_TABLES as readonly string[]).includes(t) && !CACHES.has(t),
);

const KINDS: Record<string, ColumnKind> = {
  text: 'text',
  integer: 'integer',
  bigint: 'bigint',
  boolean: 'boolean',
  'double precision': 'double',
};

/**
 * The copy plan for this pair of databases. Refuses when their tables or columns differ
 * (a local folder newer or older than the team schema), naming what differs.
 */
export async function copyPlan(client: ClientBase, sqlite: DatabaseSync): Promise<CopyTable[]> {
  const pgColumns = await client.query<{ table_name: string; column_name: string; data_type: string }>(
    `SELECT table_name, column_name, data_type FROM information_schema.columns
      WHERE table_schema = $1 AND table_name = ANY ($2) ORDER BY table_name, ordinal_position`,
    [TEAM_SCHEMA, SHARED_TABLES],
  );
  const keys = await client.query<{ table_name: string; columns: string[] }>(
    `SELECT c.relname AS table_name, array_agg(a.attname::text ORDER BY k.ord) AS columns
       FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
       CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
      WHERE i.indisprimary AND n.nspname = $1 GROUP BY c.relname`,
    [TEAM_SCHEMA],
  );
  const references = await client.query<{ child: string; parent: string }>(
    `SELECT c.relname AS child, p.relname AS parent
       FROM pg_constraint f JOIN pg_class c ON c.oid = f.conrelid JOIN pg_class p ON p.oid = f.confrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE f.contype = 'f' AND n.nspname = $1`,
    [TEAM_SCHEMA],
  );
  const localTables = new Set(
    (
      sqlite
        .prepare(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
        )
        .all() as { name: string }[]
    ).map((r) => r.name),
  );
  const differences: string[] = [];
  for (const t of localTables)
    if (!SHARED_TABLES.includes(t) && !LOCAL_ONLY_TABLES.has(t) && !CACHES.has(t))
      differences.push(`the team schema has no table ${t}`);
  const plan: CopyTable[] = [];
  for (const name of SHARED_TABLES) {
    const columns = pgColumns.rows
      .filter((c) => c.table_name === name && !TEAM_COLUMNS.has(c.column_name))
      .map((c) => ({ name: c.column_name, kind: KINDS[c.data_type] ?? 'text' }));
    if (!columns.length) differences.push(`the team database has no table ${name}: run team init again`);
    if (!localTables.has(name)) differences.push(`the local database has no table ${name}`);
    else {
      const local = new Set(
        (sqlite.prepare(`PRAGMA table_info(${name})`).all() as { name: string }[]).map((c) => c.name),
      );
      for (const c of columns)
        if (!local.has(c.name)) differences.push(`${name}.${c.name} is missing locally`);
      for (const c of local)
        if (!columns.some((x) => x.name === c))
          differences.push(`${name}.${c} is missing in the team database`);
    }
    const key = keys.rows.find((k) => k.table_name === name)?.columns ?? [];
    plan.push({ name, columns, key });
  }
  if (differences.length)
    throw new MoveRefused(
      `the local and team schemas differ (${differences.slice(0, 3).join('; ')}): use the same version of the app on both`,
    );
  return inDependencyOrder(plan, references.rows);
}

/** Parents before children (stable in the schema's order). */
function inDependencyOrder(plan: CopyTable[], references: { child: string; parent: string }[]): CopyTable[] {
  const done = new Set<string>();
  const out: CopyTable[] = [];
  const visit = (t: CopyTable, path: Set<string>) => {
    if (done.has(t.name) || path.has(t.name)) return;
    path.add(t.name);
    for (const r of references)
      if (r.child === t.name && r.parent !== t.name) {
        const parent = plan.find((p) => p.name === r.parent);
        if (parent) visit(parent, path);
      }
    done.add(t.name);
    out.push(t);
  };
  for (const t of plan) visit(t, new Set());
  return out;
}

/** A local (SQLite) value as PostgreSQL takes it. */
export function toPg(kind: ColumnKind, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (kind === 'boolean') return Number(value) !== 0;
  return value;
}

/** A team database's value as SQLite stores it (node:sqlite binds no booleans; pg gives int8 as text). */
export function toSqlite(kind: ColumnKind, value: unknown): string | number | null {
  if (value === null || value === undefined) return null;
  if (kind === 'boolean') return value ? 1 : 0;
  if (kind === 'bigint' || kind === 'integer' || kind === 'double') return Number(value);
  return value as string;
}

/** A name quoted for SQL (both dialects). */
export const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;
