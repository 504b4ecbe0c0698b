/**
 * Which questionnaires the picker selects for a vendor (docs/renderer.md, "Choosing
 * questionnaires"): the quick triage first for a vendor never assessed or of low
 * criticality; otherwise at most a few of the detailed ones that fit, the most
 * specific to the vendor's category first. Pure.
 */
import type { Questionnaire } from './questionnaire';
import type { VendorSummary } from './vendor';

/** The id of the short first-pass questionnaire. */
export const TRIAGE_ID = 'quick-triage';

/** At most this many detailed questionnaires are selected at once. */
export const MAX_SUGGESTED = 3;

/** A questionnaire as the picker knows it. */
export interface SuggestionCandidate {
  id: string;
  audience: Questionnaire['audience'];
  categories: readonly string[];
  dataKinds: readonly string[];
}

/** The selection and the order to list the questionnaires in (suggested ones first). */
export interface Suggestion {
  /** Pre-selected ids. */
  chosen: string[];
  /** Every vendor questionnaire id, the suggested ones first (triage first of all when suggested). */
  order: string[];
  /** Why these: said under the dialog's title. */
  why: string;
}

/** How well a detailed questionnaire fits a vendor: 0 when it does not fit at all. */
function fit(vendor: Pick<VendorSummary, 'category' | 'dataTouched'>, q: SuggestionCandidate): number {
  const byCategory = q.categories.includes(vendor.category);
  const byData = q.dataKinds.filter((k) => (vendor.dataTouched as readonly string[]).includes(k)).length;
  if (!byCategory && byData === 0 && q.categories.length > 0) return 0;
  // A questionnaire written for fewer categories says more about this one: 1 category → 60, 6 → 10.
  const specific = byCategory ? 70 - 10 * Math.min(6, q.categories.length) : 0;
  return 1 + specific + Math.min(byData, 4);
}

/**
 * The questionnaires to select for a vendor. Never assessed, or of low criticality: the
 * quick triage alone (its flags say which detailed questionnaires to send next). Assessed
 * before: the detailed ones that fit its category or data, most specific first, at most
 * {@link MAX_SUGGESTED}.
 */
export function suggestQuestionnaires(
  vendor: Pick<VendorSummary, 'category' | 'dataTouched' | 'criticality'>,
  available: readonly SuggestionCandidate[],
  assessedBefore: boolean,
): Suggestion {
  const vendorOnes = available.filter((q) => q.audience === 'vendor');
  const triage = vendorOnes.find((q) => q.id === TRIAGE_ID);
  const ranked = vendorOnes
    .filter((q) => q.id !== TRIAGE_ID)
    .map((q, i) => ({ q, i, score: fit(vendor, q) }))
    .sort((a, b) => b.score - a.score || a.i - b.i);
  const fitting = ranked.filter((r) => r.score > 0).map((r) => r.q.id);
  const rest = ranked.filter((r) => r.score === 0).map((r) => r.q.id);
  if (triage && (!assessedBefore || vendor.criticality === 'low')) {
    return {
      chosen: [triage.id],
      order: [triage.id, ...fitting, ...rest],
      why: !assessedBefore
        ? 'Never assessed: start with the quick triage. Its flags tell you which detailed questionnaires to send next; those that fit the vendor are listed below it.'
        : 'Low criticality: the quick triage is enough unless it raises red flags.',
    };
  }
  const chosen = fitting.slice(0, MAX_SUGGESTED);
  return {
    chosen,
    order: [...chosen, ...(triage ? [triage.id] : []), ...fitting.slice(MAX_SUGGESTED), ...rest],
    why:
      chosen.length > 0
        ? `Assessed before: the ${chosen.length === 1 ? 'questionnaire' : `${chosen.length} questionnaires`} that fit the vendor’s category and data most closely ${chosen.length === 1 ? 'is' : 'are'} selected. Add more below.`
        : 'No questionnaire is written for this vendor’s category or data: choose below.',
  };
}
