/**
 * The FilterBar's model, without React: the fields a list can be filtered by, the values
 * chosen for each (always a list of strings), and the chip that says a field's filter in words.
 */

/** One choice of a field: the value stored and the word shown. */
export interface FilterChoice {
  value: string;
  label: string;
}

/** A field offered under "+ Filter". */
export type FilterField =
  | {
      key: string;
      /** "Tier": the chip starts with it. */
      label: string;
      kind: 'choice';
      choices: readonly FilterChoice[];
      /** Several values (any of them matches) or one. */
      multiple: boolean;
    }
  | {
      key: string;
      label: string;
      /** Two numbers, lowest and highest; values are [min, max] with '' for no bound. */
      kind: 'range';
      min: number;
      max: number;
    };

/** What each field filters by; a field that is absent or empty filters nothing. */
export type FilterValues = Readonly<Record<string, readonly string[]>>;

/** A chip: the words that say one filter, and the key it clears. */
export interface FilterChip {
  key: string;
  label: string;
}

/** Whether a field filters anything with these values. */
export function isActive(field: FilterField, values: readonly string[] | undefined): boolean {
  if (!values) return false;
  return field.kind === 'range' ? values.some((v) => v !== '') : values.length > 0;
}

/** The words of a field's chip: "Tier: High, Critical", "Score: 40–70", "Score: at least 40". */
export function chipLabel(field: FilterField, values: readonly string[]): string {
  if (field.kind === 'range') {
    const [min = '', max = ''] = values;
    const range =
      min !== '' && max !== '' ? `${min}–${max}` : min !== '' ? `at least ${min}` : `at most ${max}`;
    return `${field.label}: ${range}`;
  }
  const words = values.map((v) => field.choices.find((c) => c.value === v)?.label ?? v);
  return `${field.label}: ${words.join(', ')}`;
}

/** The chips of every field that filters, in the order of the fields. */
export function chipsOf(fields: readonly FilterField[], values: FilterValues): FilterChip[] {
  return fields
    .filter((f) => isActive(f, values[f.key]))
    .map((f) => ({ key: f.key, label: chipLabel(f, values[f.key]!) }));
}

/** A range's bound as typed: '' (no bound), a number within the field's bounds, or null when invalid. */
export function parseBound(field: { min: number; max: number }, text: string): number | '' | null {
  if (text.trim() === '') return '';
  const n = Number(text);
  return Number.isFinite(n) && n >= field.min && n <= field.max ? n : null;
}
