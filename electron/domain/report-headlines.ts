/**
 * The sentences at the top of the vendor and self-assessment reports, generated from
 * their figures, and the self-assessment's maturity against the previous one. Pure.
 */
import { DECISION_LABELS, type DecisionKind } from './decision';
import { TIER_LABELS, type Tier } from './risk';
import { maturityLevel } from './roadmap';

const round = (n: number) => Math.round(n);

/** The vendor report's headline: tier and score, the worst thing, the decision. */
export function vendorHeadline(o: {
  tier: Tier | null;
  score: number | null;
  provisional: boolean;
  residual: number;
  /** The worst flag first (knockouts, then severity), as the report lists them. */
  flags: readonly { message: string; knockout: boolean; severity: string }[];
  decision: {
    decision: DecisionKind;
    decidedAt: string;
    conditions: readonly { due: string }[];
  } | null;
  today: string;
}): string {
  const sentences: string[] = [];
  if (o.score === null && o.tier === null)
    sentences.push('Not assessed yet: there is no control score and no tier.');
  else {
    const tier = o.tier ? `${TIER_LABELS[o.tier]} risk tier` : 'No risk tier yet';
    const score =
      o.score === null
        ? 'no control score'
        : `control score ${round(o.score)} of 100${o.provisional ? ' (provisional)' : ''}`;
    sentences.push(`${tier}, ${score}, residual risk ${Math.round(o.residual * 10) / 10} of 100.`);
  }
  const knockouts = o.flags.filter((f) => f.knockout).length;
  const worst = o.flags[0];
  if (worst) {
    const what = worst.knockout ? 'knockout' : `${worst.severity} flag`;
    const more = o.flags.length - 1;
    sentences.push(
      `Worst: ${stripStop(worst.message)} (${what}${
        more
          ? `; ${more} more flag${more === 1 ? '' : 's'}${knockouts > 1 ? `, ${knockouts} knockouts in all` : ''}`
          : ''
      }).`,
    );
  } else if (o.score !== null) sentences.push('No red flag raised.');
  if (!o.decision) sentences.push('No decision recorded yet.');
  else {
    const d = o.decision;
    let text = `Decision: ${DECISION_LABELS[d.decision]} on ${d.decidedAt.slice(0, 10)}`;
    if (d.conditions.length) {
      const late = d.conditions.filter((c) => c.due < o.today).length;
      const next = [...d.conditions].map((c) => c.due).sort()[0]!;
      text += ` with ${d.conditions.length} condition${d.conditions.length === 1 ? '' : 's'}`;
      text += late ? `, ${late} past due` : `, the first due ${next}`;
    }
    sentences.push(`${text}.`);
  }
  return sentences.join(' ');
}

function stripStop(text: string): string {
  return text.trim().replace(/[.!]+$/, '');
}

/** One area of a self-assessment now and at the previous one. */
export interface MaturityChange {
  area: string;
  now: number | null;
  level: string;
  /** The previous self-assessment's score of the area; null when it had none (or there is none). */
  previous: number | null;
  /** now − previous, rounded; null when either is missing. */
  change: number | null;
}

/** Maturity by area against the previous self-assessment (matched by area id, else by title). */
export function maturityComparison(
  now: readonly { area: string; sectionId: string; score: number | null; level: string }[],
  previous: readonly { area: string; sectionId: string; score: number | null }[] | null,
): MaturityChange[] {
  return now.map((m) => {
    const before =
      previous?.find((p) => p.sectionId === m.sectionId) ?? previous?.find((p) => p.area === m.area);
    const prev = before?.score ?? null;
    return {
      area: m.area,
      now: m.score,
      level: m.level,
      previous: prev,
      change: m.score !== null && prev !== null ? round(m.score) - round(prev) : null,
    };
  });
}

/** A signed change in words: "+8", "−3", "±0". */
export function signed(n: number): string {
  return n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '±0';
}

/**
 * The self-assessment report's headline: the overall maturity (and its change since the
 * previous self-assessment), the strongest and weakest area, and the first quick wins.
 */
export function selfHeadline(o: {
  score: number | null;
  previous: { score: number | null; date: string } | null;
  areas: readonly MaturityChange[];
  quickWins: readonly string[];
  unanswered: number;
}): string {
  if (o.score === null)
    return 'Nothing answered yet: answer the self-assessment to see its maturity and roadmap.';
  const sentences: string[] = [];
  let overall = `Overall maturity: ${maturityLevel(o.score)}, score ${round(o.score)} of 100`;
  if (!o.previous) overall += ' (the first self-assessment)';
  else if (o.previous.score !== null)
    overall += ` (${signed(round(o.score) - round(o.previous.score))} since ${o.previous.date.slice(0, 10)}, when it was ${round(o.previous.score)})`;
  sentences.push(`${overall}.`);
  const scored = o.areas.filter((a) => a.now !== null);
  if (scored.length > 1) {
    const top = Math.max(...scored.map((a) => round(a.now!)));
    const bottom = Math.min(...scored.map((a) => round(a.now!)));
    if (top !== bottom)
      sentences.push(
        `${areaList(
          'Strongest',
          scored.filter((a) => round(a.now!) === top),
          top,
        )}; ` +
          `${areaList(
            'weakest',
            scored.filter((a) => round(a.now!) === bottom),
            bottom,
          )}.`,
      );
    else sentences.push(`Every area scores ${top}.`);
  }
  if (o.quickWins.length) {
    const first = o.quickWins.slice(0, 3).map((c) => `“${shorten(c.trim(), 80)}”`);
    sentences.push(`First quick wins (controls still missing): ${first.join(' ')}`);
  } else if (o.unanswered) sentences.push(`${o.unanswered} questions are still unanswered.`);
  return sentences.join(' ');
}

/** "Strongest area: A (80)", or when areas tie, "Strongest: 3 areas at 100, among them A". */
function areaList(word: string, areas: readonly MaturityChange[], score: number): string {
  if (areas.length === 1) return `${word} area: ${areas[0]!.area} (${score})`;
  return `${word}: ${areas.length} areas at ${score}, among them ${areas[0]!.area}`;
}

function shorten(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max
    ? text
    : `${chars
        .slice(0, max - 1)
        .join('')
        .trimEnd()}…`;
}
