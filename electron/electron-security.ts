/**
 * App-wide hardening from Electron's security checklist, applied once before
 * any window exists: the CSP header, no navigation away from the console, no
 * new windows, no <webview>, no permission prompts (camera, notifications…).
 * The console never needs any of them; a compromised page gets none of them.
 */
import type { App, Session } from 'electron';
import { contentSecurityPolicy } from './electron-csp';

export function hardenApp(app: App, session: Session): void {
  const csp = contentSecurityPolicy('electron-header');
  // Covers responses with headers; the console's own file:// page is covered by the <meta> tag vite writes.
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } });
  });
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}
