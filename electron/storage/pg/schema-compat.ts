/**
 * What lets the repositories' SQLite SQL run on the team database as written (pg/dialect.ts
 * rewrites the rest): each table gets SQLite's `rowid` (the order rows were added, which
 * lists and moving out keep), a 0/1 comparison works on PostgreSQL's booleans, and
 * SQLite's `json_extract` / `json_type` exist for the paths the repositories use, as do the
 * functions the SQLite connection registers (`vr_fold`, `vr_open`).
 */
import { PORTFOLIO_TABLES } from './schema-tables';

/** The column every team table has on top of SQLite's, as SQLite's implicit rowid. */
export const ROWID_COLUMN = 'rowid';

export const COMPAT_SQL = `
  ${PORTFOLIO_TABLES.map((t) => `ALTER TABLE ${t} ADD COLUMN ${ROWID_COLUMN} bigint GENERATED ALWAYS AS IDENTITY;`).join('\n  ')}

  CREATE FUNCTION vr_bool_eq_int(b boolean, i integer) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT b = (i <> 0) $$;
  CREATE FUNCTION vr_int_eq_bool(i integer, b boolean) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT b = (i <> 0) $$;
  CREATE FUNCTION vr_bool_ne_int(b boolean, i integer) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT b <> (i <> 0) $$;
  CREATE OPERATOR = (LEFTARG = boolean, RIGHTARG = integer, FUNCTION = vr_bool_eq_int, COMMUTATOR = =);
  CREATE OPERATOR = (LEFTARG = integer, RIGHTARG = boolean, FUNCTION = vr_int_eq_bool, COMMUTATOR = =);
  CREATE OPERATOR <> (LEFTARG = boolean, RIGHTARG = integer, FUNCTION = vr_bool_ne_int);

  -- SQLite's JSON path ('$.a.b', '$[3]', '$.a[0]') as a text[] path for #>>.
  CREATE FUNCTION vr_json_path(p text) RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
    SELECT coalesce(array_agg(m[1] ORDER BY n), '{}')
      FROM regexp_matches(substr(p, 2), '(?:\\.([^.\\[]+)|\\[([0-9]+)\\])', 'g') WITH ORDINALITY AS r(mm, n),
           LATERAL (SELECT ARRAY[coalesce(mm[1], mm[2])]) AS x(m)
  $$;
  CREATE FUNCTION json_extract(doc text, p text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT doc::jsonb #>> vr_json_path(p)
  $$;
  -- The search's folding (domain/search.ts foldForSearch: NFKD, marks dropped, lower case);
  -- PostgreSQL's regular expressions have no Unicode mark class: the combining-mark blocks by range.
  CREATE FUNCTION vr_fold(t text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT lower(regexp_replace(normalize(coalesce(t, ''), NFKD),
      '[' || chr(768) || '-' || chr(879) || chr(6832) || '-' || chr(6911) || chr(7616) || '-' || chr(7679)
        || chr(8400) || '-' || chr(8447) || chr(65056) || '-' || chr(65071) || ']+', '', 'g'))
  $$;
  -- SQLite opens sealed notes for search; a team database holds them plain.
  CREATE FUNCTION vr_open(t text, at text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT t $$;
  CREATE FUNCTION json_type(doc text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT jsonb_typeof(doc::jsonb)
  $$;
`;

/** The functions above, which every team role may call (roles.ts grants them). */
export const COMPAT_FUNCTIONS = [
  'vr_bool_eq_int(boolean, integer)',
  'vr_int_eq_bool(integer, boolean)',
  'vr_bool_ne_int(boolean, integer)',
  'vr_json_path(text)',
  'json_extract(text, text)',
  'json_type(text)',
  'vr_fold(text)',
  'vr_open(text, text)',
] as const;
