import type { ForgeConfig } from '@electron-forge/shared-types';
import { MakerDeb } from '@electron-forge/maker-deb';
import { MakerSquirrel } from '@electron-forge/maker-squirrel';
import { MakerZIP } from '@electron-forge/maker-zip';
import { FusesPlugin } from '@electron-forge/plugin-fuses';
import { VitePlugin } from '@electron-forge/plugin-vite';
import { FUSES_CONFIG } from './electron/fuses';

const PRODUCT_NAME = 'Vendor Risk Desk';
const DESCRIPTION = 'Offline vendor security review for warehouses and logistics businesses';

const config: ForgeConfig = {
  packagerConfig: {
    asar: true,
    name: 'vendor-risk-desk',
    executableName: 'vendor-risk-desk',
    appBundleId: 'com.vendorriskdesk.app',
    appCategoryType: 'public.app-category.business',
    win32metadata: {
      ProductName: PRODUCT_NAME,
      FileDescription: PRODUCT_NAME,
      CompanyName: PRODUCT_NAME,
    },
  },
  rebuildConfig: {},
  makers: [
    new MakerZIP({}),
    new MakerDeb(
      {
        options: {
          name: 'vendor-risk-desk',
          bin: 'vendor-risk-desk',
          productName: PRODUCT_NAME,
          genericName: 'Vendor Risk Review',
          description: DESCRIPTION,
          categories: ['Office'],
          section: 'misc',
        },
      },
      ['linux'],
    ),
    new MakerSquirrel(
      {
        name: 'vendor_risk_desk',
        title: PRODUCT_NAME,
        description: DESCRIPTION,
      },
      ['win32'],
    ),
  ],
  plugins: [
    new VitePlugin({
      build: [
        { entry: 'electron/main.ts', config: 'vite.main.config.mts', target: 'main' },
        { entry: 'electron/workers/data-host.ts', config: 'vite.host.config.mts', target: 'main' },
        { entry: 'electron/preload.ts', config: 'vite.preload.config.mts', target: 'preload' },
        { entry: 'electron/workers/device-importer.ts', config: 'vite.worker.config.mts', target: 'main' },
        { entry: 'electron/workers/report-renderer.ts', config: 'vite.report.config.mts', target: 'main' },
        { entry: 'electron/workers/data-tasks.ts', config: 'vite.data.config.mts', target: 'main' },
        { entry: 'electron/workers/advisory-reader.ts', config: 'vite.advisory.config.mts', target: 'main' },
        { entry: 'electron/storage/pg/connection-worker.mts', config: 'vite.pg.config.mts', target: 'main' },
      ],
      renderer: [{ name: 'main_window', config: 'vite.renderer.config.mts' }],
    }),
    // Flipped into the packaged Electron binary at package time (see electron/fuses.ts).
    new FusesPlugin(FUSES_CONFIG),
  ],
};

export default config;
