/**
 * Where each sealed value lives — table, record and field — as the associated data it is
 * sealed with (storage/cipher.ts): a value moved onto another record or field no longer
 * opens. One place name per sensitive column, here, so sealing and opening agree.
 */

export const place = {
  vendorNotes: (id: string) => `vendors/${id}/notes`,
  answerNote: (assessmentId: string, questionnaireId: string, questionId: string) =>
    `answers/${assessmentId}/${questionnaireId}/${questionId}/note`,
  decisionNotes: (id: string) => `decisions/${id}/notes`,
  clause: (vendorId: string, clauseId: string, field: 'value' | 'waiver') =>
    `vendor_clauses/${vendorId}/${clauseId}/${field}`,
  commentText: (id: string) => `clause_comments/${id}/text`,
  evidenceFile: (id: string) => `evidence/${id}`,
  auditEntry: (id: number) => `audit_log/${id}`,
} as const;

/**
 * Every sensitive column with the SQL that names a row's place, for the work done over
 * whole tables (sealing what was written before encryption, sealing again with places).
 */
export const SENSITIVE_COLUMNS = [
  { table: 'vendors', column: 'notes', place: "'vendors/' || id || '/notes'" },
  {
    table: 'answers',
    column: 'note',
    place: "'answers/' || assessment_id || '/' || questionnaire_id || '/' || question_id || '/note'",
  },
  { table: 'decisions', column: 'notes', place: "'decisions/' || id || '/notes'" },
  {
    table: 'vendor_clauses',
    column: 'value',
    place: "'vendor_clauses/' || vendor_id || '/' || clause_id || '/value'",
  },
  {
    table: 'vendor_clauses',
    column: 'waiver',
    place: "'vendor_clauses/' || vendor_id || '/' || clause_id || '/waiver'",
  },
  { table: 'clause_comments', column: 'text', place: "'clause_comments/' || id || '/text'" },
] as const;
