import type { Question, Questionnaire, RedFlagRule } from '../domain/questionnaire';
import type { ImportReport } from '../domain/vsaq/import';
import { formatFields, printable } from './format';

/** A questionnaire as text: its fields, then each section with numbered questions. */
export function formatQuestionnaire(q: Questionnaire): string {
  const head = formatFields([
    ['Title', q.title],
    ['ID', q.id],
    ['Version', q.version],
    ['Audience', q.audience === 'self' ? 'self (our own warehouse)' : 'vendor'],
    ['Categories', q.categories.join(', ') || 'any'],
    ['Description', q.description || '—'],
  ]);
  const sections = q.sections.map((section, s) => {
    const lines = [`${s + 1}. ${printable(section.title)} (${section.id})`];
    section.questions.forEach((question, i) => {
      lines.push(`   ${s + 1}.${i + 1}  ${questionLine(question)}`);
    });
    if (section.redFlags.length > 0) {
      lines.push(`   section rules: ${flagMarks(section.redFlags)}`);
    }
    return lines.join('\n');
  });
  return [head, ...sections].join('\n\n');
}

/** `id (type, required, conditional) text  [flag: critical KO]`: one question on one line. */
function questionLine(question: Question): string {
  const traits = [
    question.type,
    ...(question.required ? ['required'] : []),
    ...(question.showIf ? ['conditional'] : []),
  ];
  const flags = question.redFlags.length > 0 ? `  [flag: ${flagMarks(question.redFlags)}]` : '';
  return `${question.id} (${traits.join(', ')}) ${printable(question.text)}${flags}`;
}

/** Red-flag rules compactly: `critical KO, high`. */
function flagMarks(rules: readonly RedFlagRule[]): string {
  return rules.map((rule) => `${rule.severity}${rule.knockout ? ' KO' : ''}`).join(', ');
}

/**
 * What a VSAQ import did, in a few lines: counts, renamed ids, unmapped items and the
 * importer's notes. Nothing for a native file (its report is null).
 */
export function formatImportReport(report: unknown): string[] {
  if (!isImportReport(report)) return [];
  const { counts } = report;
  const nonZero = (record: Record<string, number>) =>
    Object.entries(record)
      .filter(([, n]) => n > 0)
      .map(([key, n]) => `${key} ${n}`)
      .join(', ');
  const byType = nonZero(counts.questions);
  const bySeverity = nonZero(counts.redFlagsBySeverity);
  const lines = [
    `imported from VSAQ: ${counts.sections} sections, ${counts.totalQuestions} questions` +
      (byType ? ` (${byType})` : '') +
      `, ${counts.redFlags} red-flag rules` +
      (bySeverity ? ` (${bySeverity})` : '') +
      `, ${counts.showIf} conditional questions`,
    `renamed ids: ${report.renamedIds.map((r) => `${r.from} -> ${r.to}`).join(', ') || 'none'}`,
  ];
  if (report.generatedIds.length > 0) lines.push(`generated ids: ${report.generatedIds.length}`);
  lines.push(`unmapped items: ${report.unmapped.length || 'none'}`);
  for (const item of report.unmapped) {
    lines.push(`  ${item.path}${item.id ? ` (${item.id})` : ''}: ${item.type}: ${item.reason}`);
  }
  for (const note of report.notes) lines.push(`note: ${note}`);
  return lines.map(printable);
}

/** The contract leaves the report untyped; this is the VSAQ importer's. */
function isImportReport(report: unknown): report is ImportReport {
  const r = report as Partial<ImportReport> | null;
  return (
    typeof r === 'object' &&
    r !== null &&
    typeof r.counts === 'object' &&
    Array.isArray(r.renamedIds) &&
    Array.isArray(r.generatedIds) &&
    Array.isArray(r.unmapped) &&
    Array.isArray(r.notes)
  );
}
