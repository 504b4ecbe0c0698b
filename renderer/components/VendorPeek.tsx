import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { VendorListItem } from '../../electron/domain/vendor-list';
import { DECISION_LABELS } from '../../electron/domain/decision';
import { DATA_KIND_LABELS } from '../../electron/domain/vendor';
import { CriticalityBadge, StatusBadge, TierBadge, categoryLabel } from './Badge';
import { roleLimited, useRoleLimit } from '../hooks/useTeam';
import './VendorPeek.css';

/**
 * A vendor's essentials over the right of the list (it overlays the rows, never narrows the
 * table): tier, score, flags, decision, owner, next review, and the way to its page. Enter
 * inside it opens the page, Escape closes it.
 */
export function VendorPeek({
  vendor,
  onOpen,
  onEdit,
  onClose,
}: {
  vendor: VendorListItem;
  onOpen(id: string): void;
  onEdit(id: string): void;
  onClose(): void;
}) {
  const ref = useRef<HTMLElement>(null);
  const vendorLimit = useRoleLimit('vendors');
  const s = vendor.standing;
  useEffect(() => {
    ref.current?.scrollTo({ top: 0 });
  }, [vendor.id]);

  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onClose();
    } else if (e.key === 'Enter' && e.target === e.currentTarget) {
      e.preventDefault();
      onOpen(vendor.id);
    }
  };

  return (
    <aside
      ref={ref}
      className="vendor-peek"
      aria-label="Vendor peek"
      tabIndex={-1}
      onKeyDown={onKeyDown}
      onDoubleClick={() => onOpen(vendor.id)}
    >
      <header className="vendor-peek-header">
        <h2>{vendor.name}</h2>
        <button type="button" className="icon-button" aria-label="Close peek" onClick={onClose}>
          ×
        </button>
      </header>
      <dl className="vendor-peek-facts">
        <dt>Risk tier</dt>
        <dd>{s ? <TierBadge value={s.tier} /> : '—'}</dd>
        <dt>Control score</dt>
        <dd data-testid="peek-score">
          {s?.score == null ? '—' : `${s.score.toFixed(1)} / 100`}
          {s && <span className="cell-muted"> · {Math.floor(s.completeness * 100)}% answered</span>}
        </dd>
        <dt>Red flags</dt>
        <dd>
          {!s || s.openFlags === 0
            ? 'None open'
            : `${s.openFlags} open${s.knockouts ? `, ${s.knockouts} knockout${s.knockouts > 1 ? 's' : ''}` : ''}`}
        </dd>
        <dt>Decision</dt>
        <dd>{s?.decision ? DECISION_LABELS[s.decision] : 'None yet'}</dd>
        <dt>Next review</dt>
        <dd>{s?.nextReassessment ?? '—'}</dd>
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
        <dt>Owner</dt>
        <dd>{vendor.owner || '—'}</dd>
        <dt>Data it touches</dt>
        <dd>
          {vendor.dataTouched.length
            ? vendor.dataTouched.map((k) => DATA_KIND_LABELS[k]).join(', ')
            : 'Not recorded'}
        </dd>
        {vendor.tags.length > 0 && (
          <>
            <dt>Tags</dt>
            <dd>
              {vendor.tags.map((t) => (
                <span key={t} className="tag">
                  {t}
                </span>
              ))}
            </dd>
          </>
        )}
      </dl>
      <div className="vendor-peek-actions">
        <button type="button" className="button button-primary" onClick={() => onOpen(vendor.id)}>
          Open vendor page
        </button>
        <button
          type="button"
          className="button"
          {...roleLimited(vendorLimit)}
          onClick={() => onEdit(vendor.id)}
        >
          Edit
        </button>
      </div>
      <p className="cell-muted vendor-peek-hint">Enter or a double click opens the page · Esc closes</p>
    </aside>
  );
}
