/**
 * How far the vendor is with the offline form: answered of total, overall and by section.
 * Pure and self-contained (no imports, no module constants, no helpers): the form carries
 * `formProgress` as text (exchange/form-script.ts) and runs it in the vendor's browser.
 */

/** A section as the form shows it: the keys ("questionnaire/question") of its questions on screen. */
export interface ProgressSection {
  id: string;
  keys: readonly string[];
}

/** What the form keeps per question; only whether an answer is there matters here. */
export interface ProgressEntry {
  answer: { status: string } | null;
}

/** Answered of total, overall and for each section (in the order given). */
export interface FormProgress {
  answered: number;
  total: number;
  sections: { id: string; answered: number; total: number }[];
}

/**
 * Counts the questions on screen and those with an answer. "Not applicable" and "cannot
 * answer" are answers (the vendor has dealt with the question); a note alone is not. A key
 * in two sections counts once overall.
 */
export function formProgress(
  sections: readonly ProgressSection[],
  state: Readonly<Record<string, ProgressEntry | undefined>>,
): FormProgress {
  const seen = new Set<string>();
  let answered = 0;
  const out: FormProgress['sections'] = [];
  for (const s of sections) {
    let done = 0;
    for (const key of s.keys) {
      const has = Boolean(Object.prototype.hasOwnProperty.call(state, key) && state[key]?.answer);
      if (has) done++;
      if (!seen.has(key)) {
        seen.add(key);
        if (has) answered++;
      }
    }
    out.push({ id: s.id, answered: done, total: s.keys.length });
  }
  return { answered, total: seen.size, sections: out };
}

/** "3 of 8 answered" (the words the form shows beside a section and at the bottom). */
export function progressWords(answered: number, total: number): string {
  return total === 0 ? 'No questions to answer' : `${answered} of ${total} answered`;
}
