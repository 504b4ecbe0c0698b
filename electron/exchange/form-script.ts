/**
 * The vendor's form's own script, as text for its one inline <script> (allowed by hash):
 * renders the questions whose condition holds (the app's evaluateCondition, inlined),
 * counts progress (domain/form-progress, inlined), draws each question (form-question,
 * inlined), asks for the SBOMs the package requests (form-sbom, inlined), keeps focus where
 * the vendor was when the questions are drawn again, and saves the answers (and the SBOM
 * files, read as text) as a response .json file.
 * Everything the script writes into the page goes through textContent or setAttribute.
 */
import { evaluateCondition, MAX_MATCHED_TEXT } from '../domain/condition';
import { formProgress, progressWords } from '../domain/form-progress';
import type { Questionnaire } from '../domain/questionnaire';
import { formQuestion, type FormAnswer, type FormQuestionData } from './form-question';
import { re2BrowserSource } from './re2-browser';
import {
  formSbomReplies,
  formSbomRequest,
  formSbomSection,
  type FormSbomRequest,
  type FormSbomState,
} from './form-sbom';

/** The app's condition evaluator as the form's script defines it. */
declare const vrEvaluate: (condition: unknown, ctx: unknown) => boolean;
/** domain/form-progress's functions as the form's script defines them. */
declare const vrProgress: typeof formProgress;
declare const vrProgressWords: typeof progressWords;
/** exchange/form-question's function as the form's script defines it. */
declare const vrQuestion: typeof formQuestion;
/** exchange/form-sbom's functions as the form's script defines them. */
declare const vrSbom: typeof formSbomRequest;
declare const vrSbomSection: typeof formSbomSection;
declare const vrSbomReplies: typeof formSbomReplies;

/** What the form uses of re2js's browser build (it defines the global RE2JS). */
interface Re2 {
  RE2JS: {
    CASE_INSENSITIVE: number;
    MULTILINE: number;
    DOTALL: number;
    compile(source: string, flags: number): { matcher(text: string): { find(): boolean } };
  };
}

/** Whether any question of the questionnaires shows on a `matches` condition. */
export function usesPatterns(questionnaires: readonly Questionnaire[]): boolean {
  return questionnaires.some((q) =>
    q.sections.some((s) =>
      s.questions.some((x) => x.showIf && JSON.stringify(x.showIf).includes('"matches"')),
    ),
  );
}

// Runs in the vendor's browser, as text: no imports, no closures over this module.
function main(): void {
  type Q = FormQuestionData;
  type Answer = FormAnswer;
  const data = JSON.parse(document.getElementById('vr-data')!.textContent!) as {
    manifest: { packageId: string; vendorId: string; checksum: string };
    questionnaires: {
      id: string;
      title: string;
      sections: { id: string; title: string; questions: Q[] }[];
    }[];
    answers: Record<string, { answer: Answer; note: string }>;
    words: { na: string; refused: string };
    sboms: FormSbomRequest[];
    limits: { file: number; files: number; total: number; response: number };
  };
  const sbomState: FormSbomState[] = data.sboms.map(() => ({
    files: [],
    notAvailable: false,
    reason: '',
    error: '',
  }));
  const sbomKey = (i: number) => `#sbom/${i}`;
  /** The bytes the SBOM files take in the response (as JSON strings). */
  const sbomBytes = () =>
    sbomState.reduce(
      (n, s) => n + s.files.reduce((m, f) => m + new Blob([JSON.stringify(f.content)]).size, 0),
      0,
    );
  const state: Record<string, { answer: Answer; note: string; evidence: string }> = {};
  for (const q of data.questionnaires)
    for (const s of q.sections)
      for (const x of s.questions) {
        const prev = data.answers[`${q.id}/${x.id}`];
        state[`${q.id}/${x.id}`] = { answer: prev?.answer ?? null, note: prev?.note ?? '', evidence: '' };
      }
  const root = document.getElementById('vr-form')!;
  const toc = document.getElementById('vr-toc')!;
  const totalText = document.getElementById('vr-total-text')!;
  const track = document.getElementById('vr-track')!;
  const fill = document.getElementById('vr-fill')!;
  const el = (tag: string, attrs: Record<string, string> = {}, text?: string) => {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    if (text !== undefined) e.textContent = text;
    return e;
  };
  /** The questions on screen after the last render (answers to the others are not sent). */
  let onScreen = new Set<string>();
  /** The sections on screen, with the places their counts are shown. */
  let shown: { id: string; keys: string[]; counts: HTMLElement[] }[] = [];

  /** Writes answered-of-total into the bar, each section's head and the list of sections. */
  const showProgress = () => {
    // A requested SBOM counts as answered once a file is attached or it is said to be not available.
    const counted: Record<string, { answer: { status: string } | null }> = { ...state };
    sbomState.forEach((s, i) => {
      counted[sbomKey(i)] = { answer: s.files.length || s.notAvailable ? { status: 'answered' } : null };
    });
    const p = vrProgress(shown, counted);
    const words = vrProgressWords(p.answered, p.total);
    totalText.textContent = words;
    track.setAttribute('aria-valuemax', String(p.total));
    track.setAttribute('aria-valuenow', String(p.answered));
    track.setAttribute('aria-valuetext', words);
    track.toggleAttribute('data-done', p.total > 0 && p.answered === p.total);
    fill.style.width = `${p.total ? (100 * p.answered) / p.total : 0}%`;
    p.sections.forEach((s, i) => {
      for (const c of shown[i]!.counts) {
        c.textContent = vrProgressWords(s.answered, s.total);
        c.toggleAttribute('data-done', s.total > 0 && s.answered === s.total);
      }
    });
    for (const f of root.querySelectorAll('fieldset[data-question]'))
      f.toggleAttribute('data-answered', Boolean(state[f.getAttribute('data-question')!]?.answer));
  };

  const render = () => {
    root.removeAttribute('data-drawing');
    // Drawn afresh: focus goes back to the same control (by its data-k) so keyboard use carries on.
    const active = document.activeElement;
    const focusKey = active && root.contains(active) ? active.getAttribute('data-k') : null;
    root.textContent = '';
    toc.textContent = '';
    onScreen = new Set<string>();
    shown = [];
    let n = 0;
    for (const q of data.questionnaires) {
      const view = (id: string) => {
        const a = state[`${q.id}/${id}`]?.answer;
        if (!a) return { state: 'unanswered' };
        if (a.status !== 'answered') return { state: a.status };
        return Array.isArray(a.value)
          ? { state: 'answered', values: a.value }
          : { state: 'answered', value: a.value };
      };
      // Each question's visibility is worked out once per render (chains of conditions that
      // ask other questions' visibility would otherwise be worked out again and again).
      const byId = new Map(q.sections.flatMap((s) => s.questions).map((o) => [o.id, o]));
      const known = new Map<string, boolean>();
      const visiting = new Set<string>();
      const ctx = {
        answer: view,
        isVisible: (id: string) => {
          const other = byId.get(id);
          return other ? visible(other) : false;
        },
        // RE2's linear-time engine, as in the app (never the browser's backtracking one): the
        // form only carries patterns when a condition matches one, and the engine with them.
        matches: (source: string, flags: string | undefined, text: string) => {
          const RE2 = (globalThis as unknown as { RE2JS: Re2 }).RE2JS.RE2JS;
          let f = 0;
          if (flags?.includes('i')) f |= RE2.CASE_INSENSITIVE;
          if (flags?.includes('m')) f |= RE2.MULTILINE;
          if (flags?.includes('s')) f |= RE2.DOTALL;
          try {
            return RE2.compile(source, f).matcher(text).find();
          } catch {
            return false;
          }
        },
      };
      const visible = (x: Q): boolean => {
        if (!x.showIf) return true;
        const cached = known.get(x.id);
        if (cached !== undefined) return cached;
        // A condition that asks its own visibility (through others) is not shown.
        if (visiting.has(x.id)) return false;
        visiting.add(x.id);
        const result = vrEvaluate(x.showIf, ctx);
        visiting.delete(x.id);
        known.set(x.id, result);
        return result;
      };
      const group = el('div', { class: 'vr-questionnaire' });
      group.append(el('h2', {}, q.title));
      const tocList = el('ol');
      if (data.questionnaires.length > 1) toc.append(el('h3', {}, q.title));
      for (const s of q.sections) {
        const questions = s.questions.filter((x) => x.type !== 'evidence' && visible(x));
        if (!questions.length) continue;
        const id = `vr-s-${++n}`;
        const section = el('section', { class: 'vr-section', id, 'aria-labelledby': `${id}-title` });
        const head = el('div', { class: 'vr-section-head' });
        const count = el('p', { class: 'vr-count' });
        head.append(el('h3', { id: `${id}-title` }, s.title), count);
        section.append(head);
        const item = el('li');
        const line = el('span');
        const tocCount = el('span', { class: 'vr-count' });
        line.append(el('a', { href: `#${id}` }, s.title), tocCount);
        item.append(line);
        tocList.append(item);
        shown.push({ id, keys: questions.map((x) => `${q.id}/${x.id}`), counts: [count, tocCount] });
        for (const x of questions) section.append(question(q.id, x));
        group.append(section);
      }
      if (tocList.childElementCount) toc.append(tocList);
      root.append(group);
    }
    if (data.sboms.length) root.append(sbomSection(n + 1));
    showProgress();
    if (focusKey)
      for (const c of root.querySelectorAll<HTMLElement>('[data-k]'))
        if (c.getAttribute('data-k') === focusKey) {
          c.focus({ preventScroll: true });
          break;
        }
  };

  // Drawn again after the event that changed an answer, once the browser has moved focus
  // (Tab out of a text field): the control focused then is focused again in the new drawing.
  // Never while a key or the mouse is held down: a checkbox is ticked when Space or the button
  // comes up, and a control drawn afresh in between would never be ticked.
  let pending: ReturnType<typeof setTimeout> | undefined;
  let held = false;
  let waiting = false; // a drawing put off until the key or button comes up
  const later = () => {
    // Said on the form while a drawing is put off, so that a script driving the page (the
    // tests) can wait for it before typing into a field the drawing would replace.
    root.setAttribute('data-drawing', '');
    if (pending === undefined)
      pending = setTimeout(() => {
        pending = undefined;
        if (held) waiting = true;
        else render();
      }, 0);
  };
  const press = () => {
    held = true;
  };
  const release = () => {
    held = false;
    if (waiting) {
      waiting = false;
      later(); // after the key's or button's own work (ticking the box) is done
    }
  };
  document.addEventListener('keydown', press, true);
  document.addEventListener('pointerdown', press, true);
  document.addEventListener('keyup', release, true);
  document.addEventListener('pointerup', release, true);
  document.addEventListener('pointercancel', release, true);
  window.addEventListener('blur', release);
  const now = () => {
    if (pending === undefined && !waiting) return;
    clearTimeout(pending);
    pending = undefined;
    waiting = false;
    render();
  };

  /** The SBOMs asked for: one section after the questions, listed among the sections. */
  const sbomSection = (number: number) => {
    const id = `vr-s-${number}`;
    const made = vrSbomSection(id, data.sboms, sbomState, {
      el,
      limits: data.limits,
      used: sbomBytes,
      changed: () => {
        showProgress();
        later();
      },
      typed: showProgress,
      request: vrSbom,
    });
    toc.append(made.toc);
    shown.push({ id, keys: data.sboms.map((_, i) => sbomKey(i)), counts: made.counts });
    return made.group;
  };

  const question = (qid: string, x: Q) => {
    const key = `${qid}/${x.id}`;
    onScreen.add(key);
    const cur = state[key]!;
    return vrQuestion(key, x, cur, {
      el,
      words: data.words,
      set: (answer) => {
        cur.answer = answer;
        showProgress();
        later();
      },
      typed: showProgress,
    });
  };

  render();
  document.getElementById('vr-save')!.addEventListener('click', () => {
    now(); // a change still to be drawn may hide a question: its answer is then not sent
    const answers = Object.entries(state)
      .filter(([key, v]) => onScreen.has(key) && (v.answer || v.note))
      .map(([key, v]) => {
        const [questionnaireId, questionId] = key.split('/');
        return { questionnaireId, questionId, answer: v.answer, note: v.note, evidence: v.evidence };
      });
    const sboms = vrSbomReplies(data.sboms, sbomState);
    const response = {
      format: 'vendor-risk-response/1',
      packageId: data.manifest.packageId,
      vendorId: data.manifest.vendorId,
      checksum: data.manifest.checksum,
      savedAt: new Date().toISOString(),
      answers,
      ...(sboms.length ? { sboms } : {}),
    };
    const blob = new Blob([JSON.stringify(response, null, 2)], { type: 'application/json' });
    if (blob.size > data.limits.response) {
      document.getElementById('vr-saved')!.textContent =
        `The response would be larger than ${Math.round(data.limits.response / 1048576)} MB: remove an SBOM file and send it separately.`;
      return;
    }
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `response-${data.manifest.packageId}.json`;
    document.body.append(a);
    a.click();
    a.remove();
    document.getElementById('vr-saved')!.textContent = `Saved ${a.download}. Send this file back.`;
  });
}

/** The script's text: re2js when a condition needs it, the app's evaluator and progress count, then main. */
export function formScript(patterns: boolean): string {
  return [
    patterns ? re2BrowserSource() : '',
    `const MAX_MATCHED_TEXT = ${MAX_MATCHED_TEXT};`,
    `const vrEvaluate = ${evaluateCondition.toString()};`,
    `const vrProgress = ${formProgress.toString()};`,
    `const vrProgressWords = ${progressWords.toString()};`,
    `const vrQuestion = ${formQuestion.toString()};`,
    `const vrSbom = ${formSbomRequest.toString()};`,
    `const vrSbomSection = ${formSbomSection.toString()};`,
    `const vrSbomReplies = ${formSbomReplies.toString()};`,
    `(${main.toString()})();`,
  ]
    .filter(Boolean)
    .join('\n');
}
