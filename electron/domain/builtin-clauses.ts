import builtinFile from '../../questionnaires/clause-library.json';
import { ClauseLibraryFileSchema, type Clause } from './clauses';

/** The built-in clauses' ids, read without checking the file (a cheap test for new ones). */
export function builtinClauseIds(): string[] {
  return builtinFile.clauses.map((c) => c.id);
}

/** The built-in clauses, checked once (a test checks the file itself). */
let builtins: Clause[] | null = null;
export function builtinClauses(): Clause[] {
  return (builtins ??= ClauseLibraryFileSchema.parse(builtinFile).clauses.map((c) => ({
    ...c,
    source: 'builtin',
  })));
}
