import { DATA_KIND_LABELS } from '../../electron/domain/vendor';
import { ExportReportButton } from '../components/ReportExport';
import { DEVICE_CHECKS, DEVICE_CHECK_INFO } from '../../electron/domain/device-checks';
import { changedFields, type AuditEntry } from '../../electron/domain/audit';
import { useState } from 'react';
import { useVendor } from '../hooks/useVendor';
import { AssessmentList } from '../components/AssessmentList';
import { ScorePanel } from '../components/ScorePanel';
import { DecisionPanel } from '../components/DecisionPanel';
import { StartAssessmentDialog } from '../components/StartAssessmentDialog';
import { ExchangeImport } from '../components/ExchangeImport';
import { EvidenceItem, EvidenceList } from '../components/EvidenceList';
import { useToast } from '../components/Toasts';
import { evidenceStatus } from '../../electron/domain/assessment';
import { EVIDENCE_KIND_LABELS } from '../../electron/domain/questionnaire';

const EVIDENCE_STATUS_LABELS = {
  valid: 'valid until',
  expiring: 'expires soon:',
  expired: 'expired',
  'no-expiry': 'no expiry date',
} as const;
const today = () => new Date().toISOString().slice(0, 10);
import { Badge, CriticalityBadge, StatusBadge, categoryLabel } from '../components/Badge';
import './VendorDetail.css';

interface VendorDetailProps {
  id: string | null;
  revision: number;
  onEdit(id: string): void;
  onDelete(id: string): void;
  onOpenAssessment(id: string): void;
  onOpenContract(vendorId: string): void;
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** The selected vendor: profile, notes and change history. */
export function VendorDetail({
  id,
  revision,
  onEdit,
  onDelete,
  onOpenAssessment,
  onOpenContract,
}: VendorDetailProps) {
  const [reloaded, setReloaded] = useState(0);
  const { vendor, history, assessments, evidence, score, trend, decisions, error } = useVendor(
    id,
    revision + reloaded,
  );
  const [starting, setStarting] = useState(false);
  const [sending, setSending] = useState(false);
  const toast = useToast();

  if (!id) {
    return (
      <aside className="detail detail-empty" aria-label="Vendor details">
        <p>Select a vendor to see its profile.</p>
        <p className="cell-muted">Use ↑ and ↓ in the list, Enter to edit.</p>
      </aside>
    );
  }
  if (error) {
    return (
      <aside className="detail" aria-label="Vendor details">
        <p className="form-error" role="alert">
          {error}
        </p>
      </aside>
    );
  }
  if (!vendor) return <aside className="detail" aria-label="Vendor details" aria-busy="true" />;

  return (
    <aside className="detail" aria-label="Vendor details">
      <header className="detail-header">
        <h2>{vendor.name}</h2>
        <div className="detail-actions">
          <button type="button" className="button" onClick={() => onEdit(vendor.id)}>
            Edit
          </button>
          <ExportReportButton
            target={{ kind: 'vendor', vendorId: vendor.id }}
            label="Exporting the vendor report"
            text="PDF report…"
          />
          <button type="button" className="button button-danger-quiet" onClick={() => onDelete(vendor.id)}>
            Delete
          </button>
        </div>
      </header>
      <div className="badges">
        <CriticalityBadge value={vendor.criticality} />
        <StatusBadge value={vendor.status} />
        <Badge>{categoryLabel(vendor.category)}</Badge>
      </div>
      {score && <ScorePanel score={score} trend={trend} />}
      <dl className="facts">
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
      <DecisionPanel
        decisions={decisions}
        assessments={assessments}
        onRecorded={() => setReloaded((n) => n + 1)}
      />
      <section aria-label="Contract">
        <div className="section-title-row">
          <h3>Contract</h3>
          <button type="button" className="button" onClick={() => onOpenContract(vendor.id)}>
            Contract clauses
          </button>
        </div>
        <p className="cell-muted" data-testid="contract-summary">
          {score?.contract
            ? `${score.contract.agreed} of ${score.contract.clauses} clauses agreed · ${score.contract.deviations} deviating · ${score.contract.contradictions} contradicting the answers`
            : 'No clause recorded yet.'}
        </p>
      </section>
      {score?.devices && (
        <section aria-label="Device posture">
          <h3>Devices it makes</h3>
          <ul className="posture" data-testid="device-posture">
            {DEVICE_CHECKS.filter(
              (c) => score.devices![c] && score.devices![c]!.fail + score.devices![c]!.accepted > 0,
            ).map((c) => (
              <li key={c}>
                {DEVICE_CHECK_INFO[c].label}: {score.devices![c]!.fail} open
                {score.devices![c]!.accepted ? `, ${score.devices![c]!.accepted} accepted` : ''}
              </li>
            ))}
          </ul>
          <p className="cell-muted">Open findings of the devices it makes count in its score and flags.</p>
        </section>
      )}
      <section aria-label="Assessments">
        <div className="section-title-row">
          <h3>Assessments</h3>
          <div className="inline">
            <button type="button" className="button" onClick={() => setSending(true)}>
              Send questionnaire…
            </button>
            <ExchangeImport vendorId={vendor.id} onImported={() => setReloaded((n) => n + 1)} />
            <button type="button" className="button" onClick={() => setStarting(true)}>
              Start assessment
            </button>
          </div>
        </div>
        <AssessmentList assessments={assessments} onOpen={onOpenAssessment} />
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
            setReloaded((n) => n + 1);
            toast('success', `Saved ${path}: send it to the vendor`);
          }}
        />
      </section>
      {evidence.length > 0 && (
        <section aria-label="Evidence">
          <h3>Evidence</h3>
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
      )}
      <section aria-label="History">
        <h3>History</h3>
        <ol className="history">
          {history.map((entry) => (
            <li key={entry.id}>
              <span className="history-what">{describe(entry)}</span>
              <span className="cell-muted">
                {entry.actor} · {dateTime.format(new Date(entry.at))}
              </span>
            </li>
          ))}
        </ol>
      </section>
    </aside>
  );
}

function describe(entry: AuditEntry): string {
  if (entry.action === 'create') return 'Created';
  if (entry.action === 'delete') return 'Deleted';
  const fields = changedFields(entry.before, entry.after);
  return fields.length ? `Changed ${fields.join(', ')}` : 'Saved without changes';
}
