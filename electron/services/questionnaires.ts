import { AppError, summariseIssues, type Issue } from '../domain/errors';
import {
  allQuestions,
  compareVersions,
  QuestionnaireSchema,
  type Questionnaire,
  type QuestionnaireFormat,
  type QuestionnaireSummary,
} from '../domain/questionnaire';
import { parseQuestionnaire } from '../domain/validate-questionnaire';
import { importVsaq } from '../domain/vsaq/import';
import { builtinQuestionnaires } from './builtin-questionnaires';
import { recordAudit, type ServiceContext } from './context';
import { definitionDigest } from '../domain/definition-digest';

/** For VSAQ files: the id to give the questionnaire, and extension templates to apply. */
export interface ImportOptions {
  id?: string;
  extensions?: string[];
}

/** The questionnaire library: built-in ones, user imports, and pinned versions. */
export function createQuestionnaireService(ctx: ServiceContext) {
  const { storage } = ctx;
  const parsedCache = new Map<string, Questionnaire>();

  const summary = (q: Questionnaire, source: string): QuestionnaireSummary => ({
    id: q.id,
    version: q.version,
    title: q.title,
    description: q.description,
    audience: q.audience,
    categories: q.categories,
    dataKinds: q.dataKinds,
    sections: q.sections.length,
    questions: allQuestions(q).length,
    source,
  });

  /** Every installed version: built-in ones and stored ones. */
  const installed = (): { q: Questionnaire; source: string }[] => {
    const out = builtinQuestionnaires().map((q) => ({ q, source: 'builtin' }));
    for (const row of storage.questionnaires.all()) {
      if (out.some((x) => x.q.id === row.id && x.q.version === row.version)) continue;
      out.push({ q: fromStored(row.id, row.version, row.definition), source: row.source });
    }
    return out;
  };

  const fromStored = (id: string, version: string, definition: unknown): Questionnaire => {
    const key = `${id}@${version}`;
    let q = parsedCache.get(key);
    if (!q) {
      q = QuestionnaireSchema.parse(definition);
      parsedCache.set(key, q);
    }
    return q;
  };

  const latestOf = (id: string): { q: Questionnaire; source: string } | undefined =>
    installed()
      .filter((x) => x.q.id === id)
      .sort((a, b) => compareVersions(b.q.version, a.q.version))[0];

  /** Reads a file's text as a questionnaire of the given format; every problem with its path. */
  const read = (
    content: string,
    format: QuestionnaireFormat,
    options: ImportOptions = {},
  ): { questionnaire: Questionnaire; report: unknown } => {
    if (format === 'vsaq') {
      const imported = importVsaq(content, {
        id: options.id ?? 'vsaq-import',
        extensions: options.extensions ?? [],
      });
      if (!imported.ok) throw new AppError('INVALID_INPUT', imported.error);
      const parsed = parseQuestionnaire(imported.questionnaire);
      if (!parsed.ok) throw invalid(parsed.issues);
      return { questionnaire: parsed.value, report: imported.report };
    }
    // A Google VSAQ template read as our own format fails on its comments or its shape: say what it is.
    const vsaqHint = /"questionnaire"\s*:\s*\[/.test(content) && /"type"\s*:\s*"block"/.test(content);
    const hint = vsaqHint
      ? ' (this looks like a Google VSAQ template: import it as VSAQ, --format vsaq)'
      : '';
    let raw: unknown;
    try {
      raw = JSON.parse(content);
    } catch (error) {
      throw new AppError(
        'INVALID_INPUT',
        `Not JSON: ${error instanceof Error ? error.message : String(error)}${hint}`,
      );
    }
    const parsed = parseQuestionnaire(raw);
    if (!parsed.ok && hint)
      throw new AppError('INVALID_INPUT', `Not a Vendor Risk Desk questionnaire${hint}`);
    if (!parsed.ok) throw invalid(parsed.issues);
    return { questionnaire: parsed.value, report: null };
  };

  return {
    /** The newest version of each questionnaire. */
    list(): QuestionnaireSummary[] {
      const newest = new Map<string, { q: Questionnaire; source: string }>();
      for (const x of installed()) {
        const current = newest.get(x.q.id);
        if (!current || compareVersions(x.q.version, current.q.version) > 0) newest.set(x.q.id, x);
      }
      return [...newest.values()]
        .map((x) => summary(x.q, x.source))
        .sort((a, b) => a.title.localeCompare(b.title));
    },

    /** One questionnaire: a given version, or the newest. */
    get(id: string, version?: string): Questionnaire {
      const found = version
        ? installed().find((x) => x.q.id === id && x.q.version === version)
        : latestOf(id);
      if (!found)
        throw new AppError(
          'NOT_FOUND',
          version ? `No questionnaire ${id} version ${version}` : `No questionnaire ${id}`,
        );
      return found.q;
    },

    /** The newest version, for pinning by an assessment. */
    latest(id: string): { q: Questionnaire; source: string } {
      const found = latestOf(id);
      if (!found) throw new AppError('NOT_FOUND', `No questionnaire ${id}`);
      return found;
    },

    /** A pinned version, as stored when an assessment started. */
    pinned(id: string, version: string): Questionnaire {
      const row = storage.questionnaires.get(id, version);
      if (row) return fromStored(id, version, row.definition);
      return this.get(id, version);
    },

    /** Checks a file without installing it. */
    validate(content: string, format: QuestionnaireFormat, options?: ImportOptions) {
      const { questionnaire, report } = read(content, format, options);
      return { questionnaire: summary(questionnaire, format), report };
    },

    /**
     * Installs a questionnaire. A newer version of an installed one is an upgrade; the same
     * version with other content, or an older version, is refused — never a silent overwrite.
     */
    import(content: string, format: QuestionnaireFormat, options?: ImportOptions) {
      const { questionnaire, report } = read(content, format, options);
      return storage.transaction(() => {
        const current = latestOf(questionnaire.id);
        let upgradedFrom: string | null = null;
        if (current) {
          const order = compareVersions(questionnaire.version, current.q.version);
          if (order === 0) {
            if (JSON.stringify(current.q) === JSON.stringify(questionnaire)) {
              return {
                questionnaire: summary(questionnaire, current.source),
                report,
                upgradedFrom: null,
                unchanged: true,
              };
            }
            throw new AppError(
              'CONFLICT',
              `${questionnaire.title} ${questionnaire.version} is already installed with different content; give the file a higher version to upgrade`,
            );
          }
          if (order < 0) {
            throw new AppError(
              'CONFLICT',
              `A newer version (${current.q.version}) of ${questionnaire.title} is installed; ${questionnaire.version} was not imported`,
            );
          }
          upgradedFrom = current.q.version;
        }
        storage.questionnaires.insert({
          id: questionnaire.id,
          version: questionnaire.version,
          title: questionnaire.title,
          source: format === 'vsaq' ? 'vsaq' : 'user',
          definition: questionnaire,
          installedAt: ctx.now().toISOString(),
        });
        recordAudit(
          ctx,
          'questionnaire',
          `${questionnaire.id}@${questionnaire.version}`,
          upgradedFrom ? 'upgrade' : 'import',
          upgradedFrom ? { version: upgradedFrom } : null,
          { ...summary(questionnaire, format), digest: definitionDigest(questionnaire) },
        );
        return { questionnaire: summary(questionnaire, format), report, upgradedFrom, unchanged: false };
      });
    },
  };
}

export type QuestionnaireService = ReturnType<typeof createQuestionnaireService>;

function invalid(issues: Issue[]): AppError {
  return new AppError(
    'INVALID_INPUT',
    `The questionnaire is not valid: ${summariseIssues(issues.slice(0, 5))}${issues.length > 5 ? ` (and ${issues.length - 5} more)` : ''}`,
    issues,
  );
}
