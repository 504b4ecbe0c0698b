/**
 * docs/operations.md, made from the contract: every operation with its feature module,
 * whether it is long-running (a job with progress and cancel) or local-only (refused to
 * the page), and its one-line summary. A unit test keeps the file in step with the contract.
 */
import { FEATURE_MODULES } from './contract';

/** The command that rewrites docs/operations.md from the contract. */
export const REGENERATE_OPERATIONS_DOC =
  'UPDATE_OPERATIONS_DOC=1 npx vitest run test/unit/operation-table.test.ts';

/** The markdown of docs/operations.md (before Prettier lays out its table). */
export function operationTable(): string {
  const rows = Object.entries(FEATURE_MODULES).flatMap(([module, ops]) =>
    Object.entries(ops).map(
      ([name, spec]) =>
        `| \`${name}\` | [${module}](../electron/ipc/ops/${module}.ts) | ${spec.long ? 'yes' : ''} | ${
          spec.localOnly ? 'yes' : ''
        } | ${spec.summary.replace(/\|/g, '\\|')} |`,
    ),
  );
  return [
    '# Operations',
    '',
    `<!-- Generated from electron/ipc/contract.ts; do not edit. Regenerate: ${REGENERATE_OPERATIONS_DOC} -->`,
    '',
    `Every operation of the IPC contract (${rows.length}), by feature module. Each module under`,
    '`electron/ipc/ops/` declares its operations’ request and response schemas (`<feature>.ts`) and',
    'their handler table (`<feature>-handlers.ts`). A long-running operation takes a `jobId`, reports',
    'progress and can be cancelled with `jobs.cancel`; a local-only one names a file path and is',
    'refused to the page (the CLI uses it; the app goes through its dialogs instead).',
    '',
    '| operation | module | long-running | local-only | summary |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}
