/**
 * The board pack's slower reads, a few vendors between pauses: the clause matrix and the
 * appendix's vendor pages (each flag with the question asked and the answer given).
 */
import { DECISION_LABELS } from '../domain/decision';
import { SEVERITIES } from '../domain/questionnaire';
import { answerText } from '../domain/report-data';
import type { BoardVendorPage } from '../report/model';
import type { FiguresRow } from '../storage/standing-repo';
import type { AppServices } from './services';

type Sources = Pick<AppServices, 'vendors' | 'scores' | 'assessments' | 'decisions' | 'clauses'>;

/** Vendors × clauses, as the clause service's matrix gives it. */
export interface Matrix {
  clauses: { id: string; title: string }[];
  rows: {
    vendorId: string;
    vendorName: string;
    vendorStatus: string;
    cells: Record<string, { status: string; state: string }>;
  }[];
}

/**
 * Vendors × clauses (as the clause service's matrix), read a few vendors between pauses:
 * evaluating every vendor's clauses at once holds the thread for a few hundred ms.
 */
export async function clauseMatrix(
  services: Sources,
  rows: readonly FiguresRow[],
  pause: () => Promise<void>,
): Promise<Matrix> {
  const out: Matrix = { clauses: [], rows: [] };
  for (const [i, r] of rows.entries()) {
    if (i % 10 === 9) await pause();
    const vc = services.clauses.forVendor(r.vendor.id);
    if (!out.clauses.length)
      out.clauses = vc.clauses.map((c) => ({ id: c.clause.id, title: c.clause.title }));
    out.rows.push({
      vendorId: r.vendor.id,
      vendorName: r.vendor.name,
      vendorStatus: r.vendor.status,
      cells: Object.fromEntries(vc.clauses.map((c) => [c.clause.id, { status: c.status, state: c.state }])),
    });
  }
  return out;
}

/** The appendix: one page per vendor, each flag with its question and the answer given. */
export async function vendorPages(
  services: Sources,
  rows: readonly { vendor: { id: string; name: string } }[],
  matrix: Matrix,
  byVendor: readonly { vendorId: string | null; open: number }[],
  pause: () => Promise<void>,
): Promise<BoardVendorPage[]> {
  // Null: no clause recorded yet (counted apart, as the contract gaps by clause count it, not as every clause missing).
  const gaps = new Map<string, number | null>();
  for (const r of matrix.rows) {
    const cells = Object.values(r.cells);
    gaps.set(
      r.vendorId,
      cells.some((c) => c.status !== 'missing')
        ? cells.filter((c) => ['missing', 'deviates', 'contradicts'].includes(c.state)).length
        : null,
    );
  }
  const open = new Map(byVendor.map((v) => [v.vendorId, v.open]));
  const pages: BoardVendorPage[] = [];
  for (const { vendor: v } of rows) {
    await pause();
    const s = services.scores.vendor(v.id);
    if (s.tier === null) continue;
    const vendor = services.vendors.get(v.id);
    const [decision] = services.decisions.list(v.id);
    const said = new Map(s.contributions.map((c) => [`${c.questionnaireId}|${c.questionId}`, c]));
    let detail: ReturnType<Sources['assessments']['get']> | null = null;
    const reason = (f: (typeof s.flags)[number]): { question: string | null; answer: string | null } => {
      if (!f.questionId) return { question: null, answer: null };
      const c = said.get(`${f.questionnaireId}|${f.questionId}`);
      if (c) return { question: c.question, answer: c.answer };
      if (!s.assessment) return { question: null, answer: null };
      detail ??= services.assessments.get(s.assessment.id);
      const q = detail.questionnaires
        .find((x) => x.id === f.questionnaireId)
        ?.sections.flatMap((x) => x.questions)
        .find((x) => x.id === f.questionId);
      if (!q) return { question: null, answer: null };
      const a = detail.answers.find((x) => x.questionnaireId === f.questionnaireId && x.questionId === q.id);
      return { question: q.text, answer: answerText(q, a?.answer ?? null) };
    };
    pages.push({
      id: v.id,
      name: v.name,
      tier: s.tier,
      criticality: vendor.criticality,
      owner: vendor.owner,
      services: vendor.services,
      score: s.score,
      provisional: s.provisional,
      residual: s.residual,
      completeness: s.completeness,
      decision: decision
        ? `${DECISION_LABELS[decision.decision]} (${decision.decidedAt.slice(0, 10)})`
        : null,
      nextReassessment: s.nextReassessment,
      domains: s.domains.map((d) => ({ title: d.title, score: d.score, applicable: d.applicable })),
      flags: [...s.flags]
        .sort(
          (a, b) =>
            Number(b.knockout) - Number(a.knockout) ||
            SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity),
        )
        .map((f) => ({ severity: f.severity, message: f.message, knockout: f.knockout, ...reason(f) })),
      clauseGaps: gaps.get(v.id) ?? null,
      deviceFindings: open.get(v.id) ?? 0,
    });
  }
  return pages;
}
