import { describe, it, expect } from 'vitest';
import { createImportGate } from '../../electron/ipc/import-gate';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('the import gate', () => {
  it('an import write waits for the operations running, and those that come wait for it', async () => {
    const gate = createImportGate();
    const log: string[] = [];
    let finishFirst!: () => void;
    const first = gate.shared(async () => {
      log.push('op 1 starts');
      await new Promise<void>((resolve) => (finishFirst = resolve));
      log.push('op 1 ends');
    });
    const write = gate.exclusive(async () => {
      log.push('write starts');
      await tick();
      log.push('write ends');
    });
    const later = gate.shared(() => log.push('op 2 runs'));
    await tick();
    expect(log).toEqual(['op 1 starts']);
    finishFirst();
    await Promise.all([first, write, later]);
    expect(log).toEqual(['op 1 starts', 'op 1 ends', 'write starts', 'write ends', 'op 2 runs']);
  });

  it('operations run together, a failed write lets the next ones through, and writes take turns', async () => {
    const gate = createImportGate();
    const log: string[] = [];
    const a = gate.shared(async () => {
      log.push('a');
      await tick();
      log.push('a done');
    });
    const b = gate.shared(() => log.push('b'));
    await Promise.all([a, b]);
    expect(log).toEqual(['a', 'b', 'a done']);
    const failed = gate.exclusive(async () => {
      throw new Error('rolled back');
    });
    const second = gate.exclusive(async () => 'second write');
    const after = gate.shared(() => 'after');
    await expect(failed).rejects.toThrow('rolled back');
    expect(await second).toBe('second write');
    expect(await after).toBe('after');
  });
});
