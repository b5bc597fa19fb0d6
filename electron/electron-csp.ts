/**
 * The console's Content-Security-Policy, in one place for the three places
 * that deliver it: the <meta> tag vite writes into index.html (the only
 * delivery that works for Electron's file:// page), the header Electron's
 * session adds, and the header of the headless host. No inline scripts or
 * styles anywhere: the renderer's CSS is a file and its script is a module.
 */
export type CspDelivery =
  /** In index.html: must also let the headless host's page open the bridge. */
  | 'meta'
  /** Header for the Electron window: talks over IPC only, so no network at all. */
  | 'electron-header'
  /** Header of the headless host: the page opens a WebSocket back to the host. */
  | 'host-header';

const BASE_DIRECTIVES: readonly string[] = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
];

/*
 * `ws: wss:` beside 'self' because browsers differ on whether 'self' covers a
 * WebSocket to the page's own host; the bridge is the only socket the renderer
 * opens. frame-ancestors is ignored in a <meta> tag, so only headers carry it.
 */
const CONNECT_TO_BRIDGE = "connect-src 'self' ws: wss:";

export function contentSecurityPolicy(delivery: CspDelivery): string {
  switch (delivery) {
    case 'meta':
      return [...BASE_DIRECTIVES, CONNECT_TO_BRIDGE].join('; ');
    case 'electron-header':
      return [...BASE_DIRECTIVES, "connect-src 'none'", "frame-ancestors 'none'"].join('; ');
    case 'host-header':
      return [...BASE_DIRECTIVES, CONNECT_TO_BRIDGE, "frame-ancestors 'none'"].join('; ');
  }
}
