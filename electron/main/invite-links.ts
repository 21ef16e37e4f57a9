// `tandem://join?code=…` links opened from the OS (a click in a chat or a mail): Tandem is the
// scheme's handler, and a link reaches the window whether it started the app (argv on Windows
// and Linux, `open-url` on macOS before the page exists) or arrived while it ran (the second
// instance's argv, or `open-url`). The page takes a link that came before it once, and hears
// later ones as events. Links are only checked for shape here; the peer decodes the invite.
import path from 'node:path';
import { EVENT_INVITE_LINK, findInviteLink, inviteLinkSchema } from '../../shared/api/bridge';
import type { AppLike, BrowserWindowLike } from './electron-api';

export const INVITE_SCHEME = 'tandem';

export interface InviteLinks {
  /** A link from the OS: delivered to the window if it is up, kept for the page otherwise. */
  open(link: unknown): void;
  /** The link that arrived before the page asked, once. */
  take(): string | null;
}

export function createInviteLinks(window: () => BrowserWindowLike | undefined, log: (line: string) => void): InviteLinks {
  let pending: string | null = null;
  // Set once a page has asked for the pending link: from then on it listens for events.
  let pageListening = false;
  return {
    open(link) {
      const parsed = inviteLinkSchema.safeParse(link);
      if (!parsed.success) {
        log('Tandem: ignored a tandem:// link that is not an invite');
        return;
      }
      const target = window();
      if (pageListening && target && !target.isDestroyed()) target.webContents.send(EVENT_INVITE_LINK, parsed.data);
      // A page still loading asks for it once it can listen.
      else pending = parsed.data;
    },
    take() {
      pageListening = true;
      const link = pending;
      pending = null;
      return link;
    },
  };
}

/**
 * Makes Tandem the OS handler of `tandem://` links. A packaged app registers itself; in
 * development on Windows the OS must be told to run Electron with the app's folder.
 */
export function registerInviteScheme(app: AppLike, platform: NodeJS.Platform, argv: readonly string[]): boolean {
  if (app.isPackaged || platform !== 'win32') return app.setAsDefaultProtocolClient(INVITE_SCHEME);
  const appPath = argv[1];
  return appPath ? app.setAsDefaultProtocolClient(INVITE_SCHEME, process.execPath, [path.resolve(appPath)]) : false;
}

export { findInviteLink };
