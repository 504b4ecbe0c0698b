import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { operationTable, REGENERATE_OPERATIONS_DOC } from '../../electron/ipc/operation-table';
import { contract, FEATURE_MODULES, OPERATION_NAMES } from '../../electron/ipc/contract';

const DOC = join(__dirname, '../../docs/operations.md');

describe('docs/operations.md', () => {
  it('lists every operation of the contract as the contract declares it', async () => {
    const expected = await format(operationTable(), {
      ...(await resolveConfig(DOC)),
      filepath: DOC,
    });
    if (process.env.UPDATE_OPERATIONS_DOC) writeFileSync(DOC, expected);
    const actual = readFileSync(DOC, 'utf8');
    expect(
      actual === expected,
      `docs/operations.md is out of date with the contract; regenerate it: ${REGENERATE_OPERATIONS_DOC}`,
    ).toBe(true);
  });

  it('has each operation in exactly one feature module, each with a summary', () => {
    const listed = Object.values(FEATURE_MODULES).flatMap((ops) => Object.keys(ops));
    expect(listed.sort()).toEqual([...OPERATION_NAMES].sort());
    for (const name of OPERATION_NAMES) expect(contract[name].summary.length).toBeGreaterThan(5);
  });
});
