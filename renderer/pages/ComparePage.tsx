import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { isAssessed } from '../../electron/domain/portfolio';
import { TierBadge, categoryLabel } from '../components/Badge';
import { ScoreValue } from '../components/ScoreValue';
import { call } from '../api';
import type { ResponseOf } from '../../electron/ipc/contract';
import { DEFAULT_VENDOR_QUERY, type VendorListItem } from '../../electron/domain/vendor-list';
import { PageHeader } from '../components/PageHeader';
import './ComparePage.css';

type VendorScore = ResponseOf<'scores.vendor'>;
const SLOTS = 4;

/** Two to four vendors side by side: score and risk, domain by domain, flag by flag. */
export function ComparePage() {
  const [vendors, setVendors] = useState<VendorListItem[]>([]);
  const [chosen, setChosen] = useState<string[]>(Array(SLOTS).fill(''));
  const [scores, setScores] = useState<Record<string, VendorScore>>({});

  useEffect(() => {
    void call('vendors.list', DEFAULT_VENDOR_QUERY).then((r) => r.ok && setVendors(r.value.items));
  }, []);
  useEffect(() => {
    for (const id of chosen) {
      if (!id || scores[id]) continue;
      void call('scores.vendor', { id }).then((r) => r.ok && setScores((s) => ({ ...s, [id]: r.value })));
    }
  }, [chosen, scores]);

  const picked = chosen
    .filter((id) => id && scores[id])
    .map((id) => ({ id, name: vendors.find((v) => v.id === id)?.name ?? id, score: scores[id]! }));
  const domainKeys = [
    ...new Map(
      picked.flatMap((p) =>
        p.score.domains
          .filter((d) => d.score !== null)
          .map((d) => [`${d.questionnaireId}/${d.sectionId}`, d.title] as const),
      ),
    ),
  ];
  const flagKeys = [
    ...new Map(
      picked.flatMap((p) => p.score.flags.map((f) => [`${f.questionnaireId}/${f.ruleId}`, f] as const)),
    ),
  ];

  return (
    <div className="compare">
      <PageHeader
        title="Compare vendors"
        count={`${picked.length} of ${SLOTS} chosen`}
        description="Two to four vendors side by side: score and risk, domain by domain, flag by flag."
      />
      <div className="compare-pickers">
        {chosen.map((id, i) => (
          <select
            key={i}
            aria-label={`Vendor ${i + 1}`}
            value={id}
            onChange={(e) => setChosen((c) => c.map((x, j) => (j === i ? e.target.value : x)))}
          >
            <option value="">{i < 2 ? 'Choose a vendor…' : 'Add a vendor (optional)…'}</option>
            {vendors.map((v) => (
              <option key={v.id} value={v.id} disabled={chosen.includes(v.id) && v.id !== id}>
                {v.name}
              </option>
            ))}
          </select>
        ))}
      </div>
      {picked.length < 2 ? (
        <CompareSuggestions vendors={vendors} onChoose={(ids) => setChosen(fill(ids))} />
      ) : (
        <table className="compare-table" aria-label="Comparison">
          <thead>
            <tr>
              <th scope="col" />
              {picked.map((p) => (
                <th key={p.id} scope="col">
                  {p.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <Row
              label="Control score · higher is better"
              cells={picked.map((p) =>
                p.score.score === null ? (
                  'Not assessed'
                ) : (
                  <ScoreValue
                    kind="control"
                    value={p.score.score}
                    provisional={p.score.provisional}
                    compact
                  />
                ),
              )}
            />
            <Row
              label="Tier"
              cells={picked.map((p) => (
                <TierBadge
                  value={isAssessed(p.score) ? p.score.tier : null}
                  provisional={p.score.provisional}
                />
              ))}
            />
            <Row
              label="Complete"
              cells={picked.map((p) =>
                p.score.provisional
                  ? `${Math.floor(p.score.completeness * 100)}% · provisional, needs ${Math.round(p.score.provisionalBelow * 100)}%`
                  : `${Math.floor(p.score.completeness * 100)}%`,
              )}
            />
            <Row
              label="Residual risk · higher is worse"
              cells={picked.map((p) =>
                isAssessed(p.score) || p.score.provisional ? (
                  <ScoreValue
                    kind="residual"
                    value={p.score.residual}
                    provisional={p.score.provisional || !isAssessed(p.score)}
                    compact
                  />
                ) : (
                  '—'
                ),
              )}
            />
            <Row label="Inherent risk" cells={picked.map((p) => String(p.score.inherent.value))} />
            <Row label="Next reassessment" cells={picked.map((p) => p.score.nextReassessment ?? '—')} />
            {domainKeys.length > 0 && <SectionRow label="Domains" span={picked.length} />}
            {domainKeys.map(([key, title]) => (
              <Row
                key={key}
                label={title}
                cells={picked.map((p) => {
                  const d = p.score.domains.find((x) => `${x.questionnaireId}/${x.sectionId}` === key);
                  return d?.score == null ? '—' : d.score.toFixed(0);
                })}
              />
            ))}
            {flagKeys.length > 0 && <SectionRow label="Red flags" span={picked.length} />}
            {flagKeys.map(([key, f]) => (
              <Row
                key={key}
                label={`${f.knockout ? 'Knockout: ' : ''}${f.message}`}
                cells={picked.map((p) =>
                  p.score.flags.some((x) => `${x.questionnaireId}/${x.ruleId}` === key)
                    ? `⚑ ${f.severity}`
                    : '—',
                )}
              />
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function Row({ label, cells }: { label: string; cells: ReactNode[] }) {
  return (
    <tr>
      <th scope="row">{label}</th>
      {cells.map((c, i) => (
        <td key={i}>{c}</td>
      ))}
    </tr>
  );
}

function SectionRow({ label, span }: { label: string; span: number }) {
  return (
    <tr className="compare-section">
      <th scope="rowgroup" colSpan={span + 1}>
        {label}
      </th>
    </tr>
  );
}

/** The chosen ids in the pickers' slots, the rest empty. */
function fill(ids: readonly string[]): string[] {
  return Array.from({ length: SLOTS }, (_, i) => ids[i] ?? '');
}

/**
 * The empty state says the next step: choose two vendors, or compare in one click the scored
 * vendors of a category that has several (the most at risk first).
 */
function CompareSuggestions({
  vendors,
  onChoose,
}: {
  vendors: readonly VendorListItem[];
  onChoose(ids: string[]): void;
}) {
  const byCategory = new Map<string, VendorListItem[]>();
  for (const v of vendors) {
    if (v.status === 'offboarded' || v.standing?.score == null) continue;
    const list = byCategory.get(v.category) ?? [];
    list.push(v);
    byCategory.set(v.category, list);
  }
  const groups = [...byCategory.entries()]
    .filter(([, list]) => list.length >= 2)
    .map(([category, list]) => ({
      category,
      ids: [...list]
        .sort((a, b) => (b.standing?.residual ?? 0) - (a.standing?.residual ?? 0))
        .slice(0, SLOTS)
        .map((v) => v.id),
      count: list.length,
    }));
  return (
    <div className="compare-empty">
      <p className="cell-muted">Choose at least two vendors above.</p>
      {groups.length > 0 && (
        <div className="compare-suggestions" role="group" aria-label="Compare a category">
          {groups.map((g) => (
            <button key={g.category} type="button" className="button" onClick={() => onChoose(g.ids)}>
              Compare {categoryLabel(g.category as VendorListItem['category'])} vendors
              {g.count > SLOTS ? ` (the ${SLOTS} most at risk of ${g.count})` : ` (${g.count})`}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
