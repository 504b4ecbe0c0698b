import { useEffect, useLayoutEffect, useState, type ReactNode } from 'react';
import { ExportReportButton } from '../components/ReportExport';
import { TIER_LABELS } from '../../electron/domain/risk';
import { call } from '../api';
import type { ResponseOf } from '../../electron/ipc/contract';
import { TierChart } from '../components/TierChart';
import { Card, FigureCard } from '../components/Card';
import { EVIDENCE_KIND_LABELS } from '../../electron/domain/questionnaire';
import type { DashboardFigure } from '../../electron/domain/vendor-list';
import { DEVICE_CHECKS, DEVICE_CHECK_INFO } from '../../electron/domain/device-checks';
import './DashboardPage.css';

type Summary = ResponseOf<'portfolio.summary'>;

/** The portfolio at a glance: tiers, top risks, knockouts, reassessments and evidence due. */
export function DashboardPage({
  onOpenVendor,
  onShowList,
}: {
  onOpenVendor(id: string): void;
  /** Opens the vendor list filtered to the vendors a figure counts. */
  onShowList(figure: DashboardFigure): void;
}) {
  const [summary, setSummary] = useState<Summary | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [devices, setDevices] = useState<ResponseOf<'devices.findings'> | null>(null);
  useEffect(() => {
    void call('devices.findings', {}).then((r) => r.ok && setDevices(r.value));
  }, []);
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
  const vendorLink = (id: string, name: string) => (
    <button type="button" className="link" onClick={() => onOpenVendor(id)}>
      {name}
    </button>
  );

  return (
    <div className="dashboard">
      <div className="page-title-row">
        <h1>Portfolio</h1>
        <ExportReportButton
          target={{ kind: 'board' }}
          label="Exporting the board report"
          text="Board report (PDF)…"
        />
      </div>
      <div className="cards">
        <FigureCard
          label="Vendors"
          value={totals.vendors}
          note={`${totals.offboarded} offboarded not counted`}
          onShow={() => onShowList('vendors')}
        />
        <FigureCard
          label="Assessed"
          value={totals.assessed}
          note={
            totals.provisional
              ? `${totals.unassessed} without a tier, ${totals.provisional} of them provisional`
              : `${totals.unassessed} not assessed`
          }
          onShow={() => onShowList('assessed')}
        />
        <FigureCard
          label="Average control score"
          value={totals.averageScore === null ? '—' : totals.averageScore.toFixed(1)}
          note="Final scores only · higher is better"
        />
        <FigureCard
          label="Open knockouts"
          value={summary.knockouts.length}
          note={vendorsNote(summary.knockouts)}
          alert={summary.knockouts.length > 0}
          onShow={() => onShowList('knockouts')}
        />
        <FigureCard
          label="Conditions past due"
          value={summary.conditionsPastDue.length}
          note={vendorsNote(summary.conditionsPastDue)}
          alert={summary.conditionsPastDue.length > 0}
          onShow={() => onShowList('conditionsPastDue')}
        />
        <FigureCard
          label="Overdue reassessments"
          value={reassessments.overdue.length}
          alert={reassessments.overdue.length > 0}
          onShow={() => onShowList('overdue')}
        />
        <FigureCard
          label="Reassessments due"
          note="within 90 days"
          value={reassessments.upcoming.length}
          onShow={() => onShowList('upcoming')}
        />
        <FigureCard
          label="Evidence expired"
          value={evidence.expired.length}
          note={vendorsNote(evidence.expired)}
          alert={evidence.expired.length > 0}
          onShow={() => onShowList('evidenceExpired')}
        />
        <Card className="card-figure card-wide">
          <span className="card-label">Evidence expiring</span>
          <div className="card-bands">
            {(
              [
                ['evidence30', '≤ 30 days', evidence.days0to30],
                ['evidence60', '31–60 days', evidence.days31to60],
                ['evidence90', '61–90 days', evidence.days61to90],
              ] as const
            ).map(([figure, band, items]) => (
              <button
                key={figure}
                type="button"
                className="card-band"
                onClick={() => onShowList(figure)}
                aria-label={`Evidence expiring in ${band}: ${items.length} ${vendorsNote(items) ?? ''}. Show these vendors in the list`}
              >
                <span className="card-value">{items.length}</span>
                <span>{band}</span>
                {items.length > 0 && <span className="cell-muted card-note">{vendorsNote(items)}</span>}
              </button>
            ))}
          </div>
        </Card>
      </div>
      <div className="dashboard-grid">
        <Card title="Vendors by tier">
          <TierChart counts={tiers} onSelect={onShowList} />
        </Card>
        <Card title="Highest residual risk">
          <Table
            head={['Vendor', 'Tier', 'Residual', 'Score']}
            rows={summary.topRisks.map((r) => [
              vendorLink(r.id, r.name),
              `${TIER_LABELS[r.tier]}${r.knockouts ? ' · knockout' : ''}`,
              r.residual.toFixed(1),
              r.score === null ? '—' : `${r.score.toFixed(1)}${r.provisional ? ' (provisional)' : ''}`,
            ])}
            empty="No vendors yet."
          />
        </Card>
        <Card title="Open knockouts">
          <Table
            head={['Vendor', 'Red flag']}
            rows={summary.knockouts.map((k) => [
              vendorLink(k.vendorId, k.vendorName),
              `${k.message}${k.reason === 'refused' ? ' (refused to answer)' : ''}`,
            ])}
            empty="No knockout flags."
          />
        </Card>
        <Card title="Reassessments">
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
        </Card>
        <Card title="Conditions past due">
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
        </Card>
        {devices && devices.devices > 0 && (
          <Card title="Device findings">
            <Table
              head={['Check', 'Open', 'Accepted']}
              rows={DEVICE_CHECKS.filter(
                (c) => devices.posture[c].fail + devices.posture[c].accepted > 0,
              ).map((c) => [
                DEVICE_CHECK_INFO[c].label,
                devices.posture[c].fail,
                devices.posture[c].accepted,
              ])}
              empty={`No open findings on ${devices.devices} devices.`}
            />
            <Table
              head={['Hardware vendor', 'Open findings']}
              rows={devices.byVendor.map((v) => [
                v.vendorId ? vendorLink(v.vendorId, v.vendorName) : v.vendorName,
                v.open,
              ])}
              empty=""
            />
          </Card>
        )}
        <Card title="Evidence expiring">
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
        </Card>
      </div>
    </div>
  );
}

/** "at N vendors" for a list of items that each name a vendor (files, flags, conditions). */
function vendorsNote(items: readonly { vendorId: string }[]): string | undefined {
  if (items.length === 0) return undefined;
  const n = new Set(items.map((i) => i.vendorId)).size;
  return `at ${n} vendor${n === 1 ? '' : 's'}`;
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
