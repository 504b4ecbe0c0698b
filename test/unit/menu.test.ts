import { describe, it, expect, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../electron/ipc/contract';

// menu.ts may only `import type` from electron; a run-time import would hit this throwing mock.
const electronLoads = vi.hoisted(() => ({ count: 0 }));
vi.mock('electron', () => {
  electronLoads.count += 1;
  throw new Error('electron must not be loaded at run time by electron/menu.ts');
});

import { buildMenuTemplate, type MenuOptions } from '../../electron/menu';

type Item = MenuItemConstructorOptions;

function build(overrides: Partial<MenuOptions> = {}) {
  const sent: MenuCommand[] = [];
  let dataFolderOpened = 0;
  const template = buildMenuTemplate({
    appName: 'Vendor Risk Desk',
    isMac: false,
    isDev: false,
    send: (command) => sent.push(command),
    openDataFolder: () => {
      dataFolderOpened += 1;
    },
    ...overrides,
  });
  return { template, sent, dataFolderOpened: () => dataFolderOpened };
}

const stripMnemonic = (label: string | undefined) => label?.replace(/&/g, '');

function submenuOf(item: Item | undefined): Item[] {
  const submenu = item?.submenu;
  return Array.isArray(submenu) ? submenu : [];
}

function topLevel(template: Item[], label: string): Item {
  const found = template.find((i) => stripMnemonic(i.label) === label);
  if (!found) throw new Error(`no top-level menu ${label}`);
  return found;
}

function allItems(template: Item[]): Item[] {
  return template.flatMap((i) => [i, ...allItems(submenuOf(i))]);
}

function findItem(template: Item[], label: string): Item {
  const found = allItems(template).find((i) => i.label === label);
  if (!found) throw new Error(`no menu item ${label}`);
  return found;
}

/** Clicks an item as a user would; the real handler gets (menuItem, window, event), ours ignore them. */
function click(item: Item): void {
  expect(typeof item.click).toBe('function');
  (item.click as unknown as () => void)();
}

const roles = (template: Item[]) => allItems(template).map((i) => i.role);

describe('buildMenuTemplate', () => {
  it('runs without loading electron', () => {
    build();
    expect(electronLoads.count).toBe(0);
  });

  it('shows File, Edit, View, Help on Windows and Linux', () => {
    const { template } = build({ isMac: false });
    expect(template.map((i) => stripMnemonic(i.label))).toEqual(['File', 'Edit', 'View', 'Help']);
  });

  it('gives each top-level menu an Alt mnemonic on its first letter', () => {
    const { template } = build({ isMac: false });
    for (const item of template) expect(item.label).toMatch(/^&[A-Z]/);
  });

  it('puts the app menu first on macOS', () => {
    const { template } = build({ isMac: true });
    expect(template[0]?.role).toBe('appMenu');
    expect(template.slice(1).map((i) => stripMnemonic(i.label))).toEqual(['File', 'Edit', 'View', 'Help']);
  });

  it('has no app menu on Windows and Linux', () => {
    expect(roles(build({ isMac: false }).template)).not.toContain('appMenu');
  });

  it.each([
    ['New Vendor…', 'CmdOrCtrl+N'],
    ['Edit Vendor…', 'CmdOrCtrl+E'],
    ['Find Vendor', 'CmdOrCtrl+F'],
    ['Preferences…', 'CmdOrCtrl+,'],
    ['Vendors', 'CmdOrCtrl+1'],
  ])('%s has the shortcut %s', (label, accelerator) => {
    expect(findItem(build().template, label).accelerator).toBe(accelerator);
  });

  it('calls it Settings… with the same shortcut on macOS', () => {
    const { template } = build({ isMac: true });
    expect(findItem(template, 'Settings…').accelerator).toBe('CmdOrCtrl+,');
    expect(allItems(template).map((i) => i.label)).not.toContain('Preferences…');
  });

  it('has no two items with the same shortcut', () => {
    for (const isMac of [false, true]) {
      const accelerators = allItems(build({ isMac }).template)
        .map((i) => i.accelerator)
        .filter((a) => a !== undefined);
      expect(new Set(accelerators).size).toBe(accelerators.length);
    }
  });

  it.each([
    ['New Vendor…', 'vendor.new'],
    ['Edit Vendor…', 'vendor.edit'],
    ['Delete Vendor…', 'vendor.delete'],
    ['Explore a Sample Warehouse', 'demo.load'],
    ['Preferences…', 'view.settings'],
    ['Find Vendor', 'find'],
    ['Vendors', 'view.vendors'],
    ['Settings', 'view.settings'],
    ['About Vendor Risk Desk', 'help.about'],
  ] as const)('clicking %s sends %s to the page', (label, command) => {
    const { template, sent } = build();
    click(findItem(template, label));
    expect(sent).toEqual([command]);
  });

  it('clicking Open Data Folder opens the folder and sends nothing to the page', () => {
    const { template, sent, dataFolderOpened } = build();
    click(findItem(template, 'Open Data Folder'));
    expect(dataFolderOpened()).toBe(1);
    expect(sent).toEqual([]);
  });

  it('names the About item after the app', () => {
    const { template } = build({ appName: 'Acme Risk' });
    expect(submenuOf(topLevel(template, 'Help')).map((i) => i.label)).toContain('About Acme Risk');
  });

  it.each(['reload', 'toggleDevTools'] as const)('leaves out %s when not in development', (role) => {
    for (const isMac of [false, true])
      expect(roles(build({ isDev: false, isMac }).template)).not.toContain(role);
  });

  it.each(['reload', 'toggleDevTools'] as const)('shows %s in the View menu in development', (role) => {
    const view = submenuOf(topLevel(build({ isDev: true }).template, 'View'));
    expect(view.map((i) => i.role)).toContain(role);
  });

  it('has Quit in the File menu on Windows and Linux', () => {
    const file = submenuOf(topLevel(build({ isMac: false }).template, 'File'));
    expect(file.map((i) => i.role)).toContain('quit');
  });

  it('has Close Window in the File menu on macOS (Quit lives in the app menu)', () => {
    const file = submenuOf(topLevel(build({ isMac: true }).template, 'File'));
    expect(file.map((i) => i.role)).toContain('close');
    expect(file.map((i) => i.role)).not.toContain('quit');
  });

  it.each(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll'] as const)(
    'keeps the %s edit role',
    (role) => {
      const edit = submenuOf(topLevel(build().template, 'Edit'));
      expect(edit.map((i) => i.role)).toContain(role);
    },
  );

  it('marks Help as the help menu', () => {
    expect(topLevel(build().template, 'Help').role).toBe('help');
  });

  it('never starts or ends a submenu with a separator, nor puts two in a row', () => {
    for (const isMac of [false, true]) {
      for (const isDev of [false, true]) {
        for (const menu of build({ isMac, isDev }).template) {
          const types = submenuOf(menu).map((i) => i.type === 'separator');
          if (types.length === 0) continue;
          expect(types[0]).toBe(false);
          expect(types[types.length - 1]).toBe(false);
          expect(types.some((sep, i) => sep && types[i + 1])).toBe(false);
        }
      }
    }
  });
});
