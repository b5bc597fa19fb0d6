/**
 * Builds the renderer into dist/renderer with relative URLs (base './') so the
 * same files load from Electron's file:// page and from the headless host.
 * The CSP <meta> tag comes from the one policy in electron/electron-csp.ts.
 */
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { contentSecurityPolicy } from './electron/electron-csp';

function cspMetaTag(): Plugin {
  return {
    name: 'smart-mo-sync-csp-meta',
    // Build only: the dev server injects inline scripts (React refresh) that this policy forbids.
    apply: 'build',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy('meta') }, injectTo: 'head-prepend' },
    ],
  };
}

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), cspMetaTag()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // No inline <script> for the module-preload polyfill: every browser the console targets has modulepreload.
    modulePreload: { polyfill: false },
    // Every asset is a file under assets/: a data: URI (vite's default for small files) is blocked by the CSP.
    assetsInlineLimit: 0,
    // One ~600 kB bundle (React, i18next with both languages, uPlot, zod) read from the workstation's own disk
    // or loopback: splitting it saves no network time, and the 500 kB warning would only alarm the next reader.
    chunkSizeWarningLimit: 1000,
  },
});
