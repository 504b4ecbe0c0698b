/** The panels of a vendor's page, one per tab, each built of the kit's existing parts. */
import { baseName } from '../../electron/domain/file-name';
import { worstFlagsFirst } from '../../electron/domain/evaluate-assessment';
import { useEffect, useState } from 'react';
import { call } from '../api';
import type { Vendor } from '../../electron/domain/vendor';
import { DATA_KIND_LABELS } from '../../electron/domain/vendor';
import type { ResponseOf } from '../../electron/ipc/contract';
import type { AssessmentSummary, Evidence } from '../../electron/domain/assessment';
import type { Decision } from '../../electron/domain/decision';
import { evidenceStatus } from '../../electron/domain/assessment';
import { EVIDENCE_KIND_LABELS } from '../../electron/domain/questionnaire';
import { DEVICE_CHECKS, DEVICE_CHECK_INFO } from '../../electron/domain/device-checks';
import { ScorePanel } from '../components/ScorePanel';
import { DecisionPanel } from '../components/DecisionPanel';
import { AssessmentList } from '../components/AssessmentList';
import { EvidenceItem, EvidenceList } from '../components/EvidenceList';
import { FlagItem, FlagList, FlagSeverity } from '../components/Flags';
import { Badge, CriticalityBadge, StatusBadge, categoryLabel } from '../components/Badge';
import { StartAssessmentDialog } from '../components/StartAssessmentDialog';
import { ExchangeImport } from '../components/ExchangeImport';
import { SbomRequestList } from '../components/SbomRequestList';
import { useToast } from '../components/Toasts';
import { roleLimited, useRoleLimit } from '../hooks/useTeam';

type VendorScore = ResponseOf<'scores.vendor'>;
type Trend = ResponseOf<'scores.trend'>;
type AuditItem = ResponseOf<'audit.list'>['items'][number];

const EVIDENCE_STATUS_LABELS = {
  valid: 'valid until',
  expiring: 'expires soon:',
  expired: 'expired',
  'no-expiry': 'no expiry date',
} as const;
const today = () => new Date().toISOString().slice(0, 10);
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** Open device findings of a score, per check with any open or accepted. */
export function openDeviceChecks(score: VendorScore | null) {
  const devices = score?.devices;
  if (!devices) return [];
  return DEVICE_CHECKS.filter((c) => devices[c] && devices[c].fail + devices[c].accepted > 0).map((c) => ({
    check: c,
    fail: devices[c]!.fail,
    accepted: devices[c]!.accepted,
  }));
}

/** Overview: the score explained, the profile, and the decision. */
export function OverviewTab({
  vendor,
  score,
  trend,
  decisions,
  assessments,
  onRecorded,
}: {
  vendor: Vendor;
  score: VendorScore | null;
  trend: Trend;
  decisions: Decision[];
  assessments: AssessmentSummary[];
  onRecorded(): void;
}) {
  return (
    <div className="vendor-overview">
      <div>{score && <ScorePanel score={score} trend={trend} />}</div>
      <div>
        <section aria-label="Profile">
          <h3>Profile</h3>
          <dl className="vendor-facts">
            <dt>Criticality</dt>
            <dd>
              <CriticalityBadge value={vendor.criticality} />
            </dd>
            <dt>Status</dt>
            <dd>
              <StatusBadge value={vendor.status} />
            </dd>
            <dt>Category</dt>
            <dd>{categoryLabel(vendor.category)}</dd>
            <dt>Services</dt>
            <dd>{vendor.services || '—'}</dd>
            <dt>Data it touches</dt>
            <dd>
              {vendor.dataTouched.length
                ? vendor.dataTouched.map((k) => DATA_KIND_LABELS[k]).join(', ')
                : 'Not recorded'}
            </dd>
            <dt>Internal owner</dt>
            <dd>{vendor.owner || '—'}</dd>
            <dt>Tags</dt>
            <dd>
              {vendor.tags.length
                ? vendor.tags.map((t) => (
                    <span key={t} className="tag">
                      {t}
                    </span>
                  ))
                : '—'}
            </dd>
            <dt>Notes</dt>
            <dd className="notes">{vendor.notes || '—'}</dd>
          </dl>
        </section>
        <DecisionPanel decisions={decisions} assessments={assessments} onRecorded={onRecorded} />
      </div>
    </div>
  );
}

/** Findings: the open red flags of the answers, the devices it makes, and the contract. */
export function FindingsTab({ score, onContract }: { score: VendorScore | null; onContract(): void }) {
  const devices = openDeviceChecks(score);
  const contract = score?.contract;
  return (
    <div className="vendor-sections">
      <section aria-label="Red flags from answers">
        <h3>From the answers</h3>
        {score && score.flags.length > 0 ? (
          <FlagList label="Red flags">
            {worstFlagsFirst(score.flags).map((f) => (
              <FlagItem key={`${f.questionnaireId}/${f.ruleId}`} flag={f}>
                <FlagSeverity flag={f} /> {f.message}
                {f.reason === 'refused' && (
                  <span className="cell-muted"> (the vendor refused to answer)</span>
                )}
              </FlagItem>
            ))}
          </FlagList>
        ) : (
          <p className="cell-muted">No red flag is open.</p>
        )}
      </section>
      <section aria-label="Device findings">
        <h3>From the devices it makes</h3>
        {devices.length ? (
          <ul className="posture" data-testid="device-posture">
            {devices.map((d) => (
              <li key={d.check}>
                {DEVICE_CHECK_INFO[d.check].label}: {d.fail} open
                {d.accepted ? `, ${d.accepted} accepted` : ''}
              </li>
            ))}
          </ul>
        ) : (
          <p className="cell-muted">
            {score?.devices ? 'No open device finding.' : 'None of its devices is in the inventory.'}
          </p>
        )}
      </section>
      <section aria-label="Contract findings">
        <h3>From the contract</h3>
        <p className="cell-muted" data-testid="contract-summary">
          {contract
            ? `${contract.agreed} of ${contract.clauses} clauses agreed · ${contract.deviations} deviating · ${contract.contradictions} contradicting the answers`
            : 'No clause recorded yet.'}
        </p>
        <button type="button" className="button" onClick={onContract}>
          Contract clauses
        </button>
      </section>
    </div>
  );
}

/** Assessments: start one, send a questionnaire, import an answer file, open one. */
export function AssessmentsTab({
  vendor,
  assessments,
  onOpenAssessment,
  onChanged,
}: {
  vendor: Vendor;
  assessments: AssessmentSummary[];
  onOpenAssessment(id: string): void;
  onChanged(): void;
}) {
  const [starting, setStarting] = useState(false);
  const [sending, setSending] = useState(false);
  const toast = useToast();
  // What this login's role cannot do is shown disabled, with the reason (team database).
  const startLimit = useRoleLimit('assessments');
  const sendLimit = useRoleLimit('exchange_packages');
  return (
    <section aria-label="Assessments">
      <div className="vendor-tab-actions">
        <button
          type="button"
          className="button button-primary"
          {...roleLimited(startLimit)}
          onClick={() => setStarting(true)}
        >
          Start assessment
        </button>
        <button type="button" className="button" {...roleLimited(sendLimit)} onClick={() => setSending(true)}>
          Send questionnaire…
        </button>
        <ExchangeImport vendorId={vendor.id} onImported={onChanged} />
        {startLimit && <span className="cell-muted">{startLimit}</span>}
      </div>
      <AssessmentList assessments={assessments} onOpen={onOpenAssessment} />
      <SbomRequestList vendorId={vendor.id} refreshKey={assessments} />
      <StartAssessmentDialog
        vendor={vendor}
        open={starting}
        onClose={() => setStarting(false)}
        onStarted={onOpenAssessment}
      />
      <StartAssessmentDialog
        vendor={vendor}
        mode="send"
        open={sending}
        onClose={() => setSending(false)}
        onStarted={onOpenAssessment}
        onSent={(path) => {
          setSending(false);
          onChanged();
          toast('success', `Saved ${baseName(path)}: send it to the vendor`);
        }}
      />
    </section>
  );
}

/** Evidence: each file with its kind and how long it counts. */
export function EvidenceTab({ evidence }: { evidence: Evidence[] }) {
  if (evidence.length === 0)
    return (
      <p className="cell-muted">
        No evidence yet. Evidence is attached to an answer in an assessment (Assessments tab).
      </p>
    );
  return (
    <section aria-label="Evidence">
      <EvidenceList>
        {evidence.map((e) => {
          const status = evidenceStatus(e, today());
          return (
            <EvidenceItem key={e.id} name={e.fileName}>
              <span className={`cell-muted evidence-${status}`}>
                {EVIDENCE_KIND_LABELS[e.kind]} · {EVIDENCE_STATUS_LABELS[status]}
                {e.expiresAt ? ` ${e.expiresAt}` : ''}
              </span>
            </EvidenceItem>
          );
        })}
      </EvidenceList>
    </section>
  );
}

/** Devices: the findings of the devices it makes, per check (from the device inventory). */
export function DevicesTab({ vendorId, revision }: { vendorId: string; revision: number }) {
  const [findings, setFindings] = useState<ResponseOf<'devices.findings'> | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void call('devices.findings', { vendorId }).then((r) =>
      r.ok ? setFindings(r.value) : setError(r.error.message),
    );
  }, [vendorId, revision]);
  if (error)
    return (
      <p className="form-error" role="alert">
        {error}
      </p>
    );
  if (!findings)
    return (
      <p aria-busy="true" className="cell-muted">
        Loading…
      </p>
    );
  if (findings.devices === 0)
    return (
      <p className="cell-muted">
        None of its devices is in the inventory. Import an inventory on the Devices page and link its
        manufacturer to this vendor.
      </p>
    );
  return (
    <section aria-label="Device findings">
      <p>
        {findings.devices} device{findings.devices === 1 ? '' : 's'} in the inventory. Open findings count in
        its score and red flags.
      </p>
      <table className="explanation-table device-checks-table" aria-label="Checks of its devices">
        <thead>
          <tr>
            <th scope="col">Check</th>
            <th scope="col">Open</th>
            <th scope="col">Accepted</th>
            <th scope="col">Passed</th>
            <th scope="col">Unknown</th>
          </tr>
        </thead>
        <tbody>
          {DEVICE_CHECKS.map((c) => {
            const p = findings.posture[c];
            if (!p) return null;
            return (
              <tr key={c}>
                <td>
                  {DEVICE_CHECK_INFO[c].label}
                  {DEVICE_CHECK_INFO[c].knockout && <Badge tone="critical">knockout</Badge>}
                </td>
                <td className={p.fail ? 'num device-open' : 'num'}>{p.fail}</td>
                <td className="num">{p.accepted}</td>
                <td className="num">{p.pass}</td>
                <td className="num">{p.unknown}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

/** Activity: the audit trail of this vendor, newest first. */
export function ActivityTab({ vendorId, revision }: { vendorId: string; revision: number }) {
  const [items, setItems] = useState<AuditItem[] | null>(null);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void call('audit.list', { vendorId, limit: 200 }).then((r) => {
      if (!r.ok) return setError(r.error.message);
      setItems(r.value.items);
      setTotal(r.value.total);
    });
  }, [vendorId, revision]);
  if (error)
    return (
      <p className="form-error" role="alert">
        {error}
      </p>
    );
  if (!items)
    return (
      <p aria-busy="true" className="cell-muted">
        Loading…
      </p>
    );
  return (
    <section aria-label="Activity">
      <p className="cell-muted">
        {items.length < total ? `The latest ${items.length} of ${total} entries` : `${total} entries`} of the
        audit trail about this vendor, newest first.
      </p>
      <ol className="history">
        {items.map((entry) => (
          <li key={entry.id}>
            <span className="history-what">{describe(entry)}</span>
            <span className="cell-muted">
              {entry.actor} · {dateTime.format(new Date(entry.at))}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}

const ENTITY_WORDS: Partial<Record<AuditItem['entity'], string>> = {
  'vendor-clause': 'a contract clause',
  'sign-off': 'the contract',
  answer: 'an answer',
  assessment: 'an assessment',
  decision: 'a decision',
  evidence: 'evidence',
  exchange: 'a questionnaire file',
  'device-import': 'a device import',
};
const ACTION_WORDS: Partial<Record<AuditItem['action'], string>> = {
  create: 'Added',
  update: 'Changed',
  delete: 'Removed',
  answer: 'Answered',
  attach: 'Attached',
  comment: 'Commented on',
  'sign-off': 'Signed off',
  reopen: 'Reopened',
  send: 'Sent',
  import: 'Imported',
  restore: 'Restored',
};

/** An entry in words: "Changed owner", "Recorded a decision", "Signed off the contract". */
function describe(entry: AuditItem): string {
  if (entry.entity === 'vendor') {
    if (entry.action === 'create') return 'Created';
    if (entry.action === 'delete') return 'Deleted';
    const fields = entry.changes.map((c) => c.field);
    return fields.length ? `Changed ${fields.join(', ')}` : 'Saved without changes';
  }
  const what = ENTITY_WORDS[entry.entity] ?? entry.entity;
  if (entry.entity === 'decision' && entry.action === 'create') return 'Recorded a decision';
  const fields = entry.action === 'update' ? entry.changes.map((c) => c.field) : [];
  return `${ACTION_WORDS[entry.action] ?? entry.action} ${what}${fields.length ? `: ${fields.join(', ')}` : ''}`;
}
