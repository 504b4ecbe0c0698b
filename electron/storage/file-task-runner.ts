import { backupFile, inspectFile, verifyAuditFile, type KeyedCheck, type ReconcileInput } from './file-tasks';
import type { Witness } from '../domain/audit-chain';

/** A task on the database file, as sent to the data worker. */
export type FileTask =
  | { kind: 'verify'; dbPath: string; witness?: Witness; keyed?: KeyedCheck; data?: ReconcileInput }
  | { kind: 'backup'; dbPath: string; out: string }
  | { kind: 'inspect'; dbPath: string };

/** Runs one file task (in the data worker, or in-process when running from source). */
export function runFileTask(task: FileTask): unknown {
  switch (task.kind) {
    case 'verify':
      return verifyAuditFile(task.dbPath, task.witness, task.keyed, task.data);
    case 'backup':
      backupFile(task.dbPath, task.out);
      return null;
    case 'inspect':
      return inspectFile(task.dbPath);
  }
}
