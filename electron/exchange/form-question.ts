/**
 * One question of the vendor's form as DOM: its legend, guidance, the control for its type,
 * "Not applicable" / "Cannot answer", and a note. Runs in the vendor's browser as text
 * (exchange/form-script.ts inlines it): self-contained, no imports, no module constants.
 * Every text goes in with textContent or setAttribute (through env.el).
 */

/** A question as the form's script reads it from the page's data block. */
export type FormQuestionData = {
  id: string;
  text: string;
  guidance: string;
  type: string;
  allowPartial: boolean;
  unit?: string;
  min?: number;
  max?: number;
  choices?: { id: string; label: string }[];
  showIf?: unknown;
};

/** An answer as the form keeps it: a value, "not-applicable", "refused", or none. */
export type FormAnswer = { status: string; value?: unknown } | null;

/** What a question needs from the form around it. */
export interface FormQuestionEnv {
  /** Makes an element with attributes and text (never HTML). */
  el(tag: string, attrs?: Record<string, string>, text?: string): HTMLElement;
  words: { na: string; refused: string };
  /** An answer chosen or a field left: the form counts it and draws the questions again. */
  set(answer: FormAnswer): void;
  /** Typing changed the answer (already in `cur`): the form counts it, drawing nothing. */
  typed(): void;
}

/**
 * The question's fieldset. Each control carries `data-k` ("KEY|value", "KEY|note", …) so the
 * form can focus the same control again after drawing the questions afresh.
 */
export function formQuestion(
  key: string,
  x: FormQuestionData,
  cur: { answer: FormAnswer; note: string },
  env: FormQuestionEnv,
): HTMLElement {
  const { el, set } = env;
  const field = el('fieldset', { 'data-question': key });
  field.append(el('legend', {}, x.text));
  if (x.guidance) field.append(el('p', { class: 'guidance' }, x.guidance));
  const radio = (type: string, name: string, value: string, label: string, checked: boolean) => {
    const input = el('input', { type, name, value, 'data-k': `${name}|${value}` }) as HTMLInputElement;
    input.checked = checked;
    const l = el('label');
    l.append(input, el('span', {}, label));
    return { input, label: l };
  };
  const chosen = cur.answer?.status === 'answered' ? cur.answer.value : undefined;
  const options: [string, string][] =
    x.type === 'yes-no'
      ? [
          ['yes', 'Yes'],
          ...(x.allowPartial ? ([['partial', 'Partly']] as [string, string][]) : []),
          ['no', 'No'],
        ]
      : x.type === 'single-choice' || x.type === 'multiple-choice'
        ? x.choices!.map((c) => [c.id, c.label] as [string, string])
        : [];
  if (options.length) {
    const multi = x.type === 'multiple-choice';
    const row = el('div', { class: 'vr-options' });
    for (const [id, label] of options) {
      const r = radio(
        multi ? 'checkbox' : 'radio',
        key,
        id,
        label,
        multi ? Array.isArray(chosen) && chosen.includes(id) : chosen === id,
      );
      r.input.addEventListener('change', () => {
        if (!multi) return set({ status: 'answered', value: id });
        // From the answer as it is now (two ticks may come before the next drawing).
        const was = cur.answer?.status === 'answered' ? cur.answer.value : undefined;
        const next = new Set(Array.isArray(was) ? (was as string[]) : []);
        if (r.input.checked) next.add(id);
        else next.delete(id);
        set(next.size ? { status: 'answered', value: [...next] } : null);
      });
      row.append(r.label);
    }
    field.append(row);
  } else {
    const input = el(x.type === 'long-text' ? 'textarea' : 'input', {
      'aria-label': x.text,
      'data-k': `${key}|value`,
      ...(x.type === 'number'
        ? {
            type: 'number',
            step: 'any',
            ...(x.min !== undefined ? { min: String(x.min) } : {}),
            ...(x.max !== undefined ? { max: String(x.max) } : {}),
          }
        : x.type === 'date'
          ? { type: 'date' }
          : x.type === 'long-text'
            ? {}
            : { type: 'text' }),
    }) as HTMLInputElement;
    input.value = cur.answer?.status === 'answered' ? String(cur.answer.value ?? '') : '';
    const read = (): FormAnswer => {
      const v = input.value.trim();
      return v === '' ? null : { status: 'answered', value: x.type === 'number' ? Number(v) : v };
    };
    // Progress follows typing; the questions are drawn again (conditions) when the field is left.
    input.addEventListener('input', () => {
      cur.answer = read();
      env.typed();
    });
    input.addEventListener('change', () => set(read()));
    if (x.unit) {
      const wrap = el('div', { class: 'vr-with-unit' });
      wrap.append(input, el('span', { class: 'unit' }, x.unit));
      field.append(wrap);
    } else field.append(input);
  }
  const status = el('div', { class: 'vr-options vr-status' });
  for (const [value, label] of [
    ['not-applicable', env.words.na],
    ['refused', env.words.refused],
  ] as [string, string][]) {
    const r = radio('radio', `${key}#status`, value, label, cur.answer?.status === value);
    r.input.addEventListener('change', () => set({ status: value }));
    status.append(r.label);
  }
  field.append(status);
  const note = el('textarea', {
    'aria-label': `Notes: ${x.text}`,
    placeholder: 'Notes',
    class: 'note',
    'data-k': `${key}|note`,
  }) as HTMLTextAreaElement;
  note.value = cur.note;
  note.addEventListener('input', () => (cur.note = note.value));
  field.append(note);
  return field;
}
