/**
 * One requested SBOM in the vendor's form: the model and firmware, a file picker whose files
 * are read in the browser as text (CycloneDX or SPDX JSON, or a VEX file; nothing leaves the
 * page until the vendor saves the response), the files attached with a way to remove each,
 * and "Not available" with a reason. Runs in the vendor's browser as text
 * (exchange/form-script.ts inlines it): self-contained, no imports, no module constants.
 * Every text goes in with textContent or setAttribute (through env.el).
 */

/** A requested model + firmware as the form's data block carries it. */
export type FormSbomRequest = { model: string; firmware: string | null };

/** What the vendor has given for one request so far. */
export type FormSbomState = {
  files: { name: string; content: string; kind: string; size: number }[];
  notAvailable: boolean;
  reason: string;
  /** Why the last file picked was not taken ('' when it was). */
  error: string;
};

/** What a request needs from the form around it. */
export interface FormSbomEnv {
  el(tag: string, attrs?: Record<string, string>, text?: string): HTMLElement;
  /** The largest file, the most files per request, and the most bytes all files may take together. */
  limits: { file: number; files: number; total: number };
  /** The bytes the files of every request take in the response now. */
  used(): number;
  /** Files or the choice changed: the form counts and draws again. */
  changed(): void;
  /** The reason was typed: nothing to draw. */
  typed(): void;
}

/**
 * The request's fieldset. Controls carry `data-k` ("#sbom/INDEX|file", …) so the form can
 * focus the same control again after drawing afresh.
 */
export function formSbomRequest(
  index: number,
  request: FormSbomRequest,
  cur: FormSbomState,
  env: FormSbomEnv,
): HTMLElement {
  const { el } = env;
  const key = `#sbom/${index}`;
  const what = request.firmware
    ? `${request.model}, firmware ${request.firmware}`
    : `${request.model}, any firmware`;
  const field = el('fieldset', { 'data-sbom': String(index), class: 'vr-sbom-request' });
  if (cur.files.length || cur.notAvailable) field.setAttribute('data-answered', '');
  field.append(el('legend', {}, what));
  const size = (n: number) =>
    n >= 1048576 ? `${(n / 1048576).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`;
  /** What kind of file the text is, by its content; null when it is none of those asked for. */
  const kindOf = (text: string): string | null => {
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch {
      return null;
    }
    if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return null;
    const d = doc as Record<string, unknown>;
    if (d.bomFormat === 'CycloneDX')
      return Array.isArray(d.components) || !Array.isArray(d.vulnerabilities)
        ? 'CycloneDX SBOM'
        : 'CycloneDX VEX';
    if (typeof d.spdxVersion === 'string') return 'SPDX SBOM';
    if (String(d['@context'] ?? '').includes('openvex')) return 'OpenVEX';
    const csaf = d.document as Record<string, unknown> | undefined;
    if (csaf && typeof csaf === 'object' && 'csaf_version' in csaf) return 'CSAF VEX';
    return null;
  };

  if (!cur.notAvailable) {
    const pick = el('label', { class: 'vr-sbom-pick' });
    const input = el('input', {
      type: 'file',
      accept: '.json,application/json',
      multiple: '',
      'data-k': `${key}|file`,
    }) as HTMLInputElement;
    pick.append(el('span', {}, `Attach the SBOM or VEX file (.json) for ${what}`), input);
    input.addEventListener('change', () => {
      const picked = [...(input.files ?? [])];
      input.value = '';
      void (async () => {
        cur.error = '';
        for (const f of picked) {
          const name = f.name.slice(0, 200);
          if (cur.files.length >= env.limits.files) {
            cur.error = `At most ${env.limits.files} files for one firmware; ${name} was not added.`;
            break;
          }
          if (f.size > env.limits.file) {
            cur.error = `${name} is larger than ${size(env.limits.file)}: send it separately.`;
            continue;
          }
          const content = await f.text();
          const kind = kindOf(content);
          if (!kind) {
            cur.error = `${name} is not a CycloneDX or SPDX JSON file, nor a VEX file (CycloneDX VEX, OpenVEX, CSAF).`;
            continue;
          }
          const bytes = new Blob([JSON.stringify(content)]).size;
          if (env.used() + bytes > env.limits.total) {
            cur.error = `${name} would make the response larger than ${size(env.limits.total)}: send it separately.`;
            continue;
          }
          cur.files.push({ name, content, kind, size: f.size });
        }
        env.changed();
      })();
    });
    field.append(pick);
  }
  if (cur.files.length) {
    const list = el('ul', { class: 'vr-files', 'aria-label': `Files for ${what}` });
    cur.files.forEach((f, i) => {
      const item = el('li');
      const remove = el(
        'button',
        {
          type: 'button',
          class: 'vr-remove',
          'aria-label': `Remove ${f.name}`,
          'data-k': `${key}|remove|${i}`,
        },
        'Remove',
      );
      remove.addEventListener('click', () => {
        cur.files.splice(i, 1);
        cur.error = '';
        env.changed();
      });
      const text = el('span', { class: 'vr-file' });
      text.append(
        el('span', { class: 'vr-file-name' }, f.name),
        el('span', { class: 'vr-file-kind' }, `${f.kind} · ${size(f.size)}`),
      );
      item.append(text, remove);
      list.append(item);
    });
    field.append(list);
  }
  if (cur.error) field.append(el('p', { class: 'vr-file-error', role: 'alert' }, cur.error));
  if (!cur.files.length) {
    const row = el('div', { class: 'vr-options vr-status' });
    const label = el('label');
    const box = el('input', { type: 'checkbox', 'data-k': `${key}|na` }) as HTMLInputElement;
    box.checked = cur.notAvailable;
    box.addEventListener('change', () => {
      cur.notAvailable = box.checked;
      cur.error = '';
      env.changed();
    });
    label.append(box, el('span', {}, 'Not available'));
    row.append(label);
    field.append(row);
  }
  if (cur.notAvailable) {
    const reason = el('textarea', {
      class: 'note',
      maxlength: '2000',
      'aria-label': `Why is the SBOM for ${what} not available?`,
      placeholder: 'Why not? (not produced for this firmware, available on request under NDA, …)',
      'data-k': `${key}|reason`,
    }) as HTMLTextAreaElement;
    reason.value = cur.reason;
    reason.addEventListener('input', () => {
      cur.reason = reason.value;
      env.typed();
    });
    field.append(reason);
  }
  return field;
}

/**
 * The section the requests are in, after the questions: its heading, the words for the
 * vendor, a box per request, and its entry for the list of sections; `counts` are where its
 * progress is written.
 */
export function formSbomSection(
  id: string,
  requests: readonly FormSbomRequest[],
  states: readonly FormSbomState[],
  env: FormSbomEnv & { request: typeof formSbomRequest },
): { group: HTMLElement; toc: HTMLElement; counts: HTMLElement[] } {
  const { el } = env;
  const title = 'Software bill of materials';
  const group = el('div', { class: 'vr-questionnaire vr-sbom' });
  group.append(el('h2', {}, title));
  const section = el('section', { class: 'vr-section', id, 'aria-labelledby': `${id}-title` });
  const head = el('div', { class: 'vr-section-head' });
  const count = el('p', { class: 'vr-count' });
  head.append(el('h3', { id: `${id}-title` }, 'The firmware we ask an SBOM for'), count);
  section.append(
    head,
    el(
      'p',
      { class: 'guidance' },
      'For each firmware below, attach its SBOM (CycloneDX 1.4–1.6 or SPDX 2.3, as JSON) and any VEX file ' +
        '(CycloneDX VEX, OpenVEX, CSAF VEX), or say it is not available and why. The files are read here ' +
        'and saved inside the response file; nothing is sent from this page.',
    ),
  );
  requests.forEach((r, i) => section.append(env.request(i, r, states[i]!, env)));
  group.append(section);
  const line = el('span');
  const tocCount = el('span', { class: 'vr-count' });
  line.append(el('a', { href: `#${id}` }, title), tocCount);
  const item = el('li');
  item.append(line);
  const toc = el('ol');
  toc.append(item);
  return { group, toc, counts: [count, tocCount] };
}

/** What the response says about each request: the files given, or "not available" and why; nothing for one left open. */
export function formSbomReplies(requests: readonly FormSbomRequest[], states: readonly FormSbomState[]) {
  return requests.flatMap((r, i) => {
    const s = states[i]!;
    if (s.files.length)
      return [
        {
          model: r.model,
          firmware: r.firmware,
          status: 'provided',
          reason: '',
          files: s.files.map((f) => ({ name: f.name, content: f.content })),
        },
      ];
    return s.notAvailable
      ? [
          {
            model: r.model,
            firmware: r.firmware,
            status: 'not-available',
            reason: s.reason.trim(),
            files: [],
          },
        ]
      : [];
  });
}
