import { useState } from 'react';
import { DECISION_LABELS } from '../../electron/domain/decision';
import { isAssessed } from '../../electron/domain/portfolio';
import type { VendorTab } from '../hooks/useHashRoute';
import { useVendor } from '../hooks/useVendor';
import { roleLimited, useRoleLimit } from '../hooks/useTeam';
import { PageHeader } from '../components/PageHeader';
import { TierBadge } from '../components/Badge';
import { ScoreValue } from '../components/ScoreValue';
import { VendorVulnerabilities } from '../components/VendorVulnerabilities';
import { VendorSboms } from '../components/VendorSboms';
import { Tabs, type TabItem } from '../components/Tabs';
import { ExportReportButton } from '../components/ReportExport';
import { ContractPage } from './ContractPage';
import {
  ActivityTab,
  AssessmentsTab,
  DevicesTab,
  EvidenceTab,
  FindingsTab,
  OverviewTab,
  openDeviceChecks,
} from './VendorTabs';
import './VendorPage.css';

interface VendorPageProps {
  vendorId: string;
  tab: VendorTab;
  revision: number;
  onTab(tab: VendorTab): void;
  /** Back to the list, with this vendor in the peek. */
  onBack(): void;
  onEdit(id: string): void;
  onDelete(id: string): void;
  onOpenAssessment(id: string): void;
  /** Opens an advisory (from the Devices tab's known vulnerabilities). */
  onOpenAdvisory(trackingId: string): void;
}

/**
 * A vendor's own page: a header with what matters at a glance (tier, score, decision,
 * owner, next review) and a tab for each side of it; the tab is in the address
 * ("#/vendors/ID/findings").
 */
export function VendorPage({
  vendorId,
  tab,
  revision,
  onTab,
  onBack,
  onEdit,
  onDelete,
  onOpenAssessment,
  onOpenAdvisory,
}: VendorPageProps) {
  const [reloaded, setReloaded] = useState(0);
  const reload = () => setReloaded((n) => n + 1);
  const vendorLimit = useRoleLimit('vendors');
  const { vendor, assessments, evidence, score, trend, decisions, error } = useVendor(
    vendorId,
    revision + reloaded,
  );

  if (error)
    return (
      <div className="vendor-page">
        <button type="button" className="link" onClick={onBack}>
          ← Vendors
        </button>
        <p className="form-error page-error" role="alert">
          {error}
        </p>
      </div>
    );
  if (!vendor) return <div className="vendor-page" aria-busy="true" />;

  const assessed = score ? isAssessed(score) : false;
  const latest = decisions[0];
  const findings = (score?.flags.length ?? 0) + openDeviceChecks(score).reduce((n, d) => n + d.fail, 0);
  const tabs: TabItem<VendorTab>[] = [
    { key: 'overview', label: 'Overview' },
    { key: 'findings', label: 'Findings', badge: findings || undefined },
    { key: 'assessments', label: 'Assessments', badge: assessments.length || undefined },
    { key: 'evidence', label: 'Evidence', badge: evidence.length || undefined },
    { key: 'contract', label: 'Contract' },
    { key: 'devices', label: 'Devices' },
    { key: 'activity', label: 'Activity' },
  ];

  return (
    <div className="vendor-page">
      <button type="button" className="link vendor-page-back" onClick={onBack}>
        ← Vendors
      </button>
      <PageHeader
        title={vendor.name}
        description={
          <span className="vendor-glance" data-testid="vendor-glance">
            <span>
              <TierBadge
                value={score && assessed ? score.tier : null}
                provisional={score?.provisional ?? false}
              />
            </span>
            <span>
              <span className="vendor-glance-label">Control score</span>{' '}
              <ScoreValue
                kind="control"
                value={score?.score ?? null}
                provisional={score?.provisional ?? false}
                compact
              />
            </span>
            <span>
              <span className="vendor-glance-label">Decision</span>{' '}
              {latest ? DECISION_LABELS[latest.decision] : 'None yet'}
            </span>
            <span>
              <span className="vendor-glance-label">Owner</span> {vendor.owner || '—'}
            </span>
            <span className={score?.overdue ? 'overdue' : undefined}>
              <span className="vendor-glance-label">Next review</span> {score?.nextReassessment ?? '—'}
              {score?.overdue ? ' (overdue)' : ''}
            </span>
          </span>
        }
        actions={
          <>
            <button
              type="button"
              className="button button-danger-quiet"
              {...roleLimited(vendorLimit)}
              onClick={() => onDelete(vendor.id)}
            >
              Delete
            </button>
            <ExportReportButton
              target={{ kind: 'vendor', vendorId: vendor.id }}
              label="Exporting the vendor report"
              text="PDF report…"
            />
            <button
              type="button"
              className="button button-primary"
              {...roleLimited(vendorLimit)}
              onClick={() => onEdit(vendor.id)}
            >
              Edit
            </button>
          </>
        }
      />
      <Tabs
        label={`${vendor.name}: sections`}
        tabs={tabs}
        selected={tab}
        onSelect={(next) => {
          // What another tab changed (a clause, a decision) shows in the header and counts.
          reload();
          onTab(next);
        }}
      >
        {tab === 'overview' && (
          <OverviewTab
            vendor={vendor}
            score={score}
            trend={trend}
            decisions={decisions}
            assessments={assessments}
            onRecorded={reload}
          />
        )}
        {tab === 'findings' && <FindingsTab score={score} onContract={() => onTab('contract')} />}
        {tab === 'assessments' && (
          <AssessmentsTab
            vendor={vendor}
            assessments={assessments}
            onOpenAssessment={onOpenAssessment}
            onChanged={reload}
          />
        )}
        {tab === 'evidence' && <EvidenceTab evidence={evidence} />}
        {tab === 'contract' && <ContractPage key={vendor.id} vendorId={vendor.id} />}
        {tab === 'devices' && (
          <>
            <DevicesTab vendorId={vendor.id} revision={revision + reloaded} />
            <VendorVulnerabilities
              vendorId={vendor.id}
              revision={revision + reloaded}
              onAdvisory={onOpenAdvisory}
            />
            <VendorSboms vendor={vendor} revision={revision + reloaded} onImported={reload} />
          </>
        )}
        {tab === 'activity' && <ActivityTab vendorId={vendor.id} revision={revision + reloaded} />}
      </Tabs>
    </div>
  );
}
