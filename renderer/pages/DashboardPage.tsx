import { useEffect, useLayoutEffect, useState, type ReactNode } from 'react';
import { call } from '../api';
import type { ResponseOf } from '../../electron/ipc/contract';
import { TierChart } from '../components/TierChart';
import { EVIDENCE_KIND_LABELS } from '../../electron/domain/questionnaire';

type Summary = ResponseOf<'portfolio.summary'>;
const TIER_LABELS = { low: 'Low', medium: 'Medium', high: 'High', critical: 'Critical' } as const;

/** The portfolio at a glance: tiers, top risks, knockouts, reassessments and evidence due. */
export function DashboardPage({ onOpenVendor }: { onOpenVendor(id: string): void }) {
  const [summary, setSummary] = useState<Summary | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void call('portfolio.summary', {}).then((r) => {
      performance.mark('dashboard:data');
      if (r.ok) setSummary(r.value);
      else setError(r.error.message);
    });
  }, []);
  useLayoutEffect(() => {
    // Lets the benchmark measure from data arrival to the dashboard on screen.
    if (summary) performance.mark('dashboard:rendered');
  }, [summary]);

  if (error)
    return (
      <p className="form-error page-error" role="alert">
        {error}
      </p>
    );
  if (!summary) return <div className="dashboard" aria-busy="true" />;
  const { totals, tiers, evidence, reassessments } = summary;
  const expiringSoon = evidence.days0to30.length;
  const vendorLink = (id: string, name: string) => (
    <button type="button" className="link" onClick={() => onOpenVendor(id)}>
      {name}
    </button>
  );

  return (
    <div className="dashboard">
      <h1>Portfolio</h1>
      <div className="cards">
        <Card label="Vendors" value={totals.vendors} note={`${totals.offboarded} offboarded not counted`} />
        <Card label="Assessed" value={totals.assessed} note={`${totals.unassessed} not assessed`} />
        <Card
          label="Average score"
          value={totals.averageScore === null ? '—' : totals.averageScore.toFixed(1)}
        />
        <Card label="Open knockouts" value={summary.knockouts.length} alert={summary.knockouts.length > 0} />
        <Card
          label="Conditions past due"
          value={summary.conditionsPastDue.length}
          alert={summary.conditionsPastDue.length > 0}
        />
        <Card
          label="Overdue reassessments"
          value={reassessments.overdue.length}
          alert={reassessments.overdue.length > 0}
        />
        <Card
          label="Evidence expiring in 30 days"
          value={expiringSoon}
          note={`${evidence.expired.length} already expired`}
          alert={evidence.expired.length > 0}
        />
      </div>
      <div className="dashboard-grid">
        <Panel title="Vendors by tier">
          <TierChart counts={tiers} />
        </Panel>
        <Panel title="Highest residual risk">
          <Table
            head={['Vendor', 'Tier', 'Residual', 'Score']}
            rows={summary.topRisks.map((r) => [
              vendorLink(r.id, r.name),
              `${TIER_LABELS[r.tier]}${r.knockouts ? ' · knockout' : ''}`,
              r.residual.toFixed(1),
              r.score === null ? '—' : r.score.toFixed(1),
            ])}
            empty="No vendors yet."
          />
        </Panel>
        <Panel title="Open knockouts">
          <Table
            head={['Vendor', 'Red flag']}
            rows={summary.knockouts.map((k) => [
              vendorLink(k.vendorId, k.vendorName),
              `${k.message}${k.reason === 'refused' ? ' (refused to answer)' : ''}`,
            ])}
            empty="No knockout flags."
          />
        </Panel>
        <Panel title="Reassessments">
          <Table
            head={['Vendor', 'Due', '']}
            rows={[
              ...reassessments.overdue.map((r) => [
                vendorLink(r.vendorId, r.vendorName),
                r.due,
                <span className="overdue">{r.days} days overdue</span>,
              ]),
              ...reassessments.upcoming.map((r) => [
                vendorLink(r.vendorId, r.vendorName),
                r.due,
                `in ${r.days} days`,
              ]),
            ]}
            empty="Nothing due in the next 90 days."
          />
        </Panel>
        <Panel title="Conditions past due">
          <Table
            head={['Vendor', 'Condition', 'Owner', 'Due']}
            rows={summary.conditionsPastDue.map((c) => [
              vendorLink(c.vendorId, c.vendorName),
              c.text,
              c.owner,
              <span className="overdue">
                {c.due} ({c.days} days late)
              </span>,
            ])}
            empty="No approval conditions are past due."
          />
        </Panel>
        <Panel title="Evidence expiring">
          <Table
            head={['Vendor', 'Evidence', 'Until']}
            rows={[
              ...evidence.expired,
              ...evidence.days0to30,
              ...evidence.days31to60,
              ...evidence.days61to90,
            ].map((e) => [
              vendorLink(e.vendorId, e.vendorName),
              `${e.fileName} (${EVIDENCE_KIND_LABELS[e.kind]})`,
              e.days < 0 ? <span className="overdue">expired {e.expiresAt}</span> : e.expiresAt,
            ])}
            empty="No evidence expires in the next 90 days."
          />
        </Panel>
      </div>
    </div>
  );
}

function Card({
  label,
  value,
  note,
  alert,
}: {
  label: string;
  value: ReactNode;
  note?: string;
  alert?: boolean;
}) {
  return (
    <div className={alert ? 'card card-alert' : 'card'}>
      <span className="card-value">{value}</span>
      <span className="card-label">{label}</span>
      {note && <span className="cell-muted card-note">{note}</span>}
    </div>
  );
}

function Panel({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="panel" aria-label={title}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}

function Table({ head, rows, empty }: { head: string[]; rows: ReactNode[][]; empty: string }) {
  if (rows.length === 0) return <p className="cell-muted">{empty}</p>;
  return (
    <table className="explanation-table">
      <thead>
        <tr>
          {head.map((h, i) => (
            <th key={i} scope="col">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={i}>
            {r.map((c, j) => (
              <td key={j}>{c}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
