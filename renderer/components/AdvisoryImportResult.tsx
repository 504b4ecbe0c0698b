import type { ResponseOf } from '../api';
import './AdvisoryImportResult.css';

type Summary = ResponseOf<'advisories.import'>;

/** How many files a list of problems shows before "and N more". */
const SHOWN = 50;

/** A file as the summary names it, shortened: its name, or "repo.zip › name" for a zip's entry. */
function shortName(file: string): string {
  const base = (p: string) => p.split(/[\\/]/).pop() ?? p;
  const zip = file.indexOf('!/');
  return zip < 0 ? base(file) : `${base(file.slice(0, zip))} › ${base(file.slice(zip + 2))}`;
}

/** What an advisories import did: added, replaced, unchanged; the catalog; files refused and skipped. */
export function AdvisoryImportResult({ summary }: { summary: Summary }) {
  const count = (outcome: Summary['advisories'][number]['outcome']) =>
    summary.advisories.filter((a) => a.outcome === outcome).length;
  const { kev } = summary;
  return (
    <section
      className="advisory-import-result"
      aria-label="Import result"
      data-testid="advisory-import-result"
    >
      <p className="advisory-import-headline" role="status">
        Read {summary.files} file{summary.files === 1 ? '' : 's'}: <strong>{count('added')} added</strong>,{' '}
        {count('replaced')} replaced by a newer revision, {count('kept')} unchanged.
      </p>
      {kev && (
        <p data-testid="advisory-import-kev">
          Known exploited vulnerabilities catalog {kev.catalogVersion} of {kev.dateReleased}: {kev.entries}{' '}
          {kev.entries === 1 ? 'entry' : 'entries'}
          {kev.previousVersion
            ? ` (replaces ${kev.previousVersion}: ${kev.added} added, ${kev.removed} removed)`
            : ''}
          .
        </p>
      )}
      {summary.refused.length > 0 && (
        <div className="advisory-import-problems">
          <h3>
            {summary.refused.length} file{summary.refused.length === 1 ? '' : 's'} refused
          </h3>
          <ul aria-label="Files refused">
            {summary.refused.slice(0, SHOWN).map((r) => (
              <li key={r.file}>
                <span title={r.file}>{shortName(r.file)}</span>: {r.problem}
              </li>
            ))}
          </ul>
          {summary.refused.length > SHOWN && (
            <p className="cell-muted">and {summary.refused.length - SHOWN} more</p>
          )}
        </div>
      )}
      {summary.skipped.length > 0 && (
        <details className="advisory-import-skipped">
          <summary>
            {summary.skipped.length} file{summary.skipped.length === 1 ? '' : 's'} skipped: neither an
            advisory nor the catalog
          </summary>
          <ul aria-label="Files skipped">
            {summary.skipped.slice(0, SHOWN).map((s) => (
              <li key={s.file}>
                <span title={s.file}>{shortName(s.file)}</span>: {s.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
      {summary.ignored > 0 && (
        <p className="cell-muted">
          {summary.ignored} other file{summary.ignored === 1 ? '' : 's'} in the folders and zips (neither JSON
          nor CSV) were not looked at.
        </p>
      )}
    </section>
  );
}
