/** The clause library's editor: a clause's position and the rule that judges a deviation. */
import { useState } from 'react';
import { call } from '../api';
import {
  CLAUSE_GROUPS,
  CLAUSE_GROUP_LABELS,
  CLAUSE_VALUE_TYPES,
  REGIONS,
  REGION_LABELS,
  VALUE_TYPE_LABELS,
  type Clause,
  type ClauseGroup,
  type ClauseRule,
  type ClauseValueType,
  type Region,
} from '../../electron/domain/clauses';
import { SEVERITIES, type Severity } from '../../electron/domain/questionnaire';
import { FormField } from '../components/FormField';
import { staleSaveMessage } from '../hooks/useTeam';

const RULE_FOR: Record<ClauseValueType, ClauseRule['kind'] | null> = {
  hours: 'at-most',
  days: 'at-most',
  months: 'at-least',
  percentage: 'at-least',
  money: 'at-least-money',
  regions: 'regions-within',
  'yes-no': 'required',
  text: null,
};

function slug(title: string): string {
  return title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
}

/** An id no clause has yet: a new clause must never replace one ("breach-notification-2"). */
function freeId(base: string, taken: readonly string[]): string {
  let id = base || 'clause';
  for (let n = 2; taken.includes(id); n++) id = `${base || 'clause'}-${n}`;
  return id;
}

/**
 * Edits a clause's position and rule, or adds a clause of the user's own. On a team database
 * the save states the version read; refused because a colleague saved since, it says who and
 * when and offers `onReload`, keeping what was typed until then.
 */
export function ClauseForm({
  clause,
  existingIds,
  onSaved,
  onReload,
}: {
  clause: Clause | null;
  existingIds: readonly string[];
  onSaved(library: Clause[]): void;
  /** Reads the library again after a stale refusal (this clause as the colleague left it). */
  onReload(): Promise<void>;
}) {
  const [title, setTitle] = useState(clause?.title ?? '');
  const [group, setGroup] = useState<ClauseGroup>(clause?.group ?? 'other');
  const [why, setWhy] = useState(clause?.why ?? '');
  const [text, setText] = useState(clause?.position.text ?? '');
  const [valueType, setValueType] = useState<ClauseValueType>(clause?.valueTypes[0] ?? 'yes-no');
  const [severity, setSeverity] = useState<Severity>(clause?.deviationSeverity ?? 'medium');
  const firstRule = clause?.position.rules[0];
  const [number, setNumber] = useState(
    firstRule && 'value' in firstRule
      ? String(firstRule.value)
      : firstRule?.kind === 'at-least-money'
        ? String(firstRule.amount)
        : '',
  );
  const [currency, setCurrency] = useState(firstRule?.kind === 'at-least-money' ? firstRule.currency : 'EUR');
  const [regions, setRegions] = useState<Region[]>(
    firstRule?.kind === 'regions-within' ? firstRule.regions : ['eu'],
  );
  const [kind, setKind] = useState<ClauseRule['kind'] | null>(firstRule?.kind ?? RULE_FOR[valueType]);
  const [error, setError] = useState<string | null>(null);
  const [stale, setStale] = useState(false);

  const rule = (): ClauseRule | null | string => {
    if (!kind) return null;
    if (kind === 'required') return { kind };
    if (kind === 'regions-within') return regions.length ? { kind, regions } : 'Allow at least one region';
    const n = Number(number);
    if (number.trim() === '' || !Number.isFinite(n) || n < 0) return 'Enter the number of the position';
    if (kind === 'at-least-money') return { kind, amount: n, currency: currency.toUpperCase() };
    return { kind, value: n };
  };

  const save = async () => {
    const r0 = rule();
    if (typeof r0 === 'string') return setError(r0);
    const rules = clause ? [...(r0 ? [r0] : []), ...clause.position.rules.slice(1)] : r0 ? [r0] : [];
    const r = await call('clauses.saveClause', {
      // The version read (0: a new clause, so one a colleague added as well refuses it); the solo app ignores it.
      ...(clause ?? { valueTypes: [valueType], id: freeId(slug(title), existingIds), version: 0 }),
      title,
      group,
      why,
      deviationSeverity: severity,
      position: { text, rules },
    });
    if (!r.ok) {
      const staleMessage = staleSaveMessage(r.error, 'this clause');
      setStale(staleMessage !== null);
      return setError(
        staleMessage ??
          (r.error.details?.[0]
            ? `${r.error.details[0].path}: ${r.error.details[0].message}`
            : r.error.message),
      );
    }
    onSaved(r.value);
  };
  const reload = async () => {
    await onReload();
    setStale(false);
    setError(null);
  };
  const judged = clause ? clause.valueTypes : [valueType];

  return (
    <form
      className="form"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <FormField id="clause-title" label="Title" required>
        {(p) => (
          <input
            {...p}
            data-autofocus
            value={title}
            maxLength={200}
            onChange={(e) => setTitle(e.target.value)}
          />
        )}
      </FormField>
      <FormField id="clause-group" label="Group">
        {(p) => (
          <select {...p} value={group} onChange={(e) => setGroup(e.target.value as ClauseGroup)}>
            {CLAUSE_GROUPS.map((g) => (
              <option key={g} value={g}>
                {CLAUSE_GROUP_LABELS[g]}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField id="clause-why" label="Why it matters" required>
        {(p) => (
          <textarea {...p} rows={2} value={why} maxLength={2000} onChange={(e) => setWhy(e.target.value)} />
        )}
      </FormField>
      <FormField id="clause-position" label="Our position" required>
        {(p) => (
          <textarea {...p} rows={2} value={text} maxLength={2000} onChange={(e) => setText(e.target.value)} />
        )}
      </FormField>
      {!clause && (
        <FormField id="clause-type" label="Its value">
          {(p) => (
            <select
              {...p}
              value={valueType}
              onChange={(e) => {
                const t = e.target.value as ClauseValueType;
                setValueType(t);
                setKind(RULE_FOR[t]);
              }}
            >
              {CLAUSE_VALUE_TYPES.map((t) => (
                <option key={t} value={t}>
                  {VALUE_TYPE_LABELS[t]}
                </option>
              ))}
            </select>
          )}
        </FormField>
      )}
      {kind && kind !== 'required' && (
        <fieldset className="field">
          <legend>A deviation is a value that is not</legend>
          {kind === 'regions-within' ? (
            <span className="checkbox-row">
              {REGIONS.map((r) => (
                <label key={r} className="checkbox">
                  <input
                    type="checkbox"
                    checked={regions.includes(r)}
                    onChange={(e) =>
                      setRegions(e.target.checked ? [...regions, r] : regions.filter((x) => x !== r))
                    }
                  />
                  {REGION_LABELS[r]}
                </label>
              ))}
            </span>
          ) : (
            <span className="inline">
              {(kind === 'at-most' || kind === 'at-least') && (
                <select
                  aria-label="Rule"
                  value={kind}
                  onChange={(e) => setKind(e.target.value as ClauseRule['kind'])}
                >
                  <option value="at-most">at most</option>
                  <option value="at-least">at least</option>
                </select>
              )}
              {kind === 'at-least-money' && <span>at least</span>}
              {kind === 'at-least-money' && (
                <input
                  aria-label="Currency"
                  className="currency-input"
                  value={currency}
                  maxLength={3}
                  onChange={(e) => setCurrency(e.target.value.toUpperCase())}
                />
              )}
              <input
                aria-label="Position value"
                className="number-input"
                inputMode="decimal"
                value={number}
                onChange={(e) => setNumber(e.target.value)}
              />
              <span className="cell-muted">
                {judged.map((t) => VALUE_TYPE_LABELS[t].toLowerCase()).join(' or ')}
              </span>
            </span>
          )}
        </fieldset>
      )}
      <FormField id="clause-severity" label="Severity of a deviation">
        {(p) => (
          <select {...p} value={severity} onChange={(e) => setSeverity(e.target.value as Severity)}>
            {SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        )}
      </FormField>
      {error && (
        <p className="form-error" role="alert">
          {error}
          {stale && (
            <>
              {' '}
              <button type="button" className="button button-quiet" onClick={() => void reload()}>
                Reload
              </button>
            </>
          )}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button button-primary">
          Save clause
        </button>
      </div>
    </form>
  );
}
