import { flagsTable } from './assess-text';
import type { Vendor } from '../domain/vendor';
import type { ResponseOf } from '../ipc/contract';
import { formatFields, formatTable, printable, truncateToWidth } from './format';
import { done, failureFromError } from './outcome';
import { resolveVendor } from './resolve-vendor';
import { request } from './session';
import type { CommandSpec } from './spec';

type VendorScore = ResponseOf<'scores.vendor'>;

/** How many of the answers that cost the most points the text shows (--json has them all). */
export const EXPLANATION_ROWS = 10;

/** `score`: a vendor's score, tier, completeness, red flags and the explanation. */
export const score: CommandSpec = {
  words: ['score'],
  summary: 'Show a vendor’s score, risk tier, red flags and what moved the score',
  description:
    'Shows the control score (0–100) of the vendor’s latest submitted or closed assessment (else the ' +
    'one in progress), its completeness, the inherent and residual risk, the tier (raised by any ' +
    'knockout; none while the score is provisional — built on fewer answers than the risk setting ' +
    '"provisional below", 60 % by default — unless a knockout raised it), the next reassessment date, the red flags, the score per domain, and the answers that ' +
    `cost the most points (the top ${EXPLANATION_ROWS}; --json has every answer with its contribution). ` +
    'VENDOR is an id or the exact name (case is ignored). The model is in docs/scoring.md.',
  args: ['VENDOR'],
  options: {},
  examples: [
    'vendor-risk score "Lagerwerk Süd GmbH"',
    'vendor-risk score "Lagerwerk Süd GmbH" --json | jq \'.flags[] | select(.knockout)\'',
  ],
  async run({ dispatcher, args }) {
    const found = await resolveVendor(dispatcher, args[0] ?? '');
    if (!found.ok) return found;
    const result = await request(dispatcher, 'scores.vendor', { id: found.vendor.id });
    if (!result.ok) return failureFromError(result.error, (path) => (path === 'id' ? 'vendor' : path));
    return done(() => formatScore(found.vendor, result.value), result.value);
  },
};

const one = (n: number) => n.toFixed(1);

/** The tier line: none while the score is provisional, unless a knockout raised it. */
function tierText(s: VendorScore): string {
  if (s.tier === null)
    return s.provisional ? 'none yet (score provisional)' : 'none (not assessed; no scored answer yet)';
  if (s.cappedByKnockout)
    return `${s.tier} (${s.provisional ? 'knockout, score provisional' : 'raised by a knockout'})`;
  return s.score === null ? `${s.tier} (from the inherent risk alone)` : s.tier;
}

/** A vendor's score as text: the figures, red flags, domains, then the explanation. */
export function formatScore(vendor: Pick<Vendor, 'id' | 'name'>, s: VendorScore): string {
  const percent = Math.round(s.completeness * 100);
  const assessment = s.assessment
    ? `${s.assessment.title} (${s.assessment.status})`
    : 'none — start one with `vendor-risk assess start`';
  const scoreText =
    s.score !== null
      ? `${one(s.score)} / 100 (higher is better)` +
        (s.provisional
          ? ` — PROVISIONAL: ${percent}% answered, needs ${Math.round(s.provisionalBelow * 100)}%`
          : '')
      : s.assessment
        ? 'not assessed (no scored question answered yet)'
        : 'not assessed';
  const next = s.nextReassessment
    ? `${s.nextReassessment}${s.overdue ? ' (OVERDUE)' : ''}`
    : s.assessment
      ? '— (set when the assessment is submitted)'
      : '—';
  const head = formatFields([
    ['Vendor', `${vendor.name} (${vendor.id})`],
    ['Assessment', assessment],
    ['Score', scoreText],
    ['Tier', tierText(s)],
    ['Completeness', `${s.answered} of ${s.applicable} applicable questions answered (${percent}%)`],
    [
      'Inherent risk',
      `${one(s.inherent.value)} (data ${s.inherent.data}, criticality ${s.inherent.criticality}, access ${s.inherent.access})`,
    ],
    ['Residual risk', `${one(s.residual)} (higher is worse)${s.provisional ? ', provisional' : ''}`],
    ['Last assessed', s.lastAssessed ?? '—'],
    ['Next reassessment', next],
  ]);

  const flags = flagsTable(s.flags);

  const domains = s.domains.length
    ? formatTable(
        ['QUESTIONNAIRE', 'DOMAIN', 'SCORE', 'ANSWERED'],
        s.domains.map((d) => [
          d.questionnaireId,
          d.title,
          d.score === null ? '—' : one(d.score),
          `${d.answered}/${d.applicable}`,
        ]),
        80,
      )
    : 'None.';

  const costly = s.contributions.filter((c) => c.lost > 0);
  const shown = costly.slice(0, EXPLANATION_ROWS);
  const explanationHead =
    s.score === null
      ? 'Explanation: nothing scored yet.'
      : `Explanation: the contributions of ${s.contributions.length} scored answers add up to ${one(s.score)}. ` +
        (costly.length ? 'The answers that cost the most points:' : 'No answer cost points.');
  const explanation = shown.length
    ? formatTable(
        ['QUESTION', 'ANSWER', 'LOST', 'REASON'],
        shown.map((c) => [
          truncateToWidth(printable(`${c.questionId}: ${c.question}`), 60),
          truncateToWidth(printable(c.answer), 40),
          one(c.lost),
          c.reason ?? '',
        ]),
        200,
      )
    : '';
  const more =
    costly.length > shown.length
      ? `… and ${costly.length - shown.length} more that cost points (all are in --json)`
      : '';

  const knockouts = `Red flags: ${s.flags.length}, knockouts: ${s.knockouts}`;
  return [
    head,
    `${knockouts}\n${flags}`,
    `Domains:\n${domains}`,
    [explanationHead, explanation, more].filter(Boolean).join('\n'),
  ].join('\n\n');
}
