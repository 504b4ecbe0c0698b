/**
 * A stored questionnaire's digest: the SHA-256 of its definition with its keys in a fixed
 * order, so the same questionnaire gives the same digest however it was written down. The
 * trail records it when a definition is stored (imported, or pinned by an assessment), and
 * `audit verify` compares (storage/reconcile.ts). Apart from audit-reconcile.ts, which the
 * contract loads in the sandboxed preload: this needs node:crypto.
 */
import { hash } from 'node:crypto';
import { canonical } from './audit-reconcile';

export function definitionDigest(definition: unknown): string {
  return hash('sha256', canonical(definition), 'hex');
}
