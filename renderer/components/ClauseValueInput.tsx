import {
  REGIONS,
  REGION_LABELS,
  VALUE_TYPE_LABELS,
  type ClauseValue,
  type ClauseValueType,
  type Region,
} from '../../electron/domain/clauses';
import './ClauseValueInput.css';

/** A value being typed: numbers stay text until saved, so a half-typed "99." is not lost. */
export interface ValueDraft {
  type: ClauseValueType;
  text: string;
  currency: string;
  regions: Region[];
}

export function draftOf(value: ClauseValue | null, types: readonly ClauseValueType[]): ValueDraft {
  const type = value?.type ?? types[0]!;
  if (!value) return { type, text: '', currency: 'EUR', regions: [] };
  switch (value.type) {
    case 'money':
      return { type, text: String(value.amount), currency: value.currency, regions: [] };
    case 'regions':
      return { type, text: '', currency: 'EUR', regions: value.value };
    case 'yes-no':
      return { type, text: value.value ? 'yes' : 'no', currency: 'EUR', regions: [] };
    case 'text':
      return { type, text: value.value, currency: 'EUR', regions: [] };
    default:
      return { type, text: String(value.value), currency: 'EUR', regions: [] };
  }
}

/** The value of a draft; null when nothing is entered; a message when it is not a value. */
export function valueOf(d: ValueDraft): ClauseValue | null | string {
  const text = d.text.trim();
  switch (d.type) {
    case 'regions':
      return d.regions.length ? { type: 'regions', value: d.regions } : null;
    case 'yes-no':
      return text === '' ? null : { type: 'yes-no', value: text === 'yes' };
    case 'text':
      return text === '' ? null : { type: 'text', value: text };
    case 'money': {
      if (text === '') return null;
      const amount = Number(text.replace(/[,\s]/g, ''));
      if (!Number.isFinite(amount) || amount < 0) return 'Enter an amount, such as 2000000';
      const currency = d.currency.trim().toUpperCase();
      if (!/^[A-Z]{3}$/.test(currency)) return 'A currency is a three-letter code such as EUR';
      return { type: 'money', amount, currency };
    }
    default: {
      if (text === '') return null;
      const n = Number(text.replace(',', '.'));
      if (!Number.isFinite(n) || n < 0) return 'Enter a number';
      if (d.type === 'percentage' && n > 100) return 'A percentage is at most 100';
      return { type: d.type, value: n };
    }
  }
}

const UNITS: Partial<Record<ClauseValueType, string>> = {
  hours: 'hours',
  days: 'days',
  months: 'months of fees',
  percentage: '%',
};

/** Edits a clause value of one of the clause's types. */
export function ClauseValueInput({
  id,
  types,
  draft,
  onChange,
  label,
}: {
  id: string;
  types: readonly ClauseValueType[];
  draft: ValueDraft;
  onChange(d: ValueDraft): void;
  label: string;
}) {
  return (
    <span className="value-input">
      {types.length > 1 && (
        <select
          aria-label={`${label}: kind of value`}
          value={draft.type}
          onChange={(e) => onChange({ ...draft, type: e.target.value as ClauseValueType })}
        >
          {types.map((t) => (
            <option key={t} value={t}>
              {VALUE_TYPE_LABELS[t]}
            </option>
          ))}
        </select>
      )}
      {draft.type === 'regions' ? (
        <span className="checkbox-row" role="group" aria-label={label}>
          {REGIONS.map((r) => (
            <label key={r} className="checkbox">
              <input
                type="checkbox"
                checked={draft.regions.includes(r)}
                onChange={(e) =>
                  onChange({
                    ...draft,
                    regions: e.target.checked ? [...draft.regions, r] : draft.regions.filter((x) => x !== r),
                  })
                }
              />
              {REGION_LABELS[r]}
            </label>
          ))}
        </span>
      ) : draft.type === 'yes-no' ? (
        <select
          id={id}
          aria-label={label}
          value={draft.text}
          onChange={(e) => onChange({ ...draft, text: e.target.value })}
        >
          <option value="">Not stated</option>
          <option value="yes">Yes</option>
          <option value="no">No</option>
        </select>
      ) : draft.type === 'text' ? (
        <input
          id={id}
          aria-label={label}
          value={draft.text}
          maxLength={2000}
          onChange={(e) => onChange({ ...draft, text: e.target.value })}
        />
      ) : (
        <>
          {draft.type === 'money' && (
            <input
              aria-label={`${label}: currency`}
              className="currency-input"
              value={draft.currency}
              maxLength={3}
              onChange={(e) => onChange({ ...draft, currency: e.target.value.toUpperCase() })}
            />
          )}
          <input
            id={id}
            aria-label={label}
            className="number-input"
            inputMode="decimal"
            value={draft.text}
            onChange={(e) => onChange({ ...draft, text: e.target.value })}
          />
          {UNITS[draft.type] && <span className="cell-muted">{UNITS[draft.type]}</span>}
        </>
      )}
    </span>
  );
}
