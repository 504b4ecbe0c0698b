/**
 * Imports a Google VSAQ questionnaire template (plus optional extension templates)
 * as one of our questionnaires (vendor-risk-questionnaire/1). Pure: the caller
 * reads the files and stores the result. See docs/questionnaire-format.md for our
 * format; the mapping rules are in sections.ts, refs.ts and cond.ts.
 */
import { parseQuestionnaire } from '../validate-questionnaire';
import { QUESTION_TYPES, SEVERITIES, type QuestionType, type Severity } from '../questionnaire';
import { ImportError, RefTable } from './refs';
import { SectionMapper, type MapLog, type SectionOut } from './sections';
import { readTemplate } from './template';
import { SLUG, MAX_ID, clip, htmlToText } from './text';

export interface ImportOptions {
  /** Our questionnaire id (lower-case letters, digits, _ . : -). */
  id: string;
  /** Defaults to the root block's caption. */
  title?: string;
  /** Semantic version; defaults to the template's `version` as N.0.0, else 1.0.0. */
  version?: string;
  /** Extension templates (VSAQON text), applied in order. */
  extensions?: string[];
}

export interface ImportReport {
  counts: {
    sections: number;
    questions: Record<QuestionType, number>;
    totalQuestions: number;
    redFlags: number;
    redFlagsBySeverity: Record<Severity, number>;
    /** VSAQ `cond` expressions translated (one per item that has one). */
    conditions: number;
    /** Questions with a showIf. */
    showIf: number;
  };
  renamedIds: { from: string; to: string }[];
  /** Ids made up for what VSAQ leaves unnamed (groups, sections, "None of the above"). */
  generatedIds: string[];
  unmapped: { path: string; id?: string; type: string; reason: string }[];
  notes: string[];
}

export type ImportResult =
  { ok: true; questionnaire: unknown; report: ImportReport } | { ok: false; error: string };

const TALLY_NOTES: [string, (n: number) => string][] = [
  [
    'wrapper',
    (n) => `${n} block(s) holding only blocks were dissolved; their titles prefix the section titles.`,
  ],
  [
    'flattened',
    (n) =>
      `${n} nested block(s) were flattened into their section: their titles prefix the question texts and their conditions are AND-ed into each question's showIf.`,
  ],
  [
    'tip.plain',
    (n) => `${n} plain tip(s) became guidance of the question before them (their conditions are not kept).`,
  ],
  ['tip.why', (n) => `${n} warning(s) ask for a clarification ("why"); use the answer note for it.`],
  ['tip.todo', (n) => `${n} tip to-do entries are not imported.`],
  ['severity.missing', (n) => `${n} warning(s) have no severity; medium assumed, as VSAQ shows them.`],
  ['severity.unknown', (n) => `${n} warning(s) have an unknown severity; medium assumed.`],
  ['info.cond', (n) => `${n} info text(s) had a condition; as guidance they are always shown.`],
  ['question.untitled', (n) => `${n} question(s) had no text; the block title is used.`],
  ['group.yesno', (n) => `${n} group(s) with a single choice became yes-no questions (yes = selected).`],
  ['block.admin', (n) => `${n} admin-only block(s) are imported as ordinary content.`],
];

function tallyNotes(tally: Map<string, number>): string[] {
  const notes = TALLY_NOTES.flatMap(([key, text]) => (tally.get(key) ? [text(tally.get(key)!)] : []));
  for (const [key, n] of tally) {
    if (key.startsWith('field.'))
      notes.push(`The VSAQ field "${key.slice(6)}" is not imported (${n} item(s)).`);
  }
  return notes;
}

function defaultVersion(v: unknown): string {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < 1e9 ? `${v}.0.0` : '1.0.0';
}

/** Sections without questions are not allowed: their rules and guidance move to a neighbour. */
function mergeEmpty(drafts: SectionMapper['drafts'], notes: string[]) {
  const kept = drafts.filter((d) => d.questions.length > 0);
  drafts.forEach((d, i) => {
    if (d.questions.length) return;
    const target =
      [...drafts.slice(0, i)].reverse().find((x) => x.questions.length) ??
      drafts.slice(i + 1).find((x) => x.questions.length);
    if (!target) return;
    target.redFlags.push(...d.redFlags);
    if (d.guidance.length) target.guidance.push(`${d.title}: ${d.guidance.join('\n\n')}`);
    if (d.redFlags.length || d.guidance.length)
      notes.push(
        `Section "${d.title}" has no questions; its warnings and guidance moved to "${target.title}".`,
      );
    else notes.push(`Section "${d.title}" has no questions and was left out.`);
  });
  return kept;
}

export function importVsaq(baseText: string, options: ImportOptions): ImportResult {
  if (typeof options?.id !== 'string' || !SLUG.test(options.id) || options.id.length > MAX_ID)
    return { ok: false, error: 'The questionnaire id must use lower-case letters, digits and _ . : - only' };
  if (options.version !== undefined && !/^\d+\.\d+\.\d+$/.test(options.version))
    return { ok: false, error: 'The version must be a semantic version such as 1.0.0' };
  const extensions = options.extensions ?? [];
  const template = readTemplate(baseText, extensions);
  if (!template.ok) return template;
  try {
    const refs = new RefTable(template.root);
    const log: MapLog = { unmapped: [], notes: [], tally: new Map() };
    const mapper = new SectionMapper(refs, log);
    mapper.dissolve(template.root, []);
    mapper.finish();
    const notes: string[] = [];
    const kept = mergeEmpty(mapper.drafts, notes);
    if (!kept.length) return { ok: false, error: 'The template has no questions to import' };
    const sections: SectionOut[] = kept.map((d) => ({
      id: d.id,
      title: d.title || 'Section',
      ...(d.guidance.length ? { guidance: clip(d.guidance.join('\n\n'), 4000).text } : {}),
      questions: d.questions,
      ...(d.redFlags.length ? { redFlags: d.redFlags } : {}),
    }));
    const title =
      options.title?.trim() || htmlToText(template.root.text).replace(/\s+/g, ' ') || 'VSAQ questionnaire';
    const questionnaire = {
      format: 'vendor-risk-questionnaire/1' as const,
      id: options.id,
      version: options.version ?? defaultVersion(template.version),
      title: clip(title, 200).text,
      description: 'Imported from a Google VSAQ questionnaire template.',
      sections,
    };
    const questions = sections.flatMap((s) => s.questions);
    const flags = sections.flatMap((s) => s.redFlags ?? []);
    const byType = Object.fromEntries(QUESTION_TYPES.map((t) => [t, 0])) as Record<QuestionType, number>;
    for (const q of questions) byType[q.type]++;
    const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
    for (const f of flags) bySeverity[f.severity]++;
    const choiceQuestions = byType['single-choice'] + byType['multiple-choice'];
    const report: ImportReport = {
      counts: {
        sections: sections.length,
        questions: byType,
        totalQuestions: questions.length,
        redFlags: flags.length,
        redFlagsBySeverity: bySeverity,
        conditions: refs.conditions,
        showIf: questions.filter((q) => q.showIf).length,
      },
      renamedIds: refs.ids.renamed,
      generatedIds: refs.generated,
      unmapped: log.unmapped,
      notes: [
        ...(extensions.length ? [`Applied ${extensions.length} extension template(s).`] : []),
        ...(choiceQuestions
          ? [
              `Points were defaulted: VSAQ has no scoring, so every choice of the ${choiceQuestions} choice question(s) is worth 50 points. Review them before relying on scores.`,
            ]
          : []),
        ...(byType['yes-no']
          ? ['VSAQ yes/no items and checkboxes became yes-no questions without "partial".']
          : []),
        ...(flags.length ? ['VSAQ warnings became section red-flag rules (no knockouts).'] : []),
        ...tallyNotes(log.tally),
        ...notes,
        ...log.notes,
        ...refs.warnings,
      ],
    };
    const checked = parseQuestionnaire(questionnaire);
    if (!checked.ok)
      return {
        ok: false,
        error: `The imported questionnaire is not valid: ${checked.issues
          .slice(0, 5)
          .map((i) => `${i.path}: ${i.message}`)
          .join('; ')}`,
      };
    return { ok: true, questionnaire, report };
  } catch (e) {
    if (e instanceof ImportError) return { ok: false, error: e.message };
    if (e instanceof RangeError)
      return {
        ok: false,
        error: 'The template is nested too deeply to import (blocks or chains of ^ conditions)',
      };
    return { ok: false, error: `The template could not be imported: ${(e as Error)?.message ?? String(e)}` };
  }
}
