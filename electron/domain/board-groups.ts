/**
 * The board pack's grouped lists: knockouts by theme, contract gaps by clause, coverage of
 * the reassessment policy by criticality, and the next action for a top risk. One line per
 * group with the vendors it touches, instead of one row per vendor. Pure.
 */
import { SEVERITIES, type Severity } from './questionnaire';
import type { Criticality } from './vendor';
import { suggestedDue } from './flag-words';

/** A list of names cut to `max`, with how many more there are ("A, B, C and 4 more"). */
export function namesLine(names: readonly string[], max = 6): string {
  const unique = [...new Set(names)].sort((a, b) => a.localeCompare(b));
  if (unique.length <= max) return unique.join(', ');
  return `${unique.slice(0, max).join(', ')} and ${unique.length - max} more`;
}

export interface KnockoutTheme {
  theme: string;
  severity: Severity;
  vendors: string[];
}

/** Open knockouts grouped by their text (the theme), most vendors first, then most severe. */
export function knockoutThemes(
  knockouts: readonly { vendorName: string; message: string; severity: Severity }[],
): KnockoutTheme[] {
  const themes = new Map<string, KnockoutTheme>();
  for (const k of knockouts) {
    const theme = themeOf(k.message);
    let t = themes.get(theme);
    if (!t) themes.set(theme, (t = { theme, severity: k.severity, vendors: [] }));
    if (SEVERITIES.indexOf(k.severity) < SEVERITIES.indexOf(t.severity)) t.severity = k.severity;
    if (!t.vendors.includes(k.vendorName)) t.vendors.push(k.vendorName);
  }
  return [...themes.values()]
    .map((t) => ({ ...t, vendors: [...t.vendors].sort((a, b) => a.localeCompare(b)) }))
    .sort(
      (a, b) =>
        b.vendors.length - a.vendors.length ||
        SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) ||
        a.theme.localeCompare(b.theme),
    );
}

/** A flag's message without its details: what precedes " — " (the CVEs, dates and fixes after it). */
export function messageHead(message: string): string {
  return message.split(' — ')[0]!;
}

/**
 * A knockout's theme: its message without the vendor's own particulars — the details after
 * " — " (CVEs, dates, fixes) and how many of its devices — so the same finding at several
 * vendors is one line.
 */
export function themeOf(message: string): string {
  return messageHead(message)
    .replace(/\b\d+ (active )?devices?\b/g, 'devices')
    .trim();
}

export interface ClauseGap {
  clause: string;
  /** Vendors whose contract lacks the clause. */
  missing: string[];
  /** Vendors whose agreed value falls short of our position or contradicts their answers. */
  deviating: string[];
}

/**
 * Contract gaps grouped by clause, over vendors with some clause recorded (a vendor with no
 * contract recorded yet is counted apart, not as missing every clause); most vendors first.
 */
export function clauseGapsByClause(matrix: {
  clauses: readonly { id: string; title: string }[];
  rows: readonly {
    vendorName: string;
    vendorStatus: string;
    cells: Record<string, { status: string; state: string }>;
  }[];
}): { gaps: ClauseGap[]; unrecorded: number } {
  const rows = matrix.rows.filter((r) => r.vendorStatus !== 'offboarded');
  const recorded = rows.filter((r) => Object.values(r.cells).some((c) => c.status !== 'missing'));
  const gaps = matrix.clauses
    .map((c) => ({
      clause: c.title,
      missing: recorded.filter((r) => r.cells[c.id]?.state === 'missing').map((r) => r.vendorName),
      deviating: recorded
        .filter((r) => r.cells[c.id]?.state === 'deviates' || r.cells[c.id]?.state === 'contradicts')
        .map((r) => r.vendorName),
    }))
    .filter((g) => g.missing.length || g.deviating.length)
    .sort(
      (a, b) =>
        b.deviating.length + b.missing.length - (a.deviating.length + a.missing.length) ||
        a.clause.localeCompare(b.clause),
    );
  return { gaps, unrecorded: rows.length - recorded.length };
}

/** Clauses whose gaps touch exactly the same vendors, merged into one line. */
export interface ClauseGapGroup {
  clauses: string[];
  missing: string[];
  deviating: string[];
}

/** Merges clauses with the same vendors missing and deviating (one line instead of nine alike). */
export function mergeSameGaps(gaps: readonly ClauseGap[]): ClauseGapGroup[] {
  const groups = new Map<string, ClauseGapGroup>();
  for (const g of gaps) {
    const key = JSON.stringify([[...g.missing].sort(), [...g.deviating].sort()]);
    const found = groups.get(key);
    if (found) found.clauses.push(g.clause);
    else groups.set(key, { clauses: [g.clause], missing: [...g.missing], deviating: [...g.deviating] });
  }
  return [...groups.values()];
}

export interface CoverageRow {
  criticality: Criticality;
  vendors: number;
  /** Assessed, and the next reassessment is not past due. */
  onTime: number;
  overdue: number;
  never: number;
}

/**
 * Coverage against the reassessment policy for critical and high criticality vendors: how
 * many are assessed on time, overdue, or never assessed (offboarded vendors are left out).
 */
export function coverage(
  vendors: readonly { criticality: Criticality; assessed: boolean; nextReassessment: string | null }[],
  today: string,
): CoverageRow[] {
  return (['critical', 'high'] as const).map((criticality) => {
    const of = vendors.filter((v) => v.criticality === criticality);
    const never = of.filter((v) => !v.assessed).length;
    const overdue = of.filter(
      (v) => v.assessed && v.nextReassessment !== null && v.nextReassessment < today,
    ).length;
    return { criticality, vendors: of.length, onTime: of.length - never - overdue, overdue, never };
  });
}

/** The share (0–100, whole) of a coverage row on time; null when there are no such vendors. */
export function onTimeShare(row: CoverageRow): number | null {
  return row.vendors ? Math.round((row.onTime / row.vendors) * 100) : null;
}

/** What the top-risk action needs of a vendor. */
export interface ActionInput {
  decision: 'approve' | 'approve-with-conditions' | 'reject' | null;
  status: string;
  knockouts: readonly string[];
  /** Open conditions of its latest approval. */
  conditions: readonly { text: string; due: string }[];
  nextReassessment: string | null;
}

/**
 * The next action for a top risk and its due date, by precedence: exit a rejected vendor,
 * meet the earliest open condition (marked when past due), fix the first knockout by the
 * date the vendor's report suggests, reassess when overdue, else reassess when due.
 */
export function riskAction(v: ActionInput, today: string): { action: string; due: string } {
  if (v.decision === 'reject' && v.status === 'active')
    return { action: 'Exit the vendor (rejected)', due: 'now' };
  const [condition] = [...v.conditions].sort((a, b) => a.due.localeCompare(b.due));
  if (condition)
    return {
      action: `Condition: ${condition.text}`,
      due: condition.due < today ? `${condition.due} (past due)` : condition.due,
    };
  // A knockout by the date the vendor's report suggests for it (a knockout counts as critical).
  if (v.knockouts.length)
    return {
      action: `Fix knockout: ${v.knockouts[0]}`,
      due: suggestedDue('critical', today, v.nextReassessment),
    };
  const due = v.nextReassessment ?? 'not scheduled';
  if (v.nextReassessment && v.nextReassessment < today) return { action: 'Reassess (overdue)', due };
  return { action: v.decision ? 'Reassess' : 'Decide on the vendor', due };
}
