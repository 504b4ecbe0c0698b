import type { AuditAction, AuditEntity } from './audit';

const ENTITY_WORDS: Record<AuditEntity, string> = {
  vendor: 'Vendor',
  portfolio: 'Portfolio',
  questionnaire: 'Questionnaire',
  assessment: 'Assessment',
  answer: 'Answer',
  evidence: 'Evidence',
  settings: 'Settings',
  decision: 'Decision',
  clause: 'Contract clause',
  'vendor-clause': 'Vendor’s clause',
  'sign-off': 'Legal sign-off',
  'device-import': 'Device import',
  exchange: 'Questionnaire exchange',
  sbom: 'SBOM',
  vex: 'VEX statement',
  'advisory-import': 'Advisory import',
};

const ACTION_WORDS: Record<AuditAction, string> = {
  create: 'Created',
  update: 'Changed',
  delete: 'Deleted',
  'demo-load': 'Sample loaded',
  import: 'Imported',
  upgrade: 'Upgraded',
  answer: 'Answered',
  attach: 'Attached',
  comment: 'Commented',
  'sign-off': 'Signed off',
  reopen: 'Reopened',
  restore: 'Restored',
  send: 'Sent',
  pin: 'Pinned',
};

/** Abbreviations kept upper-case when a field name is put in words. */
const ACRONYMS = new Set([
  'id',
  'ids',
  'url',
  'sbom',
  'vex',
  'kev',
  'cve',
  'cvss',
  'csv',
  'pdf',
  'api',
  'ip',
  'mac',
]);

/** The kind of record an audit entry is about, in words ("Contract clause"). */
export function auditEntityWords(entity: AuditEntity): string {
  return ENTITY_WORDS[entity];
}

/** What an audit entry records, in words ("Signed off"). */
export function auditActionWords(action: AuditAction): string {
  return ACTION_WORDS[action];
}

/**
 * A stored field's name in words: `lastFirmwareUpdate` → "Last firmware update",
 * `risk.tiers.high` → "Risk › tiers › high", `vendor_id` → "Vendor ID".
 */
export function auditFieldWords(field: string): string {
  return field
    .split('.')
    .map((part, i) => {
      const words = part
        .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
        .replace(/[_-]+/g, ' ')
        .trim()
        .split(/\s+/)
        .map((w) => (ACRONYMS.has(w.toLowerCase()) ? w.toUpperCase() : w.toLowerCase()));
      const text = words.join(' ');
      return i === 0 ? text.charAt(0).toUpperCase() + text.slice(1) : text;
    })
    .join(' › ');
}

/**
 * The record's own name as its entry carries it (a vendor's or clause's name, a
 * questionnaire's title, a file's name), else null: the list shows it instead of an id.
 */
export function auditRecordName(before: unknown, after: unknown): string | null {
  for (const record of [after, before]) {
    if (typeof record !== 'object' || record === null || Array.isArray(record)) continue;
    const r = record as Record<string, unknown>;
    for (const key of ['name', 'title', 'fileName', 'vendorName', 'source']) {
      const value = r[key];
      if (typeof value === 'string' && value.trim()) return value.trim();
    }
  }
  return null;
}
