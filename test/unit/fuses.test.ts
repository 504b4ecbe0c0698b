import { describe, it, expect } from 'vitest';
import { FuseV1Options, FuseVersion } from '@electron/fuses';
import { FUSES_CONFIG, FUSE_SETTINGS } from '../../electron/fuses';
import forgeConfig from '../../forge.config';

describe('electron fuses', () => {
  it('uses fuse wire version 1', () => {
    expect(FUSES_CONFIG.version).toBe(FuseVersion.V1);
  });

  it.each([
    ['RunAsNode', FuseV1Options.RunAsNode, false],
    ['EnableCookieEncryption', FuseV1Options.EnableCookieEncryption, true],
    ['EnableNodeOptionsEnvironmentVariable', FuseV1Options.EnableNodeOptionsEnvironmentVariable, false],
    ['EnableNodeCliInspectArguments', FuseV1Options.EnableNodeCliInspectArguments, false],
    ['EnableEmbeddedAsarIntegrityValidation', FuseV1Options.EnableEmbeddedAsarIntegrityValidation, true],
    ['OnlyLoadAppFromAsar', FuseV1Options.OnlyLoadAppFromAsar, true],
    ['GrantFileProtocolExtraPrivileges', FuseV1Options.GrantFileProtocolExtraPrivileges, false],
  ] as const)('sets %s to %s', (_name, fuse, expected) => {
    expect(FUSE_SETTINGS[fuse]).toBe(expected);
    expect(FUSES_CONFIG[fuse]).toBe(expected);
  });

  it('sets exactly the seven fuses above and nothing else', () => {
    expect(Object.keys(FUSE_SETTINGS).map(Number).sort()).toEqual(
      [
        FuseV1Options.RunAsNode,
        FuseV1Options.EnableCookieEncryption,
        FuseV1Options.EnableNodeOptionsEnvironmentVariable,
        FuseV1Options.EnableNodeCliInspectArguments,
        FuseV1Options.EnableEmbeddedAsarIntegrityValidation,
        FuseV1Options.OnlyLoadAppFromAsar,
        FuseV1Options.GrantFileProtocolExtraPrivileges,
      ].sort(),
    );
  });
});

describe('forge.config', () => {
  it('packages into an asar archive', () => {
    expect(forgeConfig.packagerConfig?.asar).toBe(true);
    expect(forgeConfig.packagerConfig?.executableName).toBe('vendor-risk-desk');
  });

  it('has zip, deb and squirrel makers', () => {
    const names = (forgeConfig.makers ?? []).map((maker) => ('name' in maker ? maker.name : undefined));
    expect(names).toEqual(expect.arrayContaining(['zip', 'deb', 'squirrel']));
  });

  it('registers the fuses plugin with the shared fuse config', () => {
    const fuses = (forgeConfig.plugins ?? []).find((plugin) => 'name' in plugin && plugin.name === 'fuses');
    expect(fuses).toBeDefined();
    expect((fuses as unknown as { fusesConfig: unknown }).fusesConfig).toEqual(FUSES_CONFIG);
  });

  it('registers the vite plugin with main, the data host, preload, the import, report, data, advisory and team database workers and the main_window renderer', () => {
    const vite = (forgeConfig.plugins ?? []).find((plugin) => 'name' in plugin && plugin.name === 'vite');
    expect(vite).toBeDefined();
    const config = (vite as unknown as { config: { build: unknown[]; renderer: unknown[] } }).config;
    expect(config.build).toEqual([
      { entry: 'electron/main.ts', config: 'vite.main.config.mts', target: 'main' },
      // The data host thread: dispatcher, services and storage, off the main thread.
      { entry: 'electron/workers/data-host.ts', config: 'vite.host.config.mts', target: 'main' },
      { entry: 'electron/preload.ts', config: 'vite.preload.config.mts', target: 'preload' },
      // The device-import worker thread, bundled next to main.js.
      { entry: 'electron/workers/device-importer.ts', config: 'vite.worker.config.mts', target: 'main' },
      // The PDF report worker thread, with its fonts copied beside it.
      { entry: 'electron/workers/report-renderer.ts', config: 'vite.report.config.mts', target: 'main' },
      // The data worker thread: audit verification and backups on a connection of their own.
      { entry: 'electron/workers/data-tasks.ts', config: 'vite.data.config.mts', target: 'main' },
      // The advisory reader thread: CSAF and KEV files read and checked for an import.
      { entry: 'electron/workers/advisory-reader.ts', config: 'vite.advisory.config.mts', target: 'main' },
      // The team database connection's thread (the data host waits on it for each answer).
      { entry: 'electron/storage/pg/connection-worker.mts', config: 'vite.pg.config.mts', target: 'main' },
    ]);
    expect(config.renderer).toEqual([{ name: 'main_window', config: 'vite.renderer.config.mts' }]);
  });
});
