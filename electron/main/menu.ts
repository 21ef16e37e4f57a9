// The application menu, in English or 简体中文: its labels, its template, and what each item
// does. Undo/redo, reload and language changes go to the renderer as menu commands, because
// the renderer owns the documents' undo stacks and the UI language.
import type { MenuItemConstructorOptions } from 'electron';
import type { Locale, MenuCommand } from '../../shared/api/bridge';

const en = {
  file: 'File',
  quit: 'Quit Tandem',
  edit: 'Edit',
  undo: 'Undo',
  redo: 'Redo',
  cut: 'Cut',
  copy: 'Copy',
  paste: 'Paste',
  selectAll: 'Select All',
  view: 'View',
  reload: 'Reload',
  toggleDevTools: 'Toggle Developer Tools',
  resetZoom: 'Actual Size',
  zoomIn: 'Zoom In',
  zoomOut: 'Zoom Out',
  toggleFullScreen: 'Toggle Full Screen',
  language: 'Language',
  window: 'Window',
  minimize: 'Minimize',
  close: 'Close Window',
  help: 'Help',
  about: 'About Tandem',
  services: 'Services',
  hide: 'Hide Tandem',
  hideOthers: 'Hide Others',
  showAll: 'Show All',
};
type MenuLabels = typeof en;

const zhCN: MenuLabels = {
  file: '文件',
  quit: '退出 Tandem',
  edit: '编辑',
  undo: '撤销',
  redo: '重做',
  cut: '剪切',
  copy: '复制',
  paste: '粘贴',
  selectAll: '全选',
  view: '视图',
  reload: '重新加载',
  toggleDevTools: '切换开发者工具',
  resetZoom: '实际大小',
  zoomIn: '放大',
  zoomOut: '缩小',
  toggleFullScreen: '切换全屏',
  language: '语言',
  window: '窗口',
  minimize: '最小化',
  close: '关闭窗口',
  help: '帮助',
  about: '关于 Tandem',
  services: '服务',
  hide: '隐藏 Tandem',
  hideOthers: '隐藏其他',
  showAll: '全部显示',
};

/** Menu labels per language. */
export const MENU_LABELS: Record<Locale, MenuLabels> = { en, 'zh-CN': zhCN };

/** Each language is named in itself, so it can be found whatever the current language. */
const LANGUAGE_NAMES: Record<Locale, string> = { en: 'English', 'zh-CN': '简体中文' };

export interface MenuState {
  locale: Locale;
  /** Developer tools are offered only in development builds. */
  isPackaged: boolean;
  platform: NodeJS.Platform;
}

export interface MenuActions {
  /** Sends a command to the focused window. */
  sendCommand(command: MenuCommand): void;
  /** Switches the whole app's language (persist, rebuild this menu, tell the windows). */
  selectLocale(locale: Locale): void;
}

export function buildMenuTemplate(state: MenuState, actions: MenuActions): MenuItemConstructorOptions[] {
  const t = MENU_LABELS[state.locale];
  const isMac = state.platform === 'darwin';
  const command = (label: string, name: MenuCommand, accelerator: string): MenuItemConstructorOptions => ({ label, accelerator, click: () => actions.sendCommand(name) });

  const appMenu: MenuItemConstructorOptions = isMac
    ? {
        label: 'Tandem',
        submenu: [
          { role: 'about', label: t.about },
          { type: 'separator' },
          { role: 'services', label: t.services },
          { type: 'separator' },
          { role: 'hide', label: t.hide },
          { role: 'hideOthers', label: t.hideOthers },
          { role: 'unhide', label: t.showAll },
          { type: 'separator' },
          { role: 'quit', label: t.quit },
        ],
      }
    : { label: t.file, submenu: [{ role: 'quit', label: t.quit }] };

  const view: MenuItemConstructorOptions[] = [command(t.reload, 'reload', 'CmdOrCtrl+R')];
  if (!state.isPackaged) view.push({ role: 'toggleDevTools', label: t.toggleDevTools });
  view.push(
    { type: 'separator' },
    { role: 'resetZoom', label: t.resetZoom },
    { role: 'zoomIn', label: t.zoomIn },
    { role: 'zoomOut', label: t.zoomOut },
    { type: 'separator' },
    { role: 'togglefullscreen', label: t.toggleFullScreen },
  );

  const languages: MenuItemConstructorOptions[] = (Object.keys(LANGUAGE_NAMES) as Locale[]).map((locale) => ({
    label: LANGUAGE_NAMES[locale],
    type: 'radio',
    checked: locale === state.locale,
    click: () => actions.selectLocale(locale),
  }));

  return [
    appMenu,
    {
      label: t.edit,
      submenu: [
        command(t.undo, 'undo', 'CmdOrCtrl+Z'),
        command(t.redo, 'redo', 'Shift+CmdOrCtrl+Z'),
        { type: 'separator' },
        { role: 'cut', label: t.cut },
        { role: 'copy', label: t.copy },
        { role: 'paste', label: t.paste },
        { role: 'selectAll', label: t.selectAll },
      ],
    },
    { label: t.view, submenu: view },
    { label: t.language, submenu: languages },
    { label: t.window, role: 'windowMenu', submenu: [{ role: 'minimize', label: t.minimize }, { role: 'close', label: t.close }] },
    { label: t.help, role: 'help', submenu: [{ role: 'about', label: t.about }] },
  ];
}
