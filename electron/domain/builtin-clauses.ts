import builtinFile from '../../questionnaires/clause-library.json';
import { ClauseLibraryFileSchema, type Clause } from './clauses';

/** The built-in clauses, checked once (a test checks the file itself). */
let builtins: Clause[] | null = null;
export function builtinClauses(): Clause[] {
  return (builtins ??= ClauseLibraryFileSchema.parse(builtinFile).clauses.map((c) => ({
    ...c,
    source: 'builtin',
  })));
}
