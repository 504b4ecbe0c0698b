import type { Storage } from '../storage/storage';
import type { AuditAction, AuditEntity } from '../domain/audit';

/** What every service needs from its caller: storage, who acts, and the clock. */
export interface ServiceContext {
  storage: Storage;
  /** The person acting: assessor name from preferences, or the OS user. */
  actor(): string;
  now(): Date;
  newId(): string;
}

/** A long operation's link back to its caller: cancel signal and progress reports. */
export interface JobContext {
  signal: AbortSignal;
  progress(done: number, total: number, message: string): void;
}

/** A job context for calls that nobody watches or cancels. */
export const NO_JOB: JobContext = { signal: new AbortController().signal, progress: () => {} };

/** Appends an audit entry; call it inside the transaction of the change it records. */
export function recordAudit(
  ctx: ServiceContext,
  entity: AuditEntity,
  entityId: string | null,
  action: AuditAction,
  before: unknown,
  after: unknown,
): void {
  ctx.storage.audit.append({
    at: ctx.now().toISOString(),
    actor: ctx.actor(),
    entity,
    entityId,
    action,
    before: before ?? null,
    after: after ?? null,
  });
}
