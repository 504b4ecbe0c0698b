import type { ReactNode } from 'react';
import './EvidenceList.css';

/** Evidence files, each named, with what is known of it under the name. */
export function EvidenceList({ label, children }: { label?: string; children: ReactNode }) {
  return (
    <ul className="evidence-list" aria-label={label}>
      {children}
    </ul>
  );
}

/** One evidence file: its name, then `children` (kind, validity, hash). */
export function EvidenceItem({ name, children }: { name: string; children: ReactNode }) {
  return (
    <li>
      <span className="evidence-name">{name}</span>
      {children}
    </li>
  );
}
