/** The desktop window's security settings and the guards on its web contents. */
import type { BrowserWindowConstructorOptions, Session, WebContents } from 'electron';

/** Window options: isolated, sandboxed, no Node in the page, only the preload's API. */
export function mainWindowOptions(preload: string): BrowserWindowConstructorOptions {
  return {
    width: 1360, height: 880, minWidth: 800, minHeight: 500,
    title: 'Tagwerk',
    show: false,
    backgroundColor: '#f7f5f0',
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  };
}

/** Only `https:` links leave the app, and only through the OS browser. */
export function isSafeExternalUrl(url: string): boolean {
  try { return new URL(url).protocol === 'https:'; } catch { return false; }
}

const hardened = new WeakSet<WebContents>();

/**
 * Denies navigation, new windows and permission requests; opens safe links externally.
 * Idempotent: the window's contents reach here from both `web-contents-created` and
 * `createWindow`, and a second set of listeners would open every link twice.
 */
export function hardenWebContents(contents: WebContents, openExternal: (url: string) => void): void {
  if (hardened.has(contents)) return;
  hardened.add(contents);
  contents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    if (isSafeExternalUrl(url)) openExternal(url);
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Every permission (camera, notifications, geolocation, …) is refused. */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
