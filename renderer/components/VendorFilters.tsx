import { useEffect, useState } from 'react';
import { call } from '../api';
import { DECISION_LABELS } from '../../electron/domain/decision';
import { TIER_LABELS } from '../../electron/domain/risk';
import {
  DEFAULT_VENDOR_QUERY,
  sameQuery,
  type SavedFilter,
  type VendorListQuery,
} from '../../electron/domain/vendor-list';
import { Dialog } from './Dialog';
import { ConfirmDialog } from './ConfirmDialog';
import { FormField } from './FormField';
import { FilterSelect, type Choice } from './FilterSelect';
import './VendorFilters.css';

type ArrayKey = 'tiers' | 'decisions';

const TIER_CHOICES: Choice[] = [
  { value: '', label: 'Any tier' },
  { value: 'critical,high,medium,low', label: 'Assessed (any tier)' },
  ...(['critical', 'high', 'medium', 'low'] as const).map((t) => ({
    value: t,
    label: `${TIER_LABELS[t]} tier`,
  })),
  { value: 'unassessed', label: 'Not assessed' },
];
const DECISION_CHOICES: Choice[] = [
  { value: '', label: 'Any decision' },
  ...(['approve', 'approve-with-conditions', 'reject'] as const).map((d) => ({
    value: d,
    label: DECISION_LABELS[d],
  })),
  { value: 'none', label: 'No decision yet' },
];
const FLAG_CHOICES: Choice[] = [
  { value: '', label: 'Any red flags' },
  { value: 'any', label: 'With red flags' },
  { value: 'knockout', label: 'With knockouts' },
  { value: 'none', label: 'No red flags' },
];
const COMPLETENESS_CHOICES: Choice[] = [
  { value: '', label: 'Any completeness' },
  { value: 'complete', label: 'Fully answered' },
  { value: 'partial', label: 'Partly answered' },
  { value: 'none', label: 'Nothing answered' },
];
const REASSESSMENT_CHOICES: Choice[] = [
  { value: '', label: 'Any reassessment' },
  { value: 'overdue', label: 'Reassessment overdue' },
  { value: 'upcoming', label: 'Reassessment due ≤ 90 days' },
];
const EVIDENCE_CHOICES: Choice[] = [
  { value: '', label: 'Any evidence' },
  { value: 'expired', label: 'Evidence expired' },
  { value: '30', label: 'Evidence expiring ≤ 30 days' },
  { value: '60', label: 'Evidence expiring in 31–60 days' },
  { value: '90', label: 'Evidence expiring in 61–90 days' },
];

/** A score bound: empty is no bound. */
function ScoreInput({
  label,
  value,
  onChange,
}: {
  label: string;
  value: number | undefined;
  onChange(value: number | undefined): void;
}) {
  const [text, setText] = useState(value === undefined ? '' : String(value));
  // The bound changed elsewhere (a saved filter, Clear filters): show it.
  const [shown, setShown] = useState(value);
  if (value !== shown) {
    setShown(value);
    setText(value === undefined ? '' : String(value));
  }
  const n = Number(text);
  const invalid = text.trim() !== '' && !(Number.isFinite(n) && n >= 0 && n <= 100);
  return (
    <input
      type="number"
      min={0}
      max={100}
      step={1}
      inputMode="numeric"
      className={
        invalid ? 'score-input invalid' : value === undefined ? 'score-input' : 'score-input filter-active'
      }
      aria-label={label}
      aria-invalid={invalid}
      title={invalid ? 'A score is a number from 0 to 100; this bound is not applied' : undefined}
      placeholder={label.startsWith('Lowest') ? 'min' : 'max'}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        const n = e.target.valueAsNumber;
        // A value out of range is shown as wrong and not applied, never silently replaced by the last good one.
        if (e.target.value === '' || !(Number.isFinite(n) && n >= 0 && n <= 100)) onChange(undefined);
        else onChange(n);
      }}
    />
  );
}

interface VendorFiltersProps {
  query: VendorListQuery;
  onChange(update: (q: VendorListQuery) => VendorListQuery): void;
  onReplace(query: VendorListQuery): void;
}

/**
 * The score filters of the vendor list (tier, decision, flags, completeness, score,
 * reassessment, evidence, conditions) and the saved filters.
 */
export function VendorFilters({ query, onChange, onReplace }: VendorFiltersProps) {
  const [saved, setSaved] = useState<SavedFilter[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [naming, setNaming] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<string | null>(null);
  const active = saved.find((f) => sameQuery(f.query, query));

  useEffect(() => {
    void call('filters.list', {}).then((r) => (r.ok ? setSaved(r.value) : setError(r.error.message)));
  }, []);

  const setArray = (key: ArrayKey, value: string) =>
    onChange((q) => ({ ...q, [key]: value ? value.split(',') : [] }));
  const setOne = <K extends 'flags' | 'completeness' | 'reassessment' | 'evidence'>(key: K, value: string) =>
    onChange((q) => ({ ...q, [key]: value || undefined }));

  const save = async (name: string) => {
    const r = await call('filters.save', { name, query });
    if (!r.ok) return r.error.message;
    setSaved(r.value);
    setNaming(null);
    return null;
  };
  const remove = async (name: string) => {
    const r = await call('filters.remove', { name });
    setDeleting(null);
    if (r.ok) setSaved(r.value);
    else setError(r.error.message);
  };

  return (
    <div className="toolbar toolbar-filters" role="toolbar" aria-label="Score filters">
      <FilterSelect
        label="Filter by tier"
        choices={TIER_CHOICES}
        value={query.tiers.join(',')}
        onChange={(v) => setArray('tiers', v)}
      />
      <FilterSelect
        label="Filter by decision"
        choices={DECISION_CHOICES}
        value={query.decisions.join(',')}
        onChange={(v) => setArray('decisions', v)}
      />
      <FilterSelect
        label="Filter by red flags"
        choices={FLAG_CHOICES}
        value={query.flags ?? ''}
        onChange={(v) => setOne('flags', v)}
      />
      <FilterSelect
        label="Filter by completeness"
        choices={COMPLETENESS_CHOICES}
        value={query.completeness ?? ''}
        onChange={(v) => setOne('completeness', v)}
      />
      <span className="score-range" role="group" aria-label="Score range">
        Score
        <ScoreInput
          label="Lowest score"
          value={query.minScore}
          onChange={(v) => onChange((q) => ({ ...q, minScore: v }))}
        />
        –
        <ScoreInput
          label="Highest score"
          value={query.maxScore}
          onChange={(v) => onChange((q) => ({ ...q, maxScore: v }))}
        />
      </span>
      <FilterSelect
        label="Filter by reassessment"
        choices={REASSESSMENT_CHOICES}
        value={query.reassessment ?? ''}
        onChange={(v) => setOne('reassessment', v)}
      />
      <FilterSelect
        label="Filter by evidence"
        choices={EVIDENCE_CHOICES}
        value={query.evidence ?? ''}
        onChange={(v) => setOne('evidence', v)}
      />
      <label className="checkbox-filter">
        <input
          type="checkbox"
          checked={query.conditionsPastDue === true}
          onChange={(e) => onChange((q) => ({ ...q, conditionsPastDue: e.target.checked || undefined }))}
        />
        Conditions past due
      </label>
      <span className="toolbar-spacer" />
      <select
        aria-label="Saved filters"
        value={active?.name ?? ''}
        onChange={(e) => {
          const f = saved.find((s) => s.name === e.target.value);
          if (f) onReplace(f.query);
          else onReplace(DEFAULT_VENDOR_QUERY);
        }}
      >
        <option value="">{saved.length ? 'Saved filters…' : 'No saved filters'}</option>
        {saved.map((f) => (
          <option key={f.name} value={f.name}>
            {f.name}
          </option>
        ))}
      </select>
      <button type="button" className="button" onClick={() => setNaming(active?.name ?? '')}>
        Save filter…
      </button>
      {active && (
        <button type="button" className="button button-quiet" onClick={() => setDeleting(active.name)}>
          Delete saved
        </button>
      )}
      {error && (
        <span className="form-error" role="alert">
          {error}
        </span>
      )}
      <SaveFilterDialog
        initialName={naming}
        existing={saved.map((f) => f.name)}
        onSave={save}
        onClose={() => setNaming(null)}
      />
      <ConfirmDialog
        open={deleting !== null}
        title="Delete saved filter?"
        message={`“${deleting ?? ''}” will no longer be offered. The vendors are not changed.`}
        confirmLabel="Delete filter"
        danger
        onConfirm={() => void remove(deleting!)}
        onCancel={() => setDeleting(null)}
      />
    </div>
  );
}

function SaveFilterDialog({
  initialName,
  existing,
  onSave,
  onClose,
}: {
  /** null: closed. */
  initialName: string | null;
  existing: readonly string[];
  onSave(name: string): Promise<string | null>;
  onClose(): void;
}) {
  return (
    <Dialog
      title="Save filter"
      open={initialName !== null}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="save-filter-form" className="button button-primary">
            Save
          </button>
        </>
      }
    >
      {initialName !== null && (
        <SaveFilterForm key={initialName} initialName={initialName} existing={existing} onSave={onSave} />
      )}
    </Dialog>
  );
}

function SaveFilterForm({
  initialName,
  existing,
  onSave,
}: {
  initialName: string;
  existing: readonly string[];
  onSave(name: string): Promise<string | null>;
}) {
  const [name, setName] = useState(initialName);
  const [error, setError] = useState<string | null>(null);
  const replaces = existing.find((n) => n.toLocaleLowerCase() === name.trim().toLocaleLowerCase());
  const submit = async () => {
    if (!name.trim()) return setError('Give the filter a name');
    setError(await onSave(name.trim()));
  };
  return (
    <form
      id="save-filter-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <FormField id="save-filter-name" label="Name" required error={error ?? undefined}>
        {(props) => (
          <input
            {...props}
            data-autofocus
            maxLength={60}
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder="e.g. Critical vendors without a decision"
          />
        )}
      </FormField>
      <p className="cell-muted">
        {replaces
          ? `Saving replaces the saved filter “${replaces}”.`
          : 'The search text, every filter and the sort are saved. The CLI can use it too: vendors list --saved NAME.'}
      </p>
    </form>
  );
}
