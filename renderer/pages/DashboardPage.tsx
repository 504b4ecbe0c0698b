import { useEffect, useLayoutEffect, useMemo, useState, type ReactNode } from 'react';
import { BoardPackButton } from '../components/BoardPackDialog';
import { TIER_LABELS } from '../../electron/domain/risk';
import { call } from '../api';
import type { ResponseOf } from '../../electron/ipc/contract';
import { Card, FigureCard } from '../components/Card';
import { PageHeader } from '../components/PageHeader';
import { SvgChart } from '../components/SvgChart';
import { TodayQueue } from '../components/TodayQueue';
import { HeatMap } from '../components/HeatMap';
import type { DashboardFigure } from '../../electron/domain/vendor-list';
import type { TodayAction } from '../../electron/domain/portfolio-today';
import { tierTrendChart } from '../../electron/domain/tier-trend';
import { answerKey } from '../../electron/domain/evaluate-assessment';
import { DEVICE_CHECKS, DEVICE_CHECK_INFO } from '../../electron/domain/device-checks';
import './DashboardPage.css';

type Summary = ResponseOf<'portfolio.summary'>;

/**
 * The portfolio at a glance: Today (what needs someone now) first, then where the risk sits
 * (heat map) and how it moves (tier trend by quarter), then a few figures and the highest risks.
 */
export function DashboardPage({
  onOpenVendor,
  onShowList,
  onOpenQuestion,
  onOpenContract,
  onOpenLegal,
  onOpenAdvisories,
  revision = 0,
}: {
  /** Changes when the data may have changed elsewhere (a colleague, the CLI): the figures are read again. */
  revision?: number;
  /** Opens a vendor's page, on a tab (its overview when none is given). */
  onOpenVendor(id: string, tab?: 'overview' | 'evidence' | 'devices'): void;
  /** Opens the vendor list filtered to the vendors a figure counts. */
  onShowList(figure: DashboardFigure): void;
  /** Opens an assessment at a question (its answer key). */
  onOpenQuestion(assessmentId: string, question: string): void;
  onOpenContract(vendorId: string): void;
  onOpenLegal(): void;
  onOpenAdvisories(): void;
}) {
  const [summary, setSummary] = useState<Summary | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [devices, setDevices] = useState<ResponseOf<'devices.findings'> | null>(null);
  const [trend, setTrend] = useState<ResponseOf<'portfolio.trend'> | null>(null);
  const [trendError, setTrendError] = useState<string | null>(null);
  useEffect(() => {
    void call('devices.findings', {}).then((r) => r.ok && setDevices(r.value));
  }, [revision]);
  useEffect(() => {
    void call('portfolio.summary', {}).then((r) => {
      performance.mark('dashboard:data');
      if (r.ok) setSummary(r.value);
      else setError(r.error.message);
      // The trend scores every submitted assessment again: asked for once the figures are on screen.
      void call('portfolio.trend', {}).then((t) =>
        t.ok ? setTrend(t.value) : setTrendError(t.error.message),
      );
    });
  }, [revision]);
  useLayoutEffect(() => {
    // Lets the benchmark measure from data arrival to the dashboard (Today first) on screen.
    if (summary) performance.mark('dashboard:rendered');
  }, [summary]);
  const trendChart = useMemo(() => (trend ? tierTrendChart(trend) : null), [trend]);

  if (error)
    return (
      <p className="form-error page-error" role="alert">
        {error}
      </p>
    );
  if (!summary) return <div className="dashboard" aria-busy="true" />;
  const { totals, evidence, reassessments, heatMap } = summary;
  const scored =
    heatMap.total - heatMap.rows.reduce((n, r) => n + r.cells.find((c) => c.band === 'none')!.count, 0);
  const vendorLink = (id: string, name: string) => (
    <button type="button" className="link" onClick={() => onOpenVendor(id)}>
      {name}
    </button>
  );
  const act = (action: TodayAction) => {
    if (action.open === 'question')
      onOpenQuestion(action.assessmentId, answerKey(action.questionnaireId, action.questionId));
    else if (action.open === 'contract') onOpenContract(action.vendorId);
    else if (action.open === 'advisories') onOpenAdvisories();
    else if (action.open === 'vendorDevices') onOpenVendor(action.vendorId, 'devices');
    // Evidence is listed, with its validity, on the vendor's Evidence tab.
    else onOpenVendor(action.vendorId, action.open === 'evidence' ? 'evidence' : 'overview');
  };

  return (
    <div className="dashboard">
      <PageHeader
        title="Portfolio"
        count={`${totals.vendors} vendor${totals.vendors === 1 ? '' : 's'}${
          totals.offboarded ? ` (${totals.offboarded} offboarded not counted)` : ''
        }`}
        description="What needs someone today, where the risk sits and how it moves."
        actions={<BoardPackButton />}
      />
      <TodayQueue
        queue={summary.queue}
        onAction={act}
        onShowList={onShowList}
        onOpenLegal={onOpenLegal}
        onOpenAdvisories={onOpenAdvisories}
      />
      <div className="dashboard-pair">
        <Card title="Where the risk sits">
          <p className="card-meaning">
            Vendors by criticality (how important they are to us) and control score (high is good). Warmer
            cells: important vendors with weak controls.
          </p>
          <HeatMap map={heatMap} onSelect={onShowList} />
        </Card>
        <Card title="Risk tier by quarter">
          <p className="card-meaning">
            Vendors per risk tier at each quarter’s end, from the assessments submitted by then; this quarter
            as of today.
          </p>
          {trendChart ? (
            <SvgChart model={trendChart} className="tier-trend" />
          ) : trendError ? (
            <p className="form-error">{trendError}</p>
          ) : (
            <p className="cell-muted" aria-busy="true">
              Counting the quarters…
            </p>
          )}
        </Card>
      </div>
      <div className="cards">
        <FigureCard
          label="Not assessed"
          value={totals.unassessed}
          note={
            totals.provisional
              ? `of ${totals.vendors} ${totals.vendors === 1 ? 'vendor' : 'vendors'}; ${totals.provisional} with a provisional score`
              : `of ${totals.vendors} ${totals.vendors === 1 ? 'vendor' : 'vendors'}; ${totals.assessed} assessed`
          }
          onShow={() => onShowList('unassessed')}
        />
        <FigureCard
          label="Average control score"
          value={totals.averageScore === null ? '—' : totals.averageScore.toFixed(1)}
          note={
            scored === 0
              ? 'no vendor scored yet'
              : `from ${scored} scored vendor${scored === 1 ? '' : 's'} · higher is better`
          }
        />
        <FigureCard
          label="Reassessments due"
          note="within 90 days"
          value={reassessments.upcoming.length}
          onShow={() => onShowList('upcoming')}
        />
        <FigureCard
          label="Reassessments overdue"
          note="any criticality"
          value={reassessments.overdue.length}
          onShow={() => onShowList('overdue')}
        />
        <FigureCard
          label="Evidence expiring"
          note="in 31–60 days"
          value={evidence.days31to60.length}
          onShow={() => onShowList('evidence60')}
        />
        <FigureCard
          label="Evidence expiring"
          note="in 61–90 days"
          value={evidence.days61to90.length}
          onShow={() => onShowList('evidence90')}
        />
      </div>
      <div className="dashboard-grid">
        <Card title="Highest residual risk">
          <Table
            head={['Vendor', 'Tier', 'Residual risk', 'Control score']}
            rows={summary.topRisks.map((r) => [
              vendorLink(r.id, r.name),
              `${TIER_LABELS[r.tier]}${r.knockouts ? ' · knockout' : ''}`,
              r.residual.toFixed(1),
              r.score === null ? '—' : `${r.score.toFixed(1)}${r.provisional ? ' (provisional)' : ''}`,
            ])}
            empty="No vendor assessed yet."
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
      </div>
    </div>
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
