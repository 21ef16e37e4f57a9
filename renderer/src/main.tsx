// Renderer entry: picks the transport to the local peer (Electron's MessagePort or the
// hub's WebSocket), creates the runtime and mounts the React app.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { TandemBridge } from '../../shared/api/bridge';
import { App } from './components/App';
import { detectLocale } from './i18n/i18n';
import { electronPortTransport, webSocketTransport } from './link/transports';
import { Runtime } from './runtime';
import './styles.css';

const bridge = (window as unknown as { tandem?: TandemBridge }).tandem ?? null;

function browserLinkUrl(): string {
  const token = new URLSearchParams(window.location.hash.slice(1)).get('token') ?? '';
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${window.location.host}/link?token=${encodeURIComponent(token)}`;
}

const locale = detectLocale(window.localStorage.getItem('tandem.locale'), navigator.languages);
const runtime = new Runtime(bridge ? electronPortTransport(bridge) : webSocketTransport(browserLinkUrl()), locale, bridge);
if (bridge) {
  void bridge.invoke('tandem:app-info').then((r) => r.ok && runtime.store.setState({ locale: r.value.locale }));
  // The menu owns Ctrl/Cmd+Z in the desktop app: in a text field it means the field's own
  // undo, elsewhere the board's.
  const inTextField = () => {
    const el = document.activeElement;
    return el instanceof HTMLElement && (el.isContentEditable || el.tagName === 'INPUT' || el.tagName === 'TEXTAREA');
  };
  bridge.onMenuCommand((command) => {
    if (command === 'undo' || command === 'redo') {
      if (inTextField()) document.execCommand(command);
      else if (command === 'undo') runtime.undo();
      else runtime.redo();
    }
    else if (command === 'reload') window.location.reload();
    else runtime.setLocale(command === 'locale:zh-CN' ? 'zh-CN' : 'en');
  });
  // `tandem://join` links from the OS: one that started Tandem, then any that arrive later.
  bridge.onInviteLink((link) => runtime.openInviteLink(link));
  void bridge.invoke('tandem:take-invite-link').then((r) => r.ok && r.value && runtime.openInviteLink(r.value));
}
runtime.start();
// Browser mode: keep the app shell so a reload works while the hub is stopped.
if (!bridge && 'serviceWorker' in navigator && window.location.protocol === 'http:') {
  void navigator.serviceWorker.register('./sw.js').catch((error) => console.warn('Tandem: offline shell unavailable', error));
}
(window as unknown as { __tandem?: Runtime }).__tandem = runtime;

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <App runtime={runtime} />
  </StrictMode>,
);
