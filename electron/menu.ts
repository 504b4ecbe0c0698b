import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from './ipc/contract';

export interface MenuOptions {
  appName: string;
  isMac: boolean;
  isDev: boolean;
  /** Sends a command to the page. */
  send(command: MenuCommand): void;
  openDataFolder(): void;
}

/** The native menu: File, Edit, View, Help, with the usual shortcuts. */
export function buildMenuTemplate(o: MenuOptions): MenuItemConstructorOptions[] {
  const item = (label: string, command: MenuCommand, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    accelerator,
    click: () => o.send(command),
  });
  const template: MenuItemConstructorOptions[] = [];
  if (o.isMac) template.push({ role: 'appMenu' });
  template.push(
    {
      label: '&File',
      submenu: [
        item('New Vendor…', 'vendor.new', 'CmdOrCtrl+N'),
        item('Edit Vendor…', 'vendor.edit', 'CmdOrCtrl+E'),
        item('Delete Vendor…', 'vendor.delete', 'CmdOrCtrl+Shift+Backspace'),
        { type: 'separator' },
        item('Export PDF Report…', 'report.export', 'CmdOrCtrl+Shift+E'),
        { type: 'separator' },
        item('Explore a Sample Warehouse', 'demo.load'),
        { label: 'Open Data Folder', click: () => o.openDataFolder() },
        { type: 'separator' },
        item(o.isMac ? 'Settings…' : 'Preferences…', 'view.settings', 'CmdOrCtrl+,'),
        { type: 'separator' },
        o.isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    {
      label: '&Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
        { type: 'separator' },
        item('Find Vendor', 'find', 'CmdOrCtrl+F'),
      ],
    },
    {
      label: '&View',
      submenu: [
        item('Vendors', 'view.vendors', 'CmdOrCtrl+1'),
        item('Settings', 'view.settings'),
        { type: 'separator' },
        ...(o.isDev
          ? ([{ role: 'reload' }, { role: 'toggleDevTools' }, { type: 'separator' }] as const)
          : []),
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    {
      label: '&Help',
      role: 'help',
      submenu: [item(`About ${o.appName}`, 'help.about')],
    },
  );
  return template;
}
