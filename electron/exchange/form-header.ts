/**
 * The top of the vendor's form: who asks (our company), who answers (the vendor), by when,
 * and what package it is. Written into the page as escaped HTML, never built by its script.
 */
import type { Manifest } from '../domain/exchange';

/** Text made safe for HTML content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "2027-01-15" (or an ISO time) as "15 January 2027": the same in every browser and locale. */
export function longDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  const month = m ? MONTHS[Number(m[2]) - 1] : undefined;
  return m && month ? `${Number(m[3])} ${month} ${m[1]}` : iso;
}

/** What the header says, as plain text (escaped only when written into the page). */
export function formHeaderFacts(manifest: Manifest, company: string) {
  return {
    title: `Security questionnaire for ${manifest.vendorName}`,
    /** Our company; empty when none is set (the line is then left out). */
    from: company.trim(),
    to: manifest.vendorName,
    due: manifest.dueDate ? longDate(manifest.dueDate) : 'No due date',
    sent: longDate(manifest.createdAt),
    package: [
      `Package ${manifest.packageId}`,
      ...manifest.questionnaires.map((q) => `${q.title} ${q.version}`),
    ].join(' · '),
  };
}

/** The header as HTML: the title, then From / For / Due / Sent, then the package line. */
export function formHeaderHtml(manifest: Manifest, company: string): string {
  const f = formHeaderFacts(manifest, company);
  const item = (term: string, value: string, cls = '') =>
    `<div${cls ? ` class="${cls}"` : ''}><dt>${term}</dt><dd>${escapeHtml(value)}</dd></div>`;
  return [
    '<header class="vr-head">',
    `<h1>${escapeHtml(f.title)}</h1>`,
    '<dl class="vr-meta">',
    f.from ? item('From', f.from) : '',
    item('For', f.to),
    item('Due', f.due, manifest.dueDate ? 'vr-due' : 'vr-due vr-none'),
    item('Sent', f.sent),
    '</dl>',
    `<p class="vr-package">${escapeHtml(f.package)}</p>`,
    '</header>',
  ].join('\n');
}
