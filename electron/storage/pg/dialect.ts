/**
 * The repositories' SQL, written for SQLite, as PostgreSQL reads it: the few places where
 * the two dialects differ in what the repositories use, rewritten token by token (never
 * inside a string literal or a quoted name). What PostgreSQL can give under SQLite's own
 * spelling is given by the team schema instead (schema-compat.ts: `rowid` columns,
 * `integer = boolean` comparisons, `json_extract`, byte-order text), so this stays short.
 *
 * - parameters `?`, `?NNN`, `$name`, `:name`, `@name` → `$1 …` (named ones in order of first use);
 *   one tested with `IS [NOT] NULL` gets a slot of its own cast to text (its type is unknown there);
 * - `INSERT OR IGNORE` → `… ON CONFLICT DO NOTHING`; `INSERT OR REPLACE INTO t (cols)` →
 *   `… ON CONFLICT (key) DO UPDATE SET` every other column (the table's key is given);
 * - `IFNULL(` → `COALESCE(`, `instr(` → `strpos(`, `group_concat(` → `string_agg(`, a
 *   two-argument `MAX(`/`MIN(` → `GREATEST(`/`LEAST(`;
 * - `x COLLATE NOCASE` → `lower(x)` (ASCII case folded, then byte order, as SQLite sorts);
 * - `LIKE` → `ILIKE` (SQLite's LIKE ignores ASCII case);
 * - ORDER BY terms get SQLite's null order (`NULLS FIRST` ascending, `NULLS LAST` descending);
 * - an alias with capitals (`AS lastImport`) is quoted, as PostgreSQL folds bare names.
 */

export interface Translated {
  text: string;
  /** For each `$n`, where its value comes from: a position (0-based) or a name (with its sigil). */
  params: (number | string)[];
}

type Token = { kind: 'word' | 'string' | 'quoted' | 'param' | 'punct' | 'space' | 'comment'; text: string };

const WORD = /[A-Za-z_][A-Za-z0-9_]*/y;
const NUMBER = /[0-9]+(\.[0-9]+)?/y;

function tokenize(sql: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const take = (kind: Token['kind'], end: number) => {
    out.push({ kind, text: sql.slice(i, end) });
    i = end;
  };
  while (i < sql.length) {
    const c = sql[i]!;
    if (c === "'" || c === '"' || c === '`') {
      let j = i + 1;
      for (;;) {
        const k = sql.indexOf(c, j);
        if (k < 0) {
          j = sql.length;
          break;
        }
        if (sql[k + 1] === c) j = k + 2;
        else {
          j = k + 1;
          break;
        }
      }
      take(c === "'" ? 'string' : 'quoted', j);
    } else if (c === '-' && sql[i + 1] === '-') {
      const k = sql.indexOf('\n', i);
      take('comment', k < 0 ? sql.length : k);
    } else if (/\s/.test(c)) {
      let j = i + 1;
      while (j < sql.length && /\s/.test(sql[j]!)) j++;
      take('space', j);
    } else if (c === '?') {
      let j = i + 1;
      while (j < sql.length && /[0-9]/.test(sql[j]!)) j++;
      take('param', j);
    } else if ((c === '$' || c === ':' || c === '@') && /[A-Za-z_]/.test(sql[i + 1] ?? '')) {
      WORD.lastIndex = i + 1;
      WORD.exec(sql);
      take('param', WORD.lastIndex);
    } else if (/[A-Za-z_]/.test(c)) {
      WORD.lastIndex = i;
      WORD.exec(sql);
      take('word', WORD.lastIndex);
    } else if (/[0-9]/.test(c)) {
      NUMBER.lastIndex = i;
      NUMBER.exec(sql);
      take('word', NUMBER.lastIndex);
    } else if (
      (c === '<' || c === '>' || c === '!' || c === '|' || c === ':') &&
      /[=>|:]/.test(sql[i + 1] ?? '')
    ) {
      take('punct', i + 2);
    } else take('punct', i + 1);
  }
  return out;
}

const upper = (t: Token | undefined) => (t && t.kind === 'word' ? t.text.toUpperCase() : '');

/** The translation of one statement (or several, separated by `;`, without parameters). */
export function toPostgres(sql: string, keyOf: (table: string) => readonly string[] | undefined): Translated {
  const tokens = tokenize(sql);
  const params: (number | string)[] = [];
  const named = new Map<string, number>();
  let nextPositional = 0;
  const out: string[] = [];
  // Significant tokens (no space or comment), to look back and ahead.
  const sig = tokens.map((t, i) => ({ t, i })).filter((x) => x.t.kind !== 'space' && x.t.kind !== 'comment');
  const sigIndex = new Map(sig.map((x, n) => [x.i, n]));
  const prevSig = (i: number, back = 1) => sig[(sigIndex.get(i) ?? 0) - back]?.t;
  const nextSig = (i: number, ahead = 1) => sig[(sigIndex.get(i) ?? 0) + ahead]?.t;

  // Statement-level rewrites found while reading, applied at the end of each statement.
  let conflict: string | null = null;
  let insertTable: string | null = null;
  let insertColumns: string[] | null = null;
  let orReplace = false;
  const endStatement = () => {
    if (conflict === 'ignore') out.push(' ON CONFLICT DO NOTHING');
    else if (conflict === 'replace' && insertTable && insertColumns) {
      const key = keyOf(insertTable);
      if (!key) throw new Error(`no key known for ${insertTable} (INSERT OR REPLACE)`);
      const rest = insertColumns.filter((c) => !key.includes(c));
      out.push(
        ` ON CONFLICT (${key.join(', ')}) DO ` +
          (rest.length ? `UPDATE SET ${rest.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}` : 'NOTHING'),
      );
    }
    conflict = null;
    insertTable = null;
    insertColumns = null;
    orReplace = false;
  };

  // ORDER BY: depth of parentheses where an ORDER BY list is open, to end each term.
  const orderDepth: number[] = [];
  let depth = 0;
  // Functions to close with something appended (group_concat's default separator, a
  // subquery's alias: PostgreSQL before 16 wants one for each subquery in FROM).
  const closeWith = new Map<number, string>();
  let subqueries = 0;

  /** Ends an ORDER BY term: adds SQLite's null order unless one is given. */
  const endOrderTerm = () => {
    // Look back over what was written for this term's direction.
    let k = out.length - 1;
    while (k >= 0 && /^\s*$/.test(out[k]!)) k--;
    const last = (out[k] ?? '').trim().toUpperCase();
    const before = (out[k - 2] ?? '').trim().toUpperCase();
    if (before === 'NULLS') return;
    out.splice(k + 1, 0, last === 'DESC' ? ' NULLS LAST' : ' NULLS FIRST');
  };

  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === 'param') {
      let source: number | string;
      if (t.text === '?') source = nextPositional++;
      else if (t.text.startsWith('?')) source = Number(t.text.slice(1)) - 1;
      else source = t.text;
      // `? IS [NOT] NULL` tells PostgreSQL nothing of the value's type (it refuses "could not
      // determine data type"): that test reads a slot of its own, as text.
      if (upper(nextSig(i)) === 'IS' && ['NULL', 'NOT'].includes(upper(nextSig(i, 2)))) {
        params.push(source);
        out.push(`$${params.length}::text`);
        continue;
      }
      const key = typeof source === 'number' ? `#${source}` : source;
      let n = named.get(key);
      if (n === undefined) {
        params.push(source);
        n = params.length;
        named.set(key, n);
      }
      out.push(`$${n}`);
      continue;
    }
    if (t.kind === 'punct') {
      if (t.text === '(') {
        depth++;
        if (['FROM', 'JOIN'].includes(upper(prevSig(i))) && upper(nextSig(i)) === 'SELECT') {
          const after = sig[closingOf(sig, sigIndex.get(i) ?? 0) + 1]?.t;
          const aliased = after?.kind === 'word' && !CLAUSE_WORDS.has(upper(after));
          if (!aliased) closeWith.set(depth, `) AS vr_sub${++subqueries}`);
        }
      }
      if (t.text === ')') {
        if (orderDepth.at(-1) === depth) {
          endOrderTerm();
          orderDepth.pop();
        }
        const extra = closeWith.get(depth);
        if (extra) {
          closeWith.delete(depth);
          depth--;
          if (extra.startsWith(')')) {
            out.push(extra);
            continue;
          }
          out.push(extra);
        } else depth--;
      }
      if (t.text === ',' && orderDepth.at(-1) === depth) endOrderTerm();
      if (t.text === ';') {
        if (orderDepth.at(-1) === depth) {
          endOrderTerm();
          orderDepth.pop();
        }
        endStatement();
      }
      out.push(t.text);
      continue;
    }
    if (t.kind !== 'word') {
      out.push(t.text);
      continue;
    }
    const word = t.text.toUpperCase();
    // ORDER BY lists end at these words (or a closing parenthesis, a `;`, the end).
    if (
      orderDepth.at(-1) === depth &&
      ['LIMIT', 'OFFSET', 'UNION', 'EXCEPT', 'INTERSECT', 'ON', 'RETURNING'].includes(word)
    ) {
      endOrderTerm();
      orderDepth.pop();
    }
    if (word === 'BY' && upper(prevSig(i)) === 'ORDER') {
      out.push(t.text);
      orderDepth.push(depth);
      continue;
    }
    if (word === 'OR' && upper(prevSig(i)) === 'INSERT') {
      const what = upper(nextSig(i));
      if (what === 'IGNORE' || what === 'REPLACE') {
        conflict = what === 'IGNORE' ? 'ignore' : 'replace';
        orReplace = true;
        // Drop "OR IGNORE"/"OR REPLACE" and the space before them.
        if (/^\s+$/.test(out.at(-1) ?? '')) out.pop();
        i = sig[(sigIndex.get(i) ?? 0) + 1]!.i;
        continue;
      }
    }
    if (orReplace && word === 'INTO' && insertTable === null) {
      const table = nextSig(i);
      insertTable = table?.text.replace(/"/g, '') ?? null;
      // The column list follows the table's name.
      const open = nextSig(i, 2);
      if (open?.text === '(') {
        const cols: string[] = [];
        for (let n = (sigIndex.get(i) ?? 0) + 3; n < sig.length && sig[n]!.t.text !== ')'; n++)
          if (sig[n]!.t.text !== ',') cols.push(sig[n]!.t.text.replace(/"/g, ''));
        insertColumns = cols;
      }
    }
    if (word === 'COLLATE' && upper(nextSig(i)) === 'NOCASE') {
      // `x COLLATE NOCASE` → `lower(x)`: wrap the term written just before.
      let k = out.length - 1;
      while (k >= 0 && /^\s*$/.test(out[k]!)) k--;
      // A qualified name (v.name) is three tokens.
      let from = k;
      if (out[from - 1] === '.' && from >= 2) from -= 2;
      out.splice(from, k - from + 1, `lower(${out.slice(from, k + 1).join('')})`);
      i = sig[(sigIndex.get(i) ?? 0) + 1]!.i;
      if (/^\s+$/.test(out.at(-1) ?? '')) out.pop();
      continue;
    }
    if (word === 'LIKE') {
      out.push('ILIKE');
      continue;
    }
    if (nextSig(i)?.text === '(') {
      if (word === 'IFNULL') {
        out.push('COALESCE');
        continue;
      }
      if (word === 'INSTR') {
        out.push('strpos');
        continue;
      }
      if (word === 'CHAR') {
        out.push('chr');
        continue;
      }
      if (word === 'GROUP_CONCAT') {
        out.push('string_agg');
        if (!hasTopLevelComma(sig, (sigIndex.get(i) ?? 0) + 1)) closeWith.set(depth + 1, ", ','");
        continue;
      }
      if ((word === 'MAX' || word === 'MIN') && hasTopLevelComma(sig, (sigIndex.get(i) ?? 0) + 1)) {
        out.push(word === 'MAX' ? 'GREATEST' : 'LEAST');
        continue;
      }
    }
    // An alias in mixed case (a type name after CAST's AS is in capitals, and stays bare).
    if (upper(prevSig(i)) === 'AS' && /[a-z]/.test(t.text) && /[A-Z]/.test(t.text)) {
      out.push(`"${t.text}"`);
      continue;
    }
    out.push(t.text);
  }
  if (orderDepth.length) {
    endOrderTerm();
    orderDepth.length = 0;
  }
  endStatement();
  return { text: out.join(''), params };
}

/** Words that follow a subquery in FROM when it has no alias. */
const CLAUSE_WORDS = new Set([
  'WHERE',
  'GROUP',
  'ORDER',
  'LIMIT',
  'OFFSET',
  'JOIN',
  'LEFT',
  'INNER',
  'CROSS',
  'ON',
  'UNION',
  'EXCEPT',
  'INTERSECT',
  'HAVING',
  'WINDOW',
]);

/** The significant token closing the parenthesis opened at `open`. */
function closingOf(sig: { t: Token }[], open: number): number {
  let d = 0;
  for (let n = open; n < sig.length; n++) {
    if (sig[n]!.t.text === '(') d++;
    else if (sig[n]!.t.text === ')' && --d === 0) return n;
  }
  return sig.length;
}

/** Whether the call whose "(" is significant token `open` has two or more arguments. */
function hasTopLevelComma(sig: { t: Token }[], open: number): boolean {
  let d = 0;
  for (let n = open; n < sig.length; n++) {
    const text = sig[n]!.t.text;
    if (text === '(') d++;
    else if (text === ')') {
      d--;
      if (d === 0) return false;
    } else if (text === ',' && d === 1) return true;
  }
  return false;
}
