// The application menu: its items and accelerators, the commands it sends to the focused
// window, developer tools only in development, and the language switch (English / 简体中文).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { EVENT_MENU_COMMAND, type MenuCommand } from '../../shared/api/bridge';
import { MENU_LABELS, buildMenuTemplate } from '../../electron/main/menu';
import { resolveLocale } from '../../electron/main/settings';
import { startShell } from '../../electron/main/shell';
import { createFakeElectron } from '../fakes/electron';

let userData: string;
beforeEach(async () => {
  userData = await fs.mkdtemp(path.join(os.tmpdir(), 'tandem-menu-'));
});
afterEach(async () => {
  await fs.rm(userData, { recursive: true, force: true });
});

async function launch(config: { locale?: string; isPackaged?: boolean } = {}) {
  const fake = createFakeElectron({ userData, ...config });
  const shell = startShell(fake, { rendererDir: '/r', preloadPath: '/p.cjs', peerModulePath: '/peer.cjs' }, { log: () => undefined, platform: 'linux' });
  fake.app.ready();
  await shell.ready;
  return { fake, shell };
}

const submenu = (item: MenuItemConstructorOptions | undefined) => (item?.submenu ?? []) as MenuItemConstructorOptions[];
const findByLabel = (template: MenuItemConstructorOptions[], label: string) => template.find((item) => item.label === label);
const click = (item: MenuItemConstructorOptions | undefined) => (item?.click as (() => void) | undefined)?.();
const allItems = (template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] => template.flatMap((item) => [item, ...allItems(submenu(item))]);

describe('the application menu', () => {
  it('has File, Edit, View, Language, Window and Help in English', async () => {
    const { fake } = await launch();
    expect(fake.Menu.applicationMenu!.template.map((item) => item.label)).toEqual(['File', 'Edit', 'View', 'Language', 'Window', 'Help']);
    const file = submenu(findByLabel(fake.Menu.applicationMenu!.template, 'File'));
    expect(file).toContainEqual(expect.objectContaining({ role: 'quit' }));
    const help = submenu(findByLabel(fake.Menu.applicationMenu!.template, 'Help'));
    expect(help).toContainEqual(expect.objectContaining({ role: 'about', label: 'About Tandem' }));
  });

  it('undo and redo go to the focused window as menu commands, on CmdOrCtrl+Z and Shift+CmdOrCtrl+Z', async () => {
    const { fake } = await launch();
    const second = new fake.BrowserWindow({});
    second.focus();
    const edit = submenu(findByLabel(fake.Menu.applicationMenu!.template, 'Edit'));
    const undo = findByLabel(edit, 'Undo');
    const redo = findByLabel(edit, 'Redo');
    expect(undo?.accelerator).toBe('CmdOrCtrl+Z');
    expect(redo?.accelerator).toBe('Shift+CmdOrCtrl+Z');
    click(undo);
    click(redo);
    expect(second.webContents.sent).toEqual([
      { channel: EVENT_MENU_COMMAND, args: ['undo'] },
      { channel: EVENT_MENU_COMMAND, args: ['redo'] },
    ]);
    expect(fake.BrowserWindow.instances[0]!.webContents.sent).toEqual([]);
    expect(edit.map((item) => item.role).filter(Boolean)).toEqual(['cut', 'copy', 'paste', 'selectAll']);
  });

  it('Reload asks the renderer to reload rather than reloading behind its back', async () => {
    const { fake } = await launch();
    const view = submenu(findByLabel(fake.Menu.applicationMenu!.template, 'View'));
    click(findByLabel(view, 'Reload'));
    expect(fake.BrowserWindow.instances[0]!.webContents.sent).toEqual([{ channel: EVENT_MENU_COMMAND, args: ['reload'] }]);
    expect(view.map((item) => item.role)).toEqual(expect.arrayContaining(['resetZoom', 'zoomIn', 'zoomOut']));
  });

  it('offers developer tools in development builds only', async () => {
    const roles = (isPackaged: boolean) => allItems(buildMenuTemplate({ locale: 'en', isPackaged, platform: 'linux' }, { sendCommand: () => undefined, selectLocale: () => undefined })).map((item) => item.role);
    expect(roles(false)).toContain('toggleDevTools');
    expect(roles(true)).not.toContain('toggleDevTools');
  });

  it('on macOS starts with the Tandem app menu', () => {
    const template = buildMenuTemplate({ locale: 'en', isPackaged: true, platform: 'darwin' }, { sendCommand: () => undefined, selectLocale: () => undefined });
    expect(template[0]?.label).toBe('Tandem');
    expect(submenu(template[0]).map((item) => item.role)).toEqual(expect.arrayContaining(['about', 'hide', 'quit']));
  });

  it('has a Chinese label for every English one', () => {
    const zh = MENU_LABELS['zh-CN'];
    for (const [key, english] of Object.entries(MENU_LABELS.en)) {
      expect(zh[key as keyof typeof zh], key).toBeTruthy();
      expect(zh[key as keyof typeof zh], key).not.toBe(english);
    }
  });
});

describe('the language menu', () => {
  it('marks the current language and names each language in itself', async () => {
    const { fake } = await launch();
    const languages = submenu(findByLabel(fake.Menu.applicationMenu!.template, 'Language'));
    expect(languages.map(({ label, type, checked }) => ({ label, type, checked }))).toEqual([
      { label: 'English', type: 'radio', checked: true },
      { label: '简体中文', type: 'radio', checked: false },
    ]);
  });

  it('choosing 简体中文 saves it, rebuilds the menu in Chinese and tells every window', async () => {
    const { fake, shell } = await launch();
    const languages = submenu(findByLabel(fake.Menu.applicationMenu!.template, 'Language'));
    click(findByLabel(languages, '简体中文'));
    await expect.poll(() => fake.BrowserWindow.instances[0]!.webContents.sent).toEqual([{ channel: EVENT_MENU_COMMAND, args: ['locale:zh-CN' satisfies MenuCommand] }]);
    expect(JSON.parse(await fs.readFile(path.join(userData, 'settings.json'), 'utf8'))).toEqual({ locale: 'zh-CN' });
    expect(shell.locale).toBe('zh-CN');
    const template = fake.Menu.applicationMenu!.template;
    expect(template.map((item) => item.label)).toEqual(['文件', '编辑', '视图', '语言', '窗口', '帮助']);
    expect(submenu(findByLabel(template, '语言')).find((item) => item.checked)?.label).toBe('简体中文');
    const edit = submenu(findByLabel(template, '编辑'));
    expect(edit.map((item) => item.label)).toEqual(expect.arrayContaining(['撤销', '重做']));
  });

  it('a Chinese system starts in Chinese, and a saved choice wins over the system language', async () => {
    expect((await launch({ locale: 'zh-TW' })).shell.locale).toBe('zh-CN');
    await fs.writeFile(path.join(userData, 'settings.json'), JSON.stringify({ locale: 'en' }));
    const { fake, shell } = await launch({ locale: 'zh-CN' });
    expect(shell.locale).toBe('en');
    expect(fake.Menu.applicationMenu!.template[0]?.label).toBe('File');
  });

  it('the default language: saved setting, else any zh system locale → 简体中文, else English', () => {
    expect(resolveLocale(undefined, 'zh-CN')).toBe('zh-CN');
    expect(resolveLocale(undefined, 'zh-Hant-TW')).toBe('zh-CN');
    expect(resolveLocale(undefined, 'fr-FR')).toBe('en');
    expect(resolveLocale(undefined, '')).toBe('en');
    expect(resolveLocale('en', 'zh-CN')).toBe('en');
  });

  it('a damaged settings file is ignored rather than trusted', async () => {
    await fs.writeFile(path.join(userData, 'settings.json'), '{"locale":"klingon"');
    expect((await launch({ locale: 'en-GB' })).shell.locale).toBe('en');
    await fs.writeFile(path.join(userData, 'settings.json'), '{"locale":"klingon"}');
    expect((await launch({ locale: 'en-GB' })).shell.locale).toBe('en');
  });
});
