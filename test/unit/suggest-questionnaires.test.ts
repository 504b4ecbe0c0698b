import { describe, it, expect } from 'vitest';
import {
  MAX_SUGGESTED,
  TRIAGE_ID,
  suggestQuestionnaires,
  type SuggestionCandidate,
} from '../../electron/domain/suggest-questionnaires';

const q = (id: string, categories: string[], dataKinds: string[] = []): SuggestionCandidate => ({
  id,
  audience: 'vendor',
  categories,
  dataKinds,
});
const ALL = ['wms-saas', '3pl', 'robotics-iot', 'cloud-ml', 'payments', 'other'];
const library: SuggestionCandidate[] = [
  q('incident-response', ALL, ['pii']),
  q('identity-access', ALL.slice(0, 5), ['pii']),
  q('firmware-ota', ['robotics-iot'], ['operational-telemetry']),
  q('edge-iot', ['robotics-iot']),
  q('secure-sdlc', ['wms-saas', 'robotics-iot', 'cloud-ml', 'payments']),
  q(TRIAGE_ID, ALL, ['pii']),
  q('payments-only', ['payments']),
  { ...q('self', []), audience: 'self' },
];
const wms = { category: 'wms-saas' as const, dataTouched: ['pii' as const], criticality: 'high' as const };
const robot = { category: 'robotics-iot' as const, dataTouched: [], criticality: 'critical' as const };

describe('suggesting questionnaires', () => {
  it('selects the quick triage alone, listed first, for a vendor never assessed', () => {
    const s = suggestQuestionnaires(wms, library, false);
    expect(s.chosen).toEqual([TRIAGE_ID]);
    expect(s.order[0]).toBe(TRIAGE_ID);
    expect(s.why).toMatch(/Never assessed/);
    // The ones that fit come next; a self-assessment is never offered to a vendor.
    expect(s.order).not.toContain('self');
    expect(s.order.slice(1, 4)).toEqual(['secure-sdlc', 'identity-access', 'incident-response']);
  });

  it('keeps a low-criticality vendor on the quick triage', () => {
    expect(suggestQuestionnaires({ ...wms, criticality: 'low' }, library, true).chosen).toEqual([TRIAGE_ID]);
  });

  it('selects at most a few detailed questionnaires that fit, the most specific first, once assessed', () => {
    const s = suggestQuestionnaires(robot, library, true);
    expect(s.chosen).toHaveLength(MAX_SUGGESTED);
    expect(s.chosen).toEqual(['firmware-ota', 'edge-iot', 'secure-sdlc']);
    expect(s.order.slice(0, 4)).toEqual([...s.chosen, TRIAGE_ID]);
    // What does not fit comes last and is not selected.
    expect(s.order.at(-1)).toBe('payments-only');
    expect(new Set(s.order).size).toBe(s.order.length);
  });

  it('falls back to the category rule when there is no triage questionnaire', () => {
    const s = suggestQuestionnaires(
      wms,
      library.filter((x) => x.id !== TRIAGE_ID),
      false,
    );
    expect(s.chosen).toEqual(['secure-sdlc', 'identity-access', 'incident-response']);
  });
});
