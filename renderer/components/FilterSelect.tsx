import './FilterSelect.css';

/** One choice of a filter select: a label and the values it stands for. */
export interface Choice {
  value: string;
  label: string;
}

/**
 * A select that filters a list: marked while it filters (its value is not `none`), and a value
 * set elsewhere (a saved filter, the CLI) still shows, by its raw values.
 */
export function FilterSelect({
  label,
  choices,
  value,
  onChange,
  none = '',
}: {
  /** The accessible name ("Filter by category"). */
  label: string;
  choices: readonly Choice[];
  value: string;
  onChange(value: string): void;
  /** The value that filters nothing ('' unless said). */
  none?: string;
}) {
  const known = choices.some((c) => c.value === value);
  return (
    <select
      aria-label={label}
      value={value}
      className={value !== none ? 'filter-active' : undefined}
      onChange={(e) => onChange(e.target.value)}
    >
      {choices.map((c) => (
        <option key={c.value} value={c.value}>
          {c.label}
        </option>
      ))}
      {!known && <option value={value}>{value.split(',').join(' or ')}</option>}
    </select>
  );
}
