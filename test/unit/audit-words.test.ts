import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, AUDIT_ENTITIES, changedFields } from '../../electron/domain/audit';
import {
  auditActionWords,
  auditEntityWords,
  auditFieldWords,
  auditRecordName,
} from '../../electron/domain/audit-words';

describe('the audit trail in words', () => {
  it('names every kind of record and action in words, none of them a stored key', () => {
    for (const e of AUDIT_ENTITIES) expect(auditEntityWords(e)).toMatch(/^[A-Z]/);
    for (const a of AUDIT_ACTIONS) expect(auditActionWords(a)).toMatch(/^[A-Z][a-z]+( [a-z]+)?$/);
    expect(auditEntityWords('vendor-clause')).toBe('Vendor’s clause');
    expect(auditActionWords('sign-off')).toBe('Signed off');
  });

  it.each([
    ['owner', 'Owner'],
    ['lastFirmwareUpdate', 'Last firmware update'],
    ['vendor_id', 'Vendor ID'],
    ['sbomId', 'SBOM ID'],
    ['risk.tiers.high', 'Risk › tiers › high'],
    ['kevDueDate', 'KEV due date'],
    ['(value)', '(value)'],
  ])('puts the field %s as "%s"', (field, words) => {
    expect(auditFieldWords(field)).toBe(words);
  });

  it('names the record by its own name, title or file, after a change before before it', () => {
    expect(auditRecordName({ name: 'Old Name' }, { name: 'New Name' })).toBe('New Name');
    expect(auditRecordName({ name: 'Gone Freight' }, null)).toBe('Gone Freight');
    expect(auditRecordName(null, { title: 'Firmware signing' })).toBe('Firmware signing');
    expect(auditRecordName(null, { fileName: 'soc2.pdf' })).toBe('soc2.pdf');
    expect(auditRecordName({ value: 3 }, 'text')).toBeNull();
    expect(auditRecordName(null, { name: '   ' })).toBeNull();
  });
});

describe('what changed', () => {
  it('names changed fields, not the times or a team database’s row version', () => {
    const before = { name: 'Acme', owner: 'Pat', updatedAt: '2026-12-01', version: 3 };
    expect(changedFields(before, { ...before, owner: 'Lee', updatedAt: '2026-12-08', version: 4 })).toEqual([
      'owner',
    ]);
    // The same values saved again on a team database: nothing changed (the CLI says "unchanged").
    expect(changedFields(before, { ...before, updatedAt: '2026-12-08', version: 4 })).toEqual([]);
  });
});
