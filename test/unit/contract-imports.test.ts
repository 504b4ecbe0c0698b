import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

const ROOT = join(__dirname, '../..');

/** The modules a file loads at run time (type-only imports and exports left out). */
function runtimeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const m of text.matchAll(/^(?:import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?'([^']+)';/gms))
    if (!m[1]) found.push(m[2]!);
  return found;
}

/** Every module the contract loads at run time, following relative imports. */
function contractGraph(): { files: string[]; packages: Set<string> } {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const spec of runtimeImports(file)) {
      if (!spec.startsWith('.')) {
        packages.add(spec);
        continue;
      }
      const base = join(dirname(file), spec);
      const target = [`${base}.ts`, join(base, 'index.ts'), base].find(
        (p) => existsSync(p) && p.endsWith('.ts'),
      );
      if (target) visit(target);
    }
  };
  visit(join(ROOT, 'electron/ipc/contract.ts'));
  return { files: [...seen].map((f) => relative(ROOT, f)), packages };
}

describe('the contract (the sandboxed preload loads it)', () => {
  it('loads no Node module, no handler, service or storage', () => {
    const { files, packages } = contractGraph();
    expect([...packages].filter((p) => p.startsWith('node:') || p === 'electron')).toEqual([]);
    // Packages with Node builds (papaparse's stream) have no place in the preload either.
    expect([...packages].sort()).toEqual(['re2js', 'zod']);
    expect(files.filter((f) => /handlers|services\/|storage\//.test(f))).toEqual([]);
    expect(files).toContain('electron/ipc/ops/devices.ts');
  });
});
