import { describe, expect, it } from 'vitest';
import { baseName } from '../../electron/domain/file-name';

describe('baseName', () => {
  it('names the file without its folders, on any OS', () => {
    expect(baseName('/home/ana/Reports/Acme report.pdf')).toBe('Acme report.pdf');
    expect(baseName('C:\\Users\\ana\\Backups\\vendor-risk.backup')).toBe('vendor-risk.backup');
    expect(baseName('plain.csv')).toBe('plain.csv');
    expect(baseName('/tmp/folder/')).toBe('folder');
  });
});
