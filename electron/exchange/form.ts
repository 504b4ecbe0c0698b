/**
 * The questionnaire as one self-contained .html file: no network (a CSP that allows
 * nothing but its own inline script, by hash, and inline style), works in any browser
 * offline, shows each question when its condition holds (the same evaluateCondition the
 * app uses, inlined), counts what is answered, and saves the answers as a response .json
 * file to send back. Names and texts from our data reach the page escaped (the header) or
 * as JSON the script reads and writes with textContent (the questions).
 */
import { createHash } from 'node:crypto';
import { NOT_APPLICABLE, REFUSED, type Manifest } from '../domain/exchange';
import type { AnswerValue } from '../domain/answer';
import type { Questionnaire } from '../domain/questionnaire';
import { escapeHtml as esc, formHeaderHtml } from './form-header';
import { formScript, usesPatterns } from './form-script';
import { FORM_STYLE } from './form-style';
import { MAX_RESPONSE_JSON_BYTES, MAX_SBOM_ATTACHMENT_BYTES, MAX_SBOM_FILES } from '../domain/exchange-sbom';

/** JSON safe inside a <script> element (no "</script>", no HTML comment openers). */
const scriptJson = (v: unknown) =>
  JSON.stringify(v)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028|\u2029/g, '');

/** The form's Content-Security-Policy: its one script (by hash) and inline style, nothing else. */
export function formPolicy(script: string): string {
  const hash = createHash('sha256').update(script).digest('base64');
  return `default-src 'none'; script-src 'sha256-${hash}'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; base-uri 'none'`;
}

/** What the header names beside the manifest: our company ('' when none is set). */
export interface FormParty {
  company: string;
}

/** The whole form as one HTML document. */
export function buildForm(
  manifest: Manifest,
  questionnaires: readonly Questionnaire[],
  current: ReadonlyMap<string, { answer: AnswerValue | null; note: string }>,
  party: FormParty = { company: '' },
): string {
  const script = formScript(usesPatterns(questionnaires));
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
          min: x.min,
          max: x.max,
          choices: x.choices?.map((c) => ({ id: c.id, label: c.label })),
          showIf: x.showIf,
        })),
      })),
    })),
    answers: Object.fromEntries(current),
    words: { na: NOT_APPLICABLE, refused: REFUSED },
    sboms: manifest.sboms ?? [],
    // The files' share of the response leaves a megabyte for the answers and notes.
    limits: {
      file: MAX_SBOM_ATTACHMENT_BYTES,
      files: MAX_SBOM_FILES,
      total: MAX_RESPONSE_JSON_BYTES - 1024 * 1024,
      response: MAX_RESPONSE_JSON_BYTES,
    },
  };
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${formPolicy(script)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Security questionnaire for ${esc(manifest.vendorName)}</title>
<style>${FORM_STYLE}</style>
</head>
<body>
<a class="vr-skip" href="#vr-form">Skip to the questions</a>
${formHeaderHtml(manifest, party.company)}
<main>
<p class="vr-intro">Answer what applies${manifest.sboms?.length ? ', attach the SBOMs asked for at the end' : ''}, add notes where useful, then press <strong>Save response</strong> and send the saved <code>.json</code> file back. Nothing is sent anywhere from this page.</p>
<nav class="vr-toc" aria-labelledby="vr-toc-title"><h2 id="vr-toc-title">Sections</h2><div id="vr-toc"></div></nav>
<div id="vr-form"></div>
</main>
<div class="bar">
<div class="vr-total"><div id="vr-total-text"></div><div id="vr-track" class="vr-track" role="progressbar" aria-label="Questions answered" aria-valuemin="0"><div id="vr-fill" class="vr-fill"></div></div></div>
<button id="vr-save" type="button">Save response</button><span id="vr-saved" role="status"></span>
</div>
<script type="application/json" id="vr-data">${scriptJson(data)}</script>
<script>${script}</script>
</body>
</html>
`;
}
