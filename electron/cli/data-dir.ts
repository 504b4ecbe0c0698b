import { homedir } from 'node:os';
import path from 'node:path';

/** The app's name as Electron sees it (package.json productName): the data folder's name. */
export const APP_FOLDER_NAME = 'Vendor Risk Desk';

/**
 * The folder Electron's `app.getPath('userData')` is for the app, computed without
 * Electron so the CLI and the app find the same data:
 * linux `$XDG_CONFIG_HOME` or `~/.config`, mac `~/Library/Application Support`,
 * windows `%APPDATA%`, each followed by the app's name.
 */
export function defaultDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): string {
  if (platform === 'win32') {
    const appData = env.APPDATA?.trim() || path.win32.join(home, 'AppData', 'Roaming');
    return path.win32.join(appData, APP_FOLDER_NAME);
  }
  if (platform === 'darwin') {
    return path.posix.join(home, 'Library', 'Application Support', APP_FOLDER_NAME);
  }
  const config = env.XDG_CONFIG_HOME?.trim() || path.posix.join(home, '.config');
  return path.posix.join(config, APP_FOLDER_NAME);
}
