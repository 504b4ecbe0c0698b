import {
  backupFile,
  inspectFile,
  verifyAuditFile,
  walkAuditFile,
  type KeyedCheck,
  type ReconcileInput,
} from './file-tasks';
import type { ChainWalk, Witness } from '../domain/audit-chain';
import { openTeamDatabase } from './pg/team-database';
import { verifyTeamTrail } from './pg/verify-trail';

/** A task on the database file (or a team database), as sent to the data worker. */
export type FileTask =
  | { kind: 'verify'; dbPath: string; witness?: Witness; keyed?: KeyedCheck; data?: ReconcileInput }
  /**
   * A team database's trail checked on a connection of its own as the same login, so the app's
   * connection (and every request of the window) stays free meanwhile; `total`: its entries, for progress.
   */
  | { kind: 'verify-team'; url: string; total: number; witness?: Witness; data?: ReconcileInput }
  /** The first stretch of a long trail, walked beside the verify task (in a thread of its own). */
  | { kind: 'walk'; dbPath: string; upTo: number; witness?: Witness; keyed?: KeyedCheck }
  | { kind: 'backup'; dbPath: string; out: string }
  | { kind: 'inspect'; dbPath: string };

/**
 * Runs one file task (in the data worker, or in-process when running from source).
 * `elsewhere` runs a task in another thread: a long trail's first stretch is walked there
 * while this thread walks the rest.
 */
export async function runFileTask(
  task: FileTask,
  elsewhere?: (task: FileTask) => Promise<unknown>,
  progress?: (done: number, total: number, message: string) => void,
): Promise<unknown> {
  switch (task.kind) {
    case 'verify-team': {
      const team = openTeamDatabase(task.url);
      try {
        return verifyTeamTrail(team, {
          witness: task.witness,
          data: task.data,
          onPage: (read) => progress?.(read, Math.max(task.total, read, 1), `Checked ${read} audit entries`),
        });
      } finally {
        team.close();
      }
    }
    case 'verify': {
      const { dbPath, witness, keyed } = task;
      return verifyAuditFile(dbPath, {
        witness,
        keyed,
        data: task.data,
        walkFirstStretch:
          elsewhere &&
          ((upTo) => elsewhere({ kind: 'walk', dbPath, upTo, witness, keyed }) as Promise<ChainWalk>),
      });
    }
    case 'walk':
      return walkAuditFile(task.dbPath, task.upTo, task.witness, task.keyed);
    case 'backup':
      backupFile(task.dbPath, task.out);
      return null;
    case 'inspect':
      return inspectFile(task.dbPath);
  }
}
