/**
 * Every operation in the contract rejects malformed input with a clear message and
 * leaves the database (and preferences) exactly as they were.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { openApp, vendorInput } from './helpers';
import { DATABASE_FILE } from '../../electron/storage/database';
import { OPERATION_NAMES, type OperationName } from '../../electron/ipc/contract';

const uuid = '2c5ea4c0-4067-11e9-8bad-9b1deb4d3b7d';
const generic: unknown[] = [
  42,
  'vendors',
  true,
  [],
  [{}],
  { bogus: 1 },
  JSON.parse('{"__proto__": {"polluted": 1}}'),
];
/** Valid risk settings, each malformed case breaks one field of them. */
const goodRisk = {
  thresholds: { critical: 60, high: 40, medium: 20 },
  reassessMonths: { critical: 6, high: 12, medium: 24, low: 36 },
  knockoutTier: 'high',
  controlEffect: 0.8,
};
const deep = (n: number): unknown => (n === 0 ? {} : { a: deep(n - 1) });

/** Malformed payloads of each operation's own shape; a new operation must add its cases. */
const specific: Record<OperationName, unknown[]> = {
  'app.info': [{ verbose: true }],
  'vendors.list': [
    { sort: 'name; DROP TABLE vendors' },
    { direction: 'sideways' },
    { categories: ['spaceship'] },
    { categories: 'wms-saas' },
    { search: 'x'.repeat(1000) },
    { statuses: Array(50).fill('active') },
    { tiers: ['severe'] },
    { decisions: ['maybe'] },
    { flags: 'some' },
    { completeness: 0.5 },
    { minScore: -1 },
    { maxScore: 101 },
    { minScore: 70, maxScore: 40 },
    { reassessment: 'late' },
    { conditionsPastDue: 'yes' },
    { evidence: '45' },
    { evidence: 'expired; DROP TABLE vendors' },
  ],
  'vendors.get': [{ id: 5 }, { id: 'not-a-uuid' }, { id: "' OR 1=1 --" }, {}],
  'vendors.create': [
    {},
    { name: '', category: '3pl' },
    { name: 'X', category: 'spaceship' },
    { name: 'X'.repeat(201), category: '3pl' },
    { name: 'X', category: '3pl', dataTouched: ['none', 'pii'] },
    { name: 'X', category: '3pl', dataTouched: ['pii', 'pii'] },
    { name: 'X', category: '3pl', tags: ['=cmd()'] },
    { name: 'X', category: '3pl', tags: Array(30).fill('t') },
    { name: 'X', category: '3pl', id: uuid },
    { name: 'X', category: '3pl', criticality: 'extreme' },
    { name: 'X', category: '3pl', notes: 'n'.repeat(20001) },
    { name: 'X', category: '3pl', nested: deep(200) },
  ],
  'vendors.update': [
    { id: uuid },
    { id: 'x', patch: { name: 'Y' } },
    { id: uuid, patch: { category: 'bad' } },
    { id: uuid, patch: { name: '' } },
    { id: uuid, patch: { id: uuid } },
    { id: uuid, patch: 'name=Y' },
  ],
  'vendors.remove': [{}, { id: 'all' }, { id: [uuid] }],
  'vendors.history': [
    { id: uuid, limit: 1e9 },
    { id: uuid, limit: -1 },
    { id: uuid, limit: 1.5 },
    { limit: 5 },
  ],
  'demo.load': [{ jobId: 'bad id!' }, { jobId: '' }, { jobId: 'x'.repeat(65) }, { count: 5000 }],
  'demo.remove': [{ jobId: 'bad id!' }, { all: true }],
  'demo.status': [{ verbose: true }],
  'settings.getCompany': [{ company: 'x' }],
  'team.session': [{ extra: 1 }],
  'settings.setCompany': [{}, { company: 5 }, { company: 'x'.repeat(201) }, { company: 'A', extra: 1 }],
  'settings.getRoadmapOwner': [{ owner: 'x' }],
  'settings.setRoadmapOwner': [{}, { owner: 5 }, { owner: 'x'.repeat(201) }, { owner: 'A', extra: 1 }],
  'settings.getBoardTargets': [{ targets: {} }],
  'settings.setBoardTargets': [
    {},
    { targets: { averageScore: 101 } },
    { targets: { critical: -1 } },
    { targets: { nonsense: 1 } },
    { targets: { high: '5' } },
  ],
  'jobs.cancel': [{}, { jobId: '../../' }, { jobId: 7 }],
  'questionnaires.list': [{ all: true }],
  'questionnaires.get': [
    {},
    { id: 5 },
    { id: 'x'.repeat(200) },
    { id: 'soc2-audits', version: 'x'.repeat(50) },
  ],
  'questionnaires.validate': [
    {},
    { content: '' },
    { content: 'x', format: 'excel' },
    { content: '{', extensions: 'x' },
  ],
  'questionnaires.import': [
    {},
    { content: '' },
    { content: '{"format": "vendor-risk-questionnaire/1"}' },
    { content: 'not json at all' },
    { content: '{}', format: 'excel' },
    { content: '// nothing\n', format: 'vsaq' },
  ],
  'assessments.start': [
    {},
    { vendorId: 'x', questionnaireIds: ['quick-triage'] },
    { vendorId: uuid, questionnaireIds: [] },
    { vendorId: uuid, questionnaireIds: ['quick-triage'] },
    { vendorId: null, questionnaireIds: ['no-such-questionnaire'] },
    { vendorId: null, questionnaireIds: ['quick-triage'] },
  ],
  'assessments.list': [{}, { vendorId: 'me' }],
  'assessments.get': [{}, { id: 'x' }, { id: uuid }],
  'assessments.answer': [
    { id: uuid },
    { id: uuid, answer: { questionnaireId: 'q', questionId: 'x', answer: { status: 'maybe' } } },
    {
      id: uuid,
      answer: { questionnaireId: 'q', questionId: 'x', answer: { status: 'answered', value: { a: 1 } } },
    },
    { id: uuid, answer: { questionnaireId: 'q', questionId: 'x', note: 'n'.repeat(10001) } },
    { id: uuid, answer: { questionnaireId: 'q', questionId: 'x' } },
  ],
  'assessments.answerMany': [
    { id: uuid, answers: [] },
    { id: uuid, answers: 'yes' },
    { id: uuid, answers: [{ questionnaireId: 'q', questionId: 'x' }] },
  ],
  'assessments.setPosition': [{ id: uuid }, { id: uuid, position: '' }, { id: uuid, position: 'q/x' }],
  'assessments.review': [{}, { id: 'x' }, { id: uuid }],
  'assessments.setStatus': [
    { id: uuid, status: 'done' },
    { id: uuid, status: 'closed' },
  ],
  'evidence.attach': [
    {},
    {
      assessmentId: uuid,
      questionnaireId: 'q',
      questionId: 'x',
      fileName: 'a.pdf',
      contentBase64: 'AAAA',
      kind: 'diploma',
    },
    {
      assessmentId: uuid,
      questionnaireId: 'q',
      questionId: 'x',
      fileName: 'a.pdf',
      contentBase64: 'AAAA',
      kind: 'other',
      expiresAt: '31/12/2026',
    },
    {
      assessmentId: uuid,
      questionnaireId: 'q',
      questionId: 'x',
      fileName: 'a.pdf',
      contentBase64: 'AAAA',
      kind: 'other',
    },
  ],
  'evidence.list': [{}, { vendorId: 'x' }],
  'scores.vendor': [{}, { id: 'x' }, { id: uuid }],
  'portfolio.summary': [{ all: true }, { today: '2027-01-01' }],
  'portfolio.trend': [{ all: true }, { quarters: 20 }],
  'decisions.record': [
    {},
    { assessmentId: uuid, decision: 'maybe' },
    { assessmentId: uuid, decision: 'approve-with-conditions', conditions: [] },
    { assessmentId: uuid, decision: 'approve', conditions: [{ text: 'x', owner: 'y', due: '2027-01-01' }] },
    {
      assessmentId: uuid,
      decision: 'approve-with-conditions',
      conditions: [{ text: 'x', owner: '', due: 'soon' }],
    },
    { assessmentId: uuid, decision: 'approve' },
  ],
  'decisions.list': [{}, { vendorId: 'x' }],
  'assessments.selfResult': [{}, { id: 'x' }, { id: uuid }],
  'scores.trend': [{}, { id: 'x' }, { id: uuid }],
  'settings.getRisk': [{ key: 'risk' }],
  'settings.setRisk': [
    {},
    { ...goodRisk, thresholds: { critical: 10, high: 40, medium: 20 } },
    { ...goodRisk, reassessMonths: { ...goodRisk.reassessMonths, critical: 0 } },
    { ...goodRisk, knockoutTier: 'severe' },
    { ...goodRisk, controlEffect: 2 },
  ],
  'filters.list': [{ name: 'x' }],
  'filters.save': [
    {},
    { name: '', query: {} },
    { name: '   ', query: {} },
    { name: 'x'.repeat(61), query: {} },
    { name: 'Critical', query: { tiers: ['severe'] } },
    { name: 'Critical', query: { sort: 'name; DROP TABLE vendors' } },
    { name: 'Critical' },
  ],
  'filters.remove': [{}, { name: '' }, { name: 'No such filter' }],
  'clauses.library': [{ id: 'x' }],
  'clauses.saveClause': [
    {},
    { id: 'Bad Id', title: 'x', why: 'x', position: { text: 'x' }, valueTypes: ['hours'] },
    { id: 'x', title: 'x', why: 'x', position: { text: 'x' }, valueTypes: [] },
    { id: 'x', title: 'x', why: 'x', position: { text: 'x' }, valueTypes: ['weeks'] },
    {
      id: 'x',
      title: 'x',
      why: 'x',
      position: { text: 'x', rules: [{ kind: 'regions-within', regions: ['eu'] }] },
      valueTypes: ['hours'],
    },
    { id: 'x', title: '', why: 'x', position: { text: 'x' }, valueTypes: ['hours'] },
  ],
  'clauses.removeClause': [{}, { id: '' }, { id: 'no-such-clause' }],
  'clauses.forVendor': [{}, { vendorId: 'x' }, { vendorId: uuid }],
  'clauses.set': [
    {},
    { vendorId: uuid, clauseId: 'breach-notification', status: 'done' },
    { vendorId: uuid, clauseId: 'breach-notification', status: 'waived' },
    {
      vendorId: uuid,
      clauseId: 'breach-notification',
      status: 'agreed',
      waiver: { reason: 'x', acceptedBy: 'y' },
    },
    {
      vendorId: uuid,
      clauseId: 'breach-notification',
      status: 'agreed',
      value: { type: 'hours', value: -1 },
    },
    { vendorId: uuid, clauseId: 'breach-notification', status: 'agreed', value: { type: 'weeks', value: 1 } },
    {
      vendorId: uuid,
      clauseId: 'cyber-insurance',
      status: 'agreed',
      value: { type: 'money', amount: 5, currency: 'euro' },
    },
    {
      vendorId: uuid,
      clauseId: 'data-residency',
      status: 'agreed',
      value: { type: 'regions', value: ['mars'] },
    },
    { vendorId: uuid, clauseId: 'breach-notification', status: 'agreed' },
  ],
  'clauses.comment': [
    {},
    { vendorId: uuid, clauseId: 'breach-notification', text: '  ' },
    { vendorId: uuid, clauseId: 'breach-notification', text: 'Fine' },
  ],
  'clauses.signOff': [{}, { vendorId: 'x' }, { vendorId: uuid }],
  'clauses.matrix': [{ needsReview: 'yes' }],
  'clauses.exportCsv': [{ needsReview: 1 }, { path: '/etc/passwd' }],
  'devices.chooseFile': [{ path: '/etc/passwd' }, { extension: '.db' }],
  'devices.openPath': [{}, { path: '' }, { path: 5 }, { path: '/etc', extra: 1 }],
  'devices.preview': [
    { source: 'WMS', fileId: 'not-an-id' },
    { source: 'WMS', fileName: 'a.csv' },
    {
      source: 'WMS',
      fileName: 'a.csv',
      contentBase64: 'aWQ=',
      fileId: '00000000-0000-4000-8000-000000000000',
    },
    {},
    { source: '', fileName: 'a.csv', contentBase64: '' },
    { source: 'WMS', fileName: 'a.csv', contentBase64: '' },
    { source: 'WMS', fileName: 'a.csv', contentBase64: Buffer.from('id,type\n').toString('base64') },
    {
      source: 'WMS',
      fileName: 'a.bin',
      contentBase64: Buffer.from([0, 1, 2, 3, 255, 0, 7, 8, 0, 0]).toString('base64'),
    },
    { source: 'WMS', fileName: 'a.json', contentBase64: Buffer.from('[{"id": 1},').toString('base64') },
    { source: 'WMS', fileName: 'a.csv', contentBase64: Buffer.from('id,name\n"1,x\n').toString('base64') },
    // (A file with no column naming the devices is previewed, every row saying why, so the
    // user can map one; applying it is refused: device-import-field.test.ts.)
    {
      source: 'WMS',
      fileName: 'a.csv',
      contentBase64: Buffer.from(`${Array.from({ length: 2000 }, (_, i) => `c${i}`).join(',')}\n`).toString(
        'base64',
      ),
    },
    {
      source: 'WMS',
      fileName: 'a.json',
      contentBase64: Buffer.from(`[{"id":${'['.repeat(100)}${']'.repeat(100)}}]`).toString('base64'),
    },
    {
      source: 'WMS',
      fileName: 'a.csv',
      contentBase64: 'aWQKMQo=',
      mapping: { columns: { serial: 'serial' } },
    },
    {
      source: 'WMS',
      fileName: 'a.csv',
      contentBase64: Buffer.from('id,sn\n1,2\n').toString('base64'),
      mapping: { columns: { id: 'serial', sn: 'serial' } },
    },
    {
      source: 'WMS',
      fileName: 'a.csv',
      contentBase64: 'aWQKMQo=',
      mapping: { columns: { id: 'spaceship' } },
    },
  ],
  'vendorImport.chooseFile': [{ path: '/etc/passwd' }],
  'vendorImport.openPath': [{}, { path: '' }, { path: 5 }, { path: '/etc', extra: 1 }],
  'vendorImport.preview': [
    {},
    { fileId: 'not-an-id' },
    { fileName: 'a.csv' },
    { fileName: 'a.csv', contentBase64: '' },
    { fileName: 'a.csv', contentBase64: Buffer.from('Vendor Name,Tier\n').toString('base64') },
    { fileName: 'a.xls', contentBase64: Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 1]).toString('base64') },
    { fileName: 'a.xlsx', contentBase64: Buffer.from('PK\x03\x04 not a zip').toString('base64') },
    { fileName: 'a.csv', contentBase64: 'aWQKMQo=', mapping: { columns: { nope: 'name' } } },
    { fileName: 'a.csv', contentBase64: 'aWQKMQo=', mapping: { columns: { id: 'spaceship' } } },
    { fileName: 'a.csv', contentBase64: 'aWQKMQo=', mapping: { values: { criticality: { x: 'extreme' } } } },
  ],
  'vendorImport.apply': [{}, { token: 'x' }, { token: uuid }],
  'sboms.import': [
    {},
    { vendorId: 'not-an-id', fileName: 'a.json', contentBase64: 'e30=' },
    { vendorId: uuid, fileName: '', contentBase64: 'e30=' },
    { vendorId: uuid, fileName: 'a.json', contentBase64: '' },
    { vendorId: uuid, fileName: 'a.json', contentBase64: 'e30=', model: 'x'.repeat(201) },
    { vendorId: uuid, fileName: 'a.json', contentBase64: 'e30=', extra: 1 },
    {
      vendorId: uuid,
      fileName: 'a.json',
      contentBase64: Buffer.from('{"bomFormat":"CycloneDX"}').toString('base64'),
    },
  ],
  'sboms.chooseFile': [{ path: '/etc/passwd' }],
  'sboms.importFile': [
    {},
    { vendorId: uuid, fileId: '/etc/passwd' },
    { vendorId: uuid, fileId: uuid },
    { vendorId: uuid, fileId: uuid, path: '/etc/passwd' },
  ],
  'sboms.list': [{ vendorId: 'x' }, { vendorId: uuid }, { vendorId: uuid, extra: 1 }],
  'vulnerabilities.overview': [{ extra: 1 }],
  'vulnerabilities.vendor': [{}, { vendorId: 'x' }, { vendorId: uuid }],
  'vulnerabilities.advisories': [{ kevOnly: 'yes' }, { extra: 1 }],
  'vulnerabilities.advisory': [{}, { trackingId: '' }, { trackingId: 'NO-SUCH-ADVISORY' }],
  'vendorImport.discard': [{}, { token: 'x' }],
  'vendorImport.errorsCsv': [{}, { token: uuid }],
  'devices.apply': [{}, { token: 'x' }, { token: uuid }],
  'devices.discard': [{}, { token: 'x' }],
  'devices.errorsCsv': [{}, { token: uuid }],
  'devices.list': [
    { sort: 'name; DROP TABLE devices' },
    { limit: 100000 },
    { offset: -1 },
    { finding: 'bad' },
  ],
  'devices.facets': [{ all: true }],
  'devices.findings': [{ vendorId: 'x' }],
  'devices.vulnerabilities': [
    { vendorId: 'x' },
    { kev: 'yes' },
    { limit: 0 },
    { limit: 1e9 },
    { offset: -1 },
  ],
  'devices.vendorVulnerabilities': [{}, { vendorId: 'x' }, { vendorId: null }],
  'devices.rematch': [{ jobId: '../x' }, { extra: 1 }],
  'devices.links': [{ extra: 1 }],
  'devices.link': [
    {},
    { manufacturer: 'Zebra', vendorId: 'x' },
    { manufacturer: '', vendorId: null },
    { manufacturer: 'Zebra', vendorId: uuid },
  ],
  'devices.accept': [
    {},
    { source: 'WMS', deviceId: 'd1', check: 'bad', reason: 'x', expiresOn: '2027-01-01' },
    { source: 'WMS', deviceId: 'd1', check: 'no-mtls', reason: '', expiresOn: '2027-01-01' },
    { source: 'WMS', deviceId: 'd1', check: 'no-mtls', reason: 'x', expiresOn: 'soon' },
    { source: 'WMS', deviceId: 'd1', check: 'no-mtls', reason: 'Isolated VLAN', expiresOn: '2027-01-01' },
  ],
  'devices.history': [{ limit: 0 }, { limit: 'all' }],
  'advisories.importPaths': [
    {},
    { paths: [] },
    { paths: '/tmp' },
    { paths: [''] },
    { paths: ['/tmp'], extra: 1 },
  ],
  'advisories.choose': [{ folders: 'yes' }, { path: '/etc' }],
  'advisories.import': [{}, { fileIds: [] }, { fileIds: ['/etc/passwd'] }, { fileIds: [uuid] }],
  'advisories.list': [{ all: true }],
  'advisories.kev': [{ since: '2024-01-01' }],
  'devices.exportCsv': [{ out: '/etc/passwd' }],
  'devices.getSettings': [{ key: 'x' }],
  'devices.setSettings': [
    {},
    { certExpiringDays: 0, heartbeatHours: 24, firmwareMaxAgeDays: 365, recentlySeenDays: 7 },
  ],
  'audit.list': [
    { limit: 0 },
    { limit: 100000 },
    { offset: -1 },
    { entities: ['spaceship'] },
    { actions: 'delete' },
    { vendorId: "' OR 1=1 --" },
    { from: 'yesterday' },
    { to: '2026-13-45; DROP TABLE audit_log' },
  ],
  'audit.verify': [
    { expectedHead: 'abc' },
    { expectedHead: 'G'.repeat(64) },
    { jobId: '../x' },
    { extra: 1 },
  ],
  'audit.exportCsv': [{ limit: 5 }, { actor: '' }, { entities: [1] }],
  'audit.exportJson': [{ offset: 5 }, { from: 20261124 }, { vendorId: 'x' }],
  'backups.list': [{ dir: '/tmp' }],
  'backups.setSettings': [{}, { keep: 0 }, { keep: 1000 }, { keep: 2.5 }, { keep: '5' }],
  'backups.snapshot': [{ reason: 'manual' }, { jobId: '' }],
  'backups.saveAs': [{ path: '/tmp/x.db' }],
  'backups.save': [{}, { path: '' }, { path: 7 }],
  'backups.restoreSnapshot': [
    {},
    { file: '../vendor-risk.db' },
    { file: '/etc/passwd' },
    { file: 'vendor-risk-20260101-000000-manual.db/../../x' },
    { file: 'vendor-risk-20260101-000000-manual.db' },
  ],
  'backups.restoreFromFile': [{ path: '/tmp/x.db' }],
  'backups.restorePath': [{}, { path: '' }, { path: '/nonexistent/backup.db' }],
  'encryption.status': [{ verbose: true }],
  'encryption.enable': [
    { passphrase: 'short' },
    { passphrase: 5 },
    { passphrase: 'x'.repeat(201) },
    { key: 'abc' },
  ],
  'encryption.unlock': [{}, { passphrase: '' }, { passphrase: ['a'] }],
  'encryption.lock': [{ now: true }],
  'encryption.setPassphrase': [{}, { passphrase: 'short' }],
  'team.status': [{ verbose: true }],
  'team.test': [
    {},
    { settings: { host: 'db', port: 5432, database: 'vr', user: 'dana', tls: 'verify-full', caFile: null } },
    {
      settings: { host: 'db', port: 70000, database: 'vr', user: 'dana', tls: 'verify-full', caFile: null },
      password: 'x',
    },
    {
      settings: { host: 'db/x', port: 5432, database: 'vr', user: 'dana', tls: 'prefer', caFile: null },
      password: 'x',
    },
    {
      settings: { host: 'db', port: 5432, database: '', user: 'x'.repeat(64), tls: 'disable', caFile: null },
      password: 'x',
    },
  ],
  'team.connect': [
    { settings: { host: 'db', port: '5432', database: 'vr', user: 'dana', tls: 'require' }, password: 'x' },
    {
      settings: {
        host: 'db',
        port: 5432,
        database: 'vr',
        user: 'dana',
        tls: 'require',
        caFile: null,
        password: 'x',
      },
      password: 'x',
    },
  ],
  'team.disconnect': [{ now: true }],
  'team.chooseCaFile': [{ path: '/etc/passwd' }],
  'team.resume': [{ now: true }],
  'team.ping': [{ deep: true }],
  'exchange.export': [
    {},
    { vendorId: uuid, questionnaireIds: [], format: 'xlsx' },
    { vendorId: uuid, questionnaireIds: ['q'], format: 'pdf' },
    { vendorId: uuid, questionnaireIds: ['q'], format: 'html', dueDate: '15/01/2027' },
    { vendorId: uuid, questionnaireIds: ['q'], format: 'html', sboms: [{ model: '' }] },
    { vendorId: uuid, questionnaireIds: ['q'], format: 'html', sboms: [{ model: 'x'.repeat(201) }] },
    { vendorId: uuid, questionnaireIds: ['q'], format: 'html', sboms: [{ model: 'TC52', extra: 1 }] },
  ],
  'exchange.save': [
    { vendorId: uuid, questionnaireIds: ['q'], format: 'html' },
    { vendorId: uuid, questionnaireIds: ['q'], format: 'html', path: '' },
  ],
  'exchange.preview': [
    {},
    { vendorId: uuid, fileName: 'x.json', contentBase64: '' },
    { vendorId: 'x', fileName: 'a', contentBase64: 'AA==' },
  ],
  'exchange.apply': [
    {},
    { token: 'x', accept: 'all' },
    { token: uuid, accept: 'some' },
    { token: uuid, accept: 'all' },
  ],
  'exchange.discard': [{}, { token: 5 }],
  'exchange.sbomModels': [{}, { vendorId: 'x' }, { vendorId: uuid, extra: 1 }],
  'exchange.sbomRequests': [{}, { vendorId: 5 }],
  'reports.export': [
    {},
    { target: { kind: 'annual' } },
    { target: { kind: 'vendor' } },
    { target: { kind: 'vendor', vendorId: '../../etc/passwd' } },
    { target: { kind: 'self', assessmentId: 5 } },
    { target: { kind: 'board' }, path: '/tmp/x.pdf' },
    { target: { kind: 'board' }, jobId: 'a b' },
  ],
  'reports.save': [
    { target: { kind: 'board' } },
    { target: { kind: 'board' }, path: '' },
    { target: { kind: 'board', appendix: 'no' }, path: '/tmp/x.pdf' },
    { target: { kind: 'board' }, path: 'x'.repeat(5000) },
    { target: { kind: 'vendor', vendorId: uuid, extra: 1 }, path: '/tmp/x.pdf' },
  ],
  'reports.showInFolder': [{}, { path: '' }, { path: 7 }],
  'preferences.get': [{ key: 'theme' }],
  'preferences.set': [
    { theme: 'neon' },
    { assessorName: 5 },
    { assessorName: 'n'.repeat(121) },
    { recentFolders: ['/etc'] },
    { window: { x: 0 } },
  ],
};

/** Every row of every table, read through a second connection, plus the preferences file. */
function snapshot(dataDir: string): string {
  const db = new DatabaseSync(join(dataDir, DATABASE_FILE), { readOnly: true });
  try {
    const rows = [
      'vendors',
      'audit_log',
      'schema_migrations',
      'questionnaires',
      'assessments',
      'assessment_questionnaires',
      'answers',
      'evidence',
      'settings',
      'decisions',
      'vendor_standings',
      'vendor_clauses',
      'clause_comments',
      'legal_signoffs',
      'devices',
      'device_imports',
      'device_mappings',
      'manufacturer_links',
      'device_acceptances',
    ].map((t) => db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all());
    const prefsPath = join(dataDir, 'preferences.json');
    return JSON.stringify({ rows, prefs: existsSync(prefsPath) ? readFileSync(prefsPath, 'utf8') : null });
  } finally {
    db.close();
  }
}

describe('malformed input to every operation', () => {
  it('has malformed cases for every operation in the contract', () => {
    expect(Object.keys(specific).sort()).toEqual([...OPERATION_NAMES].sort());
  });

  for (const operation of OPERATION_NAMES) {
    it(`${operation} rejects malformed payloads and changes nothing`, async () => {
      const app = openApp();
      app.services.vendors.create(vendorInput());
      app.preferences.set({ theme: 'dark' });
      const before = snapshot(app.dataDir);
      for (const payload of [...generic, ...specific[operation]]) {
        const result = await app.dispatcher.dispatch(operation, payload, { kind: 'local' });
        expect(result.ok, `${operation} accepted ${JSON.stringify(payload)?.slice(0, 80)}`).toBe(false);
        if (!result.ok) {
          expect(['INVALID_INPUT', 'NOT_FOUND', 'CONFLICT']).toContain(result.error.code);
          expect(result.error.message.length).toBeGreaterThan(5);
          expect(result.error.message).not.toMatch(/\n\s+at /);
        }
        expect(snapshot(app.dataDir)).toBe(before);
      }
      expect(app.internalErrors).toEqual([]);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  }
});
