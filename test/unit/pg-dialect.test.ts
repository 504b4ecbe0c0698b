import { describe, expect, it } from 'vitest';
import { toPostgres } from '../../electron/storage/pg/dialect';

const keys: Record<string, string[]> = { vendor_standings: ['vendor_id'], settings: ['key'] };
const pg = (sql: string) => toPostgres(sql, (t) => keys[t]);

describe('SQLite statements as PostgreSQL reads them', () => {
  it('numbers positional, numbered and named parameters in order of first use', () => {
    expect(pg('SELECT * FROM t WHERE a = ? AND b = ?')).toEqual({
      text: 'SELECT * FROM t WHERE a = $1 AND b = $2',
      params: [0, 1],
    });
    // A parameter only tested for null has no type PostgreSQL can tell: a text slot of its own.
    expect(pg('SELECT * FROM t WHERE ?1 IS NULL OR x = ?1 AND y = ?2')).toEqual({
      text: 'SELECT * FROM t WHERE $1::text IS NULL OR x = $2 AND y = $3',
      params: [0, 0, 1],
    });
    expect(pg('SELECT * FROM t WHERE (:v IS NOT NULL AND n = :v) OR n IS NULL')).toEqual({
      text: 'SELECT * FROM t WHERE ($1::text IS NOT NULL AND n = $2) OR n IS NULL',
      params: [':v', ':v'],
    });
    expect(pg('INSERT INTO v (id, name) VALUES ($id, $name)').params).toEqual(['$id', '$name']);
  });

  it('leaves string literals and quoted names alone', () => {
    expect(pg("SELECT 'a ? b', \"x?\" FROM t WHERE n LIKE '%?%'").text).toBe(
      "SELECT 'a ? b', \"x?\" FROM t WHERE n ILIKE '%?%'",
    );
  });

  it('turns INSERT OR REPLACE into an upsert on the table key, and OR IGNORE into DO NOTHING', () => {
    expect(pg('INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)').text).toBe(
      'INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value',
    );
    expect(pg('INSERT OR IGNORE INTO t (a) VALUES (?)').text).toBe(
      'INSERT INTO t (a) VALUES ($1) ON CONFLICT DO NOTHING',
    );
  });

  it('renames the functions PostgreSQL spells otherwise', () => {
    expect(pg('SELECT IFNULL(MAX(rowid), 0) AS n, instr(a, b), MAX(a, b), MIN(x, 1) FROM t').text).toBe(
      'SELECT COALESCE(MAX(rowid), 0) AS n, strpos(a, b), GREATEST(a, b), LEAST(x, 1) FROM t',
    );
    expect(pg('SELECT group_concat(name) FROM t').text).toBe("SELECT string_agg(name, ',') FROM t");
  });

  it('sorts as SQLite does: nulls first ascending, last descending, NOCASE as lower()', () => {
    expect(pg('SELECT * FROM v ORDER BY v.name COLLATE NOCASE DESC, v.id LIMIT ?').text).toBe(
      'SELECT * FROM v ORDER BY lower(v.name) DESC NULLS LAST, v.id NULLS FIRST LIMIT $1',
    );
    expect(pg('SELECT (SELECT id FROM d ORDER BY rowid DESC LIMIT 1) AS lastImport FROM t').text).toBe(
      'SELECT (SELECT id FROM d ORDER BY rowid DESC NULLS LAST LIMIT 1) AS "lastImport" FROM t',
    );
    expect(pg('SELECT CAST(x AS TEXT) FROM t ORDER BY a IS NULL, a ASC').text).toBe(
      'SELECT CAST(x AS TEXT) FROM t ORDER BY a IS NULL NULLS FIRST, a ASC NULLS FIRST',
    );
  });
});

describe('subqueries and SQLite-only spellings', () => {
  it('names a subquery in FROM that has no alias, and spells char() as chr()', () => {
    expect(
      pg(
        'SELECT group_concat(id || char(31) || d, char(30)) AS v FROM (SELECT id, d FROM c ORDER BY position, id)',
      ).text,
    ).toBe(
      'SELECT string_agg(id || chr(31) || d, chr(30)) AS v FROM (SELECT id, d FROM c ORDER BY position NULLS FIRST, id NULLS FIRST) AS vr_sub1',
    );
    expect(pg('SELECT x FROM (SELECT 1 AS x) t WHERE x = ?').text).toBe(
      'SELECT x FROM (SELECT 1 AS x) t WHERE x = $1',
    );
  });
});
