/**
 * A portfolio worth reporting on: vendors (some with hostile or non-Latin names) with
 * submitted assessments that raise red flags, evidence, decisions, contract clauses and
 * devices. Built through the real dispatcher, as a user would build it.
 */
import { expect } from 'vitest';
import type { Dispatcher } from '../../electron/ipc/dispatch';
import type { AppServices } from '../../electron/services/services';
import type { Questionnaire } from '../../electron/domain/questionnaire';
import { answersFor } from '../fixtures/generated-answers';
import { vendorInput } from './helpers';

export { answersFor };

export const HOSTILE_NAME = '<img src=file:///etc/passwd>';
export const LONG_TOKEN = `SN${'0123456789ABCDEF'.repeat(31)}XYZ`; // 501 characters, no break
export const NAMES = [
  'Müller Logistik GmbH',
  '株式会社ロジテック',
  'שילוח מהיר',
  'شركة النقل',
  HOSTILE_NAME,
  'Zebra Technologies',
];

async function ok<T>(
  p: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>,
): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/** One vendor with a submitted quick-triage assessment, evidence, a decision and two clauses. */
export async function assessedVendor(
  app: { dispatcher: Dispatcher; services: AppServices },
  name: string,
  seed: number,
  options: { criticality?: 'low' | 'medium' | 'high' | 'critical'; note?: string } = {},
) {
  const vendor = app.services.vendors.create(
    vendorInput({ name, criticality: options.criticality ?? 'critical', category: 'robotics-iot' }),
  );
  const started = await ok(
    app.dispatcher.call('assessments.start', { vendorId: vendor.id, questionnaireIds: ['quick-triage'] }),
  );
  const q = await ok(app.dispatcher.call('questionnaires.get', { id: 'quick-triage' }));
  await ok(
    app.dispatcher.call('assessments.answerMany', {
      id: started.id,
      answers: answersFor(q as Questionnaire, seed, options.note ?? ''),
    }),
  );
  await ok(
    app.dispatcher.call('evidence.attach', {
      assessmentId: started.id,
      questionnaireId: 'quick-triage',
      questionId: 'tri_assurance_evidence',
      fileName: `soc2-${seed}.pdf`,
      contentBase64: Buffer.from(`report ${seed}`).toString('base64'),
      kind: 'soc2-type2',
      issuer: 'Audit & Co',
      periodStart: '2025-06-01',
      periodEnd: '2026-05-31',
      expiresAt: null,
    }),
  );
  await ok(app.dispatcher.call('assessments.setStatus', { id: started.id, status: 'submitted' }));
  await ok(
    app.dispatcher.call('decisions.record', {
      assessmentId: started.id,
      decision: 'approve-with-conditions',
      conditions: [{ text: 'Enable MFA for every admin', owner: 'IT security', due: '2027-01-31' }],
      notes: '',
    }),
  );
  await ok(
    app.dispatcher.call('clauses.set', {
      vendorId: vendor.id,
      clauseId: 'breach-notification',
      status: 'agreed',
      value: { type: 'hours', value: 96 },
    }),
  );
  await ok(
    app.dispatcher.call('clauses.set', {
      vendorId: vendor.id,
      clauseId: 'audit-rights',
      status: 'negotiating',
    }),
  );
  expect(vendor.name).toBe(name);
  return { vendor, assessmentId: started.id };
}
