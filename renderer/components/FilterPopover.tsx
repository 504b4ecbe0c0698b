import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { parseBound, type FilterField } from './filter-bar-model';
import { useClickOutside } from './FilterMenu';

/**
 * The values of one filter field, in a small non-modal dialog under the bar: checkboxes (any
 * of them) or radio buttons (one), applied as they change; a range's two bounds applied
 * with Enter or Apply. Escape or Done closes it.
 */
export function FilterPopover({
  field,
  values,
  onChange,
  onClose,
}: {
  field: FilterField;
  values: readonly string[];
  onChange(values: readonly string[]): void;
  onClose(): void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('input')?.focus();
  }, []);
  useClickOutside(ref, onClose);
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onClose();
    }
  };

  return (
    <div ref={ref} className="filter-popover" role="dialog" aria-labelledby={titleId} onKeyDown={onKeyDown}>
      <p id={titleId} className="filter-popover-title">
        Filter by {field.label.toLowerCase()}
      </p>
      {field.kind === 'range' ? (
        <RangeForm field={field} values={values} onApply={onChange} onDone={onClose} />
      ) : (
        <>
          <fieldset className="filter-choices">
            <legend className="visually-hidden">{field.label}</legend>
            {field.choices.map((c) => (
              <label key={c.value} className="filter-choice">
                <input
                  type={field.multiple ? 'checkbox' : 'radio'}
                  name={titleId}
                  checked={values.includes(c.value)}
                  onChange={(e) =>
                    onChange(
                      field.multiple
                        ? e.target.checked
                          ? [...values, c.value]
                          : values.filter((v) => v !== c.value)
                        : [c.value],
                    )
                  }
                />
                {c.label}
              </label>
            ))}
          </fieldset>
          <div className="filter-popover-actions">
            {values.length > 0 && (
              <button type="button" className="button button-quiet" onClick={() => onChange([])}>
                Any {field.label.toLowerCase()}
              </button>
            )}
            <button type="button" className="button" onClick={onClose}>
              Done
            </button>
          </div>
        </>
      )}
    </div>
  );
}

function RangeForm({
  field,
  values,
  onApply,
  onDone,
}: {
  field: Extract<FilterField, { kind: 'range' }>;
  values: readonly string[];
  onApply(values: readonly string[]): void;
  onDone(): void;
}) {
  const [min, setMin] = useState(values[0] ?? '');
  const [max, setMax] = useState(values[1] ?? '');
  const [error, setError] = useState<string | null>(null);
  const apply = () => {
    const lo = parseBound(field, min);
    const hi = parseBound(field, max);
    if (lo === null || hi === null) return setError(`A bound is a number from ${field.min} to ${field.max}`);
    if (lo !== '' && hi !== '' && lo > hi) return setError('The highest must not be below the lowest');
    setError(null);
    onApply([String(lo), String(hi)]);
    onDone();
  };
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        apply();
      }}
    >
      <div className="filter-range">
        <label>
          Lowest
          <input
            type="number"
            min={field.min}
            max={field.max}
            value={min}
            aria-invalid={parseBound(field, min) === null}
            onChange={(e) => setMin(e.target.value)}
          />
        </label>
        <label>
          Highest
          <input
            type="number"
            min={field.min}
            max={field.max}
            value={max}
            aria-invalid={parseBound(field, max) === null}
            onChange={(e) => setMax(e.target.value)}
          />
        </label>
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="filter-popover-actions">
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="button button-primary">
          Apply
        </button>
      </div>
    </form>
  );
}
