/**
 * Electron fuse settings flipped into the packaged binary by the Forge
 * FusesPlugin (see forge.config.ts). Kept in its own module, importing only
 * from '@electron/fuses', so unit tests can assert each value without loading
 * Forge or Electron.
 *
 * Fuses are applied at package time only (`electron-forge package/make`); the
 * development binary in node_modules/electron is left untouched.
 */
import { FuseV1Options, FuseVersion, type FuseV1Config } from '@electron/fuses';

/** Every fuse this app sets, keyed by FuseV1Options. */
export const FUSE_SETTINGS = {
  /** The packaged binary must not be usable as a plain Node.js (ELECTRON_RUN_AS_NODE). */
  [FuseV1Options.RunAsNode]: false,
  /** Encrypt the cookie store on disk with an OS-level key. */
  [FuseV1Options.EnableCookieEncryption]: true,
  /** Ignore NODE_OPTIONS / NODE_EXTRA_CA_CERTS-style injection through the environment. */
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  /** Ignore --inspect / --inspect-brk and friends. */
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  /** Verify app.asar against the hash embedded at package time. */
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  /** Only load the app from app.asar, never from a loose app/ folder. */
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  /** file:// pages get no extra privileges beyond a normal web origin. */
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
} as const satisfies Partial<Record<FuseV1Options, boolean>>;

/** The config object handed to `new FusesPlugin(...)`. */
export const FUSES_CONFIG: FuseV1Config = {
  version: FuseVersion.V1,
  ...FUSE_SETTINGS,
};
