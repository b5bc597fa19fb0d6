import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { startHeadlessHost, type HeadlessHost } from '../../electron/host/http-host';
import { launchBrowser, type TestBrowser } from '../support/browser';
import { createFakeBackend, type FakeBackend } from '../support/fake-backend';
import { ConsolePage } from './console-page';
import { buildRendererForTest, type BuiltRenderer } from './renderer-build';

/** The current test's console: its parts are replaced before each test (the renderer and browser once per file). */
export interface FakeConsoleSession {
  renderer: BuiltRenderer;
  browser: TestBrowser;
  fake: FakeBackend;
  host: HeadlessHost;
  console: ConsolePage;
}

/**
 * The real console (built renderer, headless host, Chromium) over a fresh fake engine for every test,
 * opened and with no page or console error recorded yet. Registers the file's hooks; call it once, at the top.
 */
export function fakeConsoleSession(): FakeConsoleSession {
  const session = {} as FakeConsoleSession;
  beforeAll(async () => {
    [session.renderer, session.browser] = await Promise.all([buildRendererForTest(), launchBrowser()]);
  });
  afterAll(async () => {
    await session.browser?.close();
    await session.renderer?.remove();
  });
  beforeEach(async () => {
    session.fake = createFakeBackend();
    session.host = await startHeadlessHost({ backend: session.fake.backend, rendererDir: session.renderer.dir });
    session.console = new ConsolePage(session.browser.page);
    session.browser.pageErrors.length = 0;
    session.browser.consoleErrors.length = 0;
    await session.console.open(session.host.url);
  });
  afterEach(async () => {
    await session.host.stop();
  });
  return session;
}
