/**
 * The questionnaire as one self-contained .html file: no network (a CSP that allows
 * nothing but its own inline script, by hash, and inline style), works in any browser
 * offline, shows each question when its condition holds (the same evaluateCondition the
 * app uses, inlined), and saves the answers as a response .json file to send back.
 */
import { createHash } from 'node:crypto';
import { evaluateCondition, MAX_MATCHED_TEXT } from '../domain/condition';
import { re2BrowserSource } from './re2-browser';
import { NOT_APPLICABLE, REFUSED, type Manifest } from '../domain/exchange';
import type { AnswerValue } from '../domain/answer';
import type { Questionnaire } from '../domain/questionnaire';

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** JSON safe inside a <script> element (no "</script>", no HTML comment openers). */
const scriptJson = (v: unknown) =>
  JSON.stringify(v)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028|\u2029/g, '');

/** The form's own script: renders the questions, applies conditions, saves the response. */
/** The app's condition evaluator as the form's script defines it (see formScript). */
declare const vrEvaluate: (condition: unknown, ctx: unknown) => boolean;

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
function usesPatterns(questionnaires: readonly Questionnaire[]): boolean {
  return questionnaires.some((q) =>
    q.sections.some((s) =>
      s.questions.some((x) => x.showIf && JSON.stringify(x.showIf).includes('"matches"')),
    ),
  );
}

function formScript(patterns: boolean): string {
  // Runs in the vendor's browser; `vrEvaluate` is the app's own evaluateCondition, inlined below.
  function main(): void {
    type Q = {
      id: string;
      text: string;
      guidance: string;
      type: string;
      allowPartial: boolean;
      unit?: string;
      choices?: { id: string; label: string }[];
      showIf?: unknown;
    };
    const data = JSON.parse(document.getElementById('vr-data')!.textContent!) as {
      manifest: { packageId: string; vendorId: string; checksum: string };
      questionnaires: {
        id: string;
        title: string;
        sections: { id: string; title: string; questions: Q[] }[];
      }[];
      answers: Record<string, { answer: { status: string; value?: unknown } | null; note: string }>;
      words: { na: string; refused: string };
    };
    const state: Record<
      string,
      { answer: { status: string; value?: unknown } | null; note: string; evidence: string }
    > = {};
    for (const q of data.questionnaires)
      for (const s of q.sections)
        for (const x of s.questions) {
          const prev = data.answers[`${q.id}/${x.id}`];
          state[`${q.id}/${x.id}`] = { answer: prev?.answer ?? null, note: prev?.note ?? '', evidence: '' };
        }
    const root = document.getElementById('vr-form')!;
    const el = (tag: string, attrs: Record<string, string> = {}, text?: string) => {
      const e = document.createElement(tag);
      for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
      if (text !== undefined) e.textContent = text;
      return e;
    };
    /** The questions on screen after the last render (answers to the others are not sent). */
    let onScreen = new Set<string>();
    const render = () => {
      root.textContent = '';
      onScreen = new Set<string>();
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
          const shown = vrEvaluate(x.showIf, ctx);
          visiting.delete(x.id);
          known.set(x.id, shown);
          return shown;
        };
        root.append(el('h2', {}, q.title));
        for (const s of q.sections) {
          const shown = s.questions.filter((x) => x.type !== 'evidence' && visible(x));
          if (!shown.length) continue;
          const section = el('section', { 'aria-label': s.title });
          section.append(el('h3', {}, s.title));
          for (const x of shown) {
            const key = `${q.id}/${x.id}`;
            onScreen.add(key);
            const field = el('fieldset', { 'data-question': key });
            field.append(el('legend', {}, x.text));
            if (x.guidance) field.append(el('p', { class: 'guidance' }, x.guidance));
            const cur = state[key]!;
            const set = (answer: { status: string; value?: unknown } | null) => {
              cur.answer = answer;
              render();
            };
            const options: [string, string][] =
              x.type === 'yes-no'
                ? [
                    ['yes', 'Yes'],
                    ...(x.allowPartial ? ([['partial', 'Partly']] as [string, string][]) : []),
                    ['no', 'No'],
                  ]
                : x.type === 'single-choice'
                  ? x.choices!.map((c) => [c.id, c.label] as [string, string])
                  : [];
            if (options.length || x.type === 'multiple-choice') {
              const multi = x.type === 'multiple-choice';
              for (const [id, label] of multi
                ? x.choices!.map((c) => [c.id, c.label] as [string, string])
                : options) {
                const input = el('input', {
                  type: multi ? 'checkbox' : 'radio',
                  name: key,
                  value: id,
                }) as HTMLInputElement;
                const chosen = cur.answer?.status === 'answered' ? cur.answer.value : undefined;
                input.checked = multi ? Array.isArray(chosen) && chosen.includes(id) : chosen === id;
                input.addEventListener('change', () => {
                  if (!multi) return set({ status: 'answered', value: id });
                  const now = new Set(Array.isArray(chosen) ? (chosen as string[]) : []);
                  if (input.checked) now.add(id);
                  else now.delete(id);
                  set(now.size ? { status: 'answered', value: [...now] } : null);
                });
                const l = el('label');
                l.append(input, document.createTextNode(` ${label}`));
                field.append(l);
              }
            } else {
              const input = el(x.type === 'long-text' ? 'textarea' : 'input', {
                'aria-label': x.text,
                ...(x.type === 'number'
                  ? { type: 'number', step: 'any' }
                  : x.type === 'date'
                    ? { type: 'date' }
                    : {}),
              }) as HTMLInputElement;
              input.value = cur.answer?.status === 'answered' ? String(cur.answer.value ?? '') : '';
              input.addEventListener('change', () => {
                const v = input.value.trim();
                cur.answer =
                  v === '' ? null : { status: 'answered', value: x.type === 'number' ? Number(v) : v };
                render();
              });
              field.append(input);
              if (x.unit) field.append(el('span', { class: 'unit' }, ` ${x.unit}`));
            }
            for (const [status, label] of [
              ['not-applicable', data.words.na],
              ['refused', data.words.refused],
            ] as [string, string][]) {
              const input = el('input', {
                type: 'radio',
                name: `${key}#status`,
                value: status,
              }) as HTMLInputElement;
              input.checked = cur.answer?.status === status;
              input.addEventListener('change', () => set({ status }));
              const l = el('label', { class: 'status' });
              l.append(input, document.createTextNode(` ${label}`));
              field.append(l);
            }
            const note = el('textarea', {
              'aria-label': `Notes: ${x.text}`,
              placeholder: 'Notes',
              class: 'note',
            }) as HTMLTextAreaElement;
            note.value = cur.note;
            note.addEventListener('input', () => (cur.note = note.value));
            field.append(note);
            section.append(field);
          }
          root.append(section);
        }
      }
    };
    render();
    document.getElementById('vr-save')!.addEventListener('click', () => {
      const answers = Object.entries(state)
        .filter(([key, v]) => onScreen.has(key) && (v.answer || v.note))
        .map(([key, v]) => {
          const [questionnaireId, questionId] = key.split('/');
          return { questionnaireId, questionId, answer: v.answer, note: v.note, evidence: v.evidence };
        });
      const response = {
        format: 'vendor-risk-response/1',
        packageId: data.manifest.packageId,
        vendorId: data.manifest.vendorId,
        checksum: data.manifest.checksum,
        savedAt: new Date().toISOString(),
        answers,
      };
      const a = document.createElement('a');
      a.href = URL.createObjectURL(
        new Blob([JSON.stringify(response, null, 2)], { type: 'application/json' }),
      );
      a.download = `response-${data.manifest.packageId}.json`;
      document.body.append(a);
      a.click();
      a.remove();
      document.getElementById('vr-saved')!.textContent = `Saved ${a.download}. Send this file back.`;
    });
  }
  // The app's own condition evaluator, as source (it is self-contained but for this constant).
  return `${patterns ? `${re2BrowserSource()}\n` : ''}const MAX_MATCHED_TEXT = ${MAX_MATCHED_TEXT};\nconst vrEvaluate = ${evaluateCondition.toString()};\n(${main.toString()})();`;
}

/** The whole form as one HTML document. */
export function buildForm(
  manifest: Manifest,
  questionnaires: readonly Questionnaire[],
  current: ReadonlyMap<string, { answer: AnswerValue | null; note: string }>,
): string {
  const script = formScript(usesPatterns(questionnaires));
  const hash = createHash('sha256').update(script).digest('base64');
  const data = {
    manifest,
    questionnaires: questionnaires.map((q) => ({
      id: q.id,
      title: q.title,
      sections: q.sections.map((s) => ({
        id: s.id,
        title: s.title,
        questions: s.questions.map((x) => ({
          id: x.id,
          text: x.text,
          guidance: x.guidance,
          type: x.type,
          allowPartial: x.allowPartial,
          unit: x.unit,
          choices: x.choices?.map((c) => ({ id: c.id, label: c.label })),
          showIf: x.showIf,
        })),
      })),
    })),
    answers: Object.fromEntries(current),
    words: { na: NOT_APPLICABLE, refused: REFUSED },
  };
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'sha256-${hash}'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; base-uri 'none'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Security questionnaire for ${esc(manifest.vendorName)}</title>
<style>
body{font-family:system-ui,sans-serif;max-width:860px;margin:24px auto;padding:0 16px;color:#1f2933;line-height:1.45}
fieldset{border:1px solid #d9dee5;border-radius:8px;margin:12px 0;padding:12px}
legend{font-weight:600;padding:0 4px}
label{display:inline-block;margin:4px 12px 4px 0}
.status{color:#52606d}
.guidance{color:#52606d;font-size:.92em;margin:4px 0}
textarea,input[type=number],input[type=date],input:not([type]){width:100%;box-sizing:border-box;margin-top:6px;padding:6px;font:inherit}
.note{min-height:3em}
.bar{position:sticky;bottom:0;background:#fff;border-top:1px solid #d9dee5;padding:12px 0;display:flex;gap:12px;align-items:center}
button{font:inherit;padding:8px 16px;border-radius:6px;border:1px solid #2458a6;background:#2458a6;color:#fff;cursor:pointer}
</style>
</head>
<body>
<h1>Security questionnaire for ${esc(manifest.vendorName)}</h1>
<p>Answer what applies, add notes where useful, then press <strong>Save response</strong> and send the saved <code>.json</code> file back. Nothing is sent anywhere from this page.</p>
<p><small>Package ${esc(manifest.packageId)} · ${manifest.questionnaires.map((q) => `${esc(q.title)} ${esc(q.version)}`).join(' · ')}</small></p>
<div id="vr-form"></div>
<div class="bar"><button id="vr-save" type="button">Save response</button><span id="vr-saved" role="status"></span></div>
<script type="application/json" id="vr-data">${scriptJson(data)}</script>
<script>${script}</script>
</body>
</html>
`;
}
