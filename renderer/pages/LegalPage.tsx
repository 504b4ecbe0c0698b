import { useEffect, useState, type ReactNode } from 'react';
import {
  CLAUSE_GROUP_LABELS,
  REGION_LABELS,
  type Clause,
  type ClauseRule,
} from '../../electron/domain/clauses';
import { Dialog } from '../components/Dialog';
import { useToast } from '../components/Toasts';
import { useOperation } from '../hooks/useOperation';
import { roleLimited, useRoleLimit } from '../hooks/useTeam';
import { PageHeader } from '../components/PageHeader';
import { ClauseForm } from './ClauseForm';
import { LegalMatrix } from './LegalMatrix';
import './LegalPage.css';

/** Legal's view across vendors: the vendors × clauses grid with its CSV, and the clause library. */
export function LegalPage({ onOpenContract }: { onOpenContract(vendorId: string): void }) {
  const [tab, setTab] = useState<'matrix' | 'library'>('matrix');
  const tabs = (
    <div role="tablist" aria-label="Legal views" className="tabs">
      <button type="button" role="tab" aria-selected={tab === 'matrix'} onClick={() => setTab('matrix')}>
        Vendors × clauses
      </button>
      <button type="button" role="tab" aria-selected={tab === 'library'} onClick={() => setTab('library')}>
        Clause library
      </button>
    </div>
  );
  return (
    <div className="legal-page">
      {tab === 'matrix' ? (
        <LegalMatrix tabs={tabs} onOpenContract={onOpenContract} />
      ) : (
        <Library tabs={tabs} />
      )}
    </div>
  );
}

function ruleText(rule: ClauseRule): string {
  switch (rule.kind) {
    case 'at-most':
      return `at most ${rule.value}`;
    case 'at-least':
      return `at least ${rule.value}`;
    case 'at-least-money':
      return `at least ${rule.currency} ${rule.amount.toLocaleString('en-US')}`;
    case 'regions-within':
      return `only in ${rule.regions.map((r) => REGION_LABELS[r]).join(', ')}`;
    case 'required':
      return 'required';
  }
}

function Library({ tabs }: { tabs: ReactNode }) {
  const [library, setLibrary] = useState<Clause[]>([]);
  const [editing, setEditing] = useState<Clause | 'new' | null>(null);
  // What this login's role cannot do is shown disabled, with the reason (team database).
  const libraryLimit = useRoleLimit('clause_library');
  const toast = useToast();
  const { run: loadLibrary } = useOperation('clauses.library');
  const removeClause = useOperation('clauses.removeClause');
  useEffect(() => {
    void loadLibrary({}).then((r) => r.ok && setLibrary(r.value));
  }, [loadLibrary]);

  // After a stale refusal: the library as it is now, and the clause being edited as its colleague
  // left it (a new clause keeps what was typed; its id is chosen again against the ids now taken).
  const reload = async () => {
    const r = await loadLibrary({});
    if (!r.ok) return;
    setLibrary(r.value);
    setEditing((e) => (e === null || e === 'new' ? e : (r.value.find((c) => c.id === e.id) ?? null)));
  };

  const remove = async (id: string) => {
    const r = await removeClause.run({ id });
    if (r.ok) setLibrary(r.value);
  };

  return (
    <>
      <PageHeader
        title="Legal"
        count={`${library.length} clause${library.length === 1 ? '' : 's'} in the library`}
        description="Our recommended positions. Changing one re-judges every vendor’s agreed terms at once."
        actions={
          <button
            type="button"
            className="button button-primary"
            {...roleLimited(libraryLimit)}
            onClick={() => setEditing('new')}
          >
            Add clause
          </button>
        }
      />
      {tabs}
      <section aria-label="Clause library">
        <table className="explanation-table library-table">
          <thead>
            <tr>
              <th scope="col">Clause</th>
              <th scope="col">Our position</th>
              <th scope="col">Deviates unless</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {library.map((c) => (
              <tr key={c.id}>
                <td>
                  <strong>{c.title}</strong>
                  <div className="cell-muted">
                    {CLAUSE_GROUP_LABELS[c.group]} · {c.source === 'builtin' ? 'built-in' : 'yours'}
                  </div>
                </td>
                <td>{c.position.text}</td>
                <td>{c.position.rules.map(ruleText).join('; ') || '—'}</td>
                <td className="nowrap">
                  <button
                    type="button"
                    className="button button-quiet"
                    {...roleLimited(libraryLimit)}
                    onClick={() => setEditing(c)}
                  >
                    Edit
                  </button>
                  {c.source === 'user' && (
                    <button
                      type="button"
                      className="button button-quiet"
                      {...roleLimited(libraryLimit)}
                      onClick={() => void remove(c.id)}
                    >
                      Delete
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <Dialog
          title={editing === 'new' ? 'Add clause' : `Position: ${editing?.title ?? ''}`}
          open={editing !== null}
          onClose={() => setEditing(null)}
          wide
        >
          {editing && (
            <ClauseForm
              // Reloaded after a colleague's save, the form starts again from their version.
              key={editing === 'new' ? 'new' : `${editing.id}:${editing.version ?? ''}`}
              clause={editing === 'new' ? null : editing}
              existingIds={library.map((c) => c.id)}
              onSaved={(lib) => {
                setLibrary(lib);
                setEditing(null);
                toast('success', 'Clause library saved');
              }}
              onReload={reload}
            />
          )}
        </Dialog>
      </section>
    </>
  );
}
