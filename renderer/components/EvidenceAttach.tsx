import { useState } from 'react';
import { toBase64 } from '../files';
import { call } from '../api';
import {
  EVIDENCE_KIND_LABELS,
  EVIDENCE_KINDS,
  type EvidenceKind,
  type Question,
} from '../../electron/domain/questionnaire';
import { MAX_EVIDENCE_BYTES, type Evidence } from '../../electron/domain/assessment';
import { EvidenceItem, EvidenceList } from './EvidenceList';
import { useRoleLimit } from '../hooks/useTeam';
import './EvidenceAttach.css';

interface EvidenceAttachProps {
  assessmentId: string;
  questionnaireId: string;
  question: Question;
  attached: Evidence[];
  onAttached(): void;
  onError(message: string): void;
}

/** Attach an evidence file: kind, issuer, period and expiry; shows what is attached with its SHA-256. */
export function EvidenceAttach({
  assessmentId,
  questionnaireId,
  question,
  attached,
  onAttached,
  onError,
}: EvidenceAttachProps) {
  const kinds = question.evidence?.kinds ?? EVIDENCE_KINDS;
  const [kind, setKind] = useState<EvidenceKind>(kinds[0] ?? 'other');
  const [issuer, setIssuer] = useState('');
  const [periodStart, setPeriodStart] = useState('');
  const [periodEnd, setPeriodEnd] = useState('');
  const [expiresAt, setExpiresAt] = useState('');
  const [busy, setBusy] = useState(false);
  const roleLimit = useRoleLimit('evidence');

  const attach = async (file: File) => {
    if (file.size > MAX_EVIDENCE_BYTES) return onError(`${file.name} is larger than 25 MB`);
    setBusy(true);
    try {
      await send(file);
    } finally {
      setBusy(false);
    }
  };

  const send = async (file: File) => {
    const contentBase64 = await toBase64(file);
    const r = await call('evidence.attach', {
      assessmentId,
      questionnaireId,
      questionId: question.id,
      fileName: file.name,
      contentBase64,
      kind,
      issuer,
      periodStart: periodStart || null,
      periodEnd: periodEnd || null,
      expiresAt: expiresAt || null,
    });
    if (r.ok) onAttached();
    else onError(r.error.message);
  };

  return (
    <div className="evidence-attach">
      {attached.length > 0 && (
        <EvidenceList label="Attached evidence">
          {attached.map((e) => (
            <EvidenceItem key={e.id} name={e.fileName}>
              <span className="cell-muted">
                {EVIDENCE_KIND_LABELS[e.kind]} · {formatSize(e.size)} · SHA-256 {e.sha256.slice(0, 12)}…
                {e.expiresAt ? ` · valid until ${e.expiresAt}` : ''}
              </span>
            </EvidenceItem>
          ))}
        </EvidenceList>
      )}
      <div className="evidence-form">
        <label>
          Kind
          <select value={kind} onChange={(e) => setKind(e.target.value as EvidenceKind)}>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {EVIDENCE_KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Issuer
          <input
            value={issuer}
            onChange={(e) => setIssuer(e.target.value)}
            placeholder="e.g. the audit firm"
          />
        </label>
        <label>
          Period start
          <input type="date" value={periodStart} onChange={(e) => setPeriodStart(e.target.value)} />
        </label>
        <label>
          Period end
          <input type="date" value={periodEnd} onChange={(e) => setPeriodEnd(e.target.value)} />
        </label>
        <label title="Left empty: the period end plus how long this kind of evidence stays valid">
          Valid until
          <input type="date" value={expiresAt} onChange={(e) => setExpiresAt(e.target.value)} />
        </label>
        <label className="button file-button" title={roleLimit ?? undefined}>
          {busy ? 'Attaching…' : 'Attach file…'}
          <input
            type="file"
            aria-label="Attach evidence file"
            disabled={busy || roleLimit !== null}
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void attach(file);
            }}
          />
        </label>
      </div>
    </div>
  );
}

function formatSize(n: number): string {
  return n < 1024
    ? `${n} B`
    : n < 1024 * 1024
      ? `${(n / 1024).toFixed(1)} KB`
      : `${(n / 1024 / 1024).toFixed(1)} MB`;
}
