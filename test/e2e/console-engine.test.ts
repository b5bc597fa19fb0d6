/**
 * The whole product as an operator meets it: the real engine with both
 * simulators, the headless host, the built console in Debian's Chromium.
 */
import { mkdir } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEngine, type StartedEngine } from '../../electron/engine/start-engine';
import { startHeadlessHost, type HeadlessHost } from '../../electron/host/http-host';
import { launchBrowser, type TestBrowser } from '../support/browser';
import { TestPlant } from '../support/test-plant';
import { ConsolePage } from './console-page';
import { buildRendererForTest, type BuiltRenderer } from './renderer-build';

let renderer: BuiltRenderer;
let browser: TestBrowser;
let plant: TestPlant | undefined;
let engine: StartedEngine | undefined;
let host: HeadlessHost | undefined;

beforeAll(async () => {
  [renderer, browser] = await Promise.all([buildRendererForTest(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await renderer?.remove();
});
afterEach(async () => {
  await host?.stop();
  await engine?.stop();
  await plant?.stop();
  host = engine = plant = undefined;
});

async function openConsole(env: Record<string, string>): Promise<ConsolePage> {
  engine = await startEngine({ env, schedule: true });
  host = await startHeadlessHost({ backend: engine.backend, rendererDir: renderer.dir });
  const console_ = new ConsolePage(browser.page);
  await console_.open(host.url);
  return console_;
}

describe('operator console on the real engine', () => {
  it('reads the queue and history, presses Sync now, sees the outcome and the new queue', async () => {
    plant = await TestPlant.start({ moCount: 20, speed: 0.001 });
    const console_ = await openConsole(plant.env());

    expect(await console_.queueCount()).toBe(0);
    expect(await console_.syncNow()).toBe('Fetched 10 MOs (WH/MO/00011 …)');
    await console_.waitForQueueCount(10);
    const rows = await console_.queueRows();
    expect(rows.map((r) => r.mo)).toEqual((await plant.writeAreaMoIds()).slice(0, 10));
    expect(rows[0]).toMatchObject({ slot: 1, mo: 'WH/MO/00011', plannedKg: '1,000', status: 'waiting' });

    expect(await console_.syncNow()).toBe('Skipped: 10 batches are still in the queue');
    await expect.poll(() => console_.lastSync()).toMatchObject({
      outcome: 'Skipped: 10 batches are still in the queue',
      meta: expect.stringMatching(/^\d\d:\d\d:\d\d · by Sync now on test-station$/),
      reason: expect.stringMatching(/^10 batches are still in the PLC \(.*\); waiting for the PLC to finish them$/),
      old: false,
    });
    await console_.waitForRun('waiting for the PLC to finish them');
    const runs = await console_.runRows();
    expect(runs.slice(0, 2).map((r) => r.outcome)).toEqual(['skipped', 'fetched']);
    expect(runs[1]?.moIds).toHaveLength(10);

    expect(await console_.runTaskNow('plc-read')).toMatch(/^Read the PLC: (Done|Nothing to do) — 10 in the queue: /);

    await mkdir('test-results', { recursive: true });
    await console_.screenshot('test-results/console-engine.png');
    expect(browser.pageErrors).toEqual([]);
  });

  it('shows the loop turning by itself: the PLC doses, batches are booked and archived, the next wave arrives', async () => {
    plant = await TestPlant.start({ moCount: 20, speed: 100, batchSeconds: 3 });
    const console_ = await openConsole(
      plant.env({
        ENABLE_AUTO_SYNC: 'true',
        SYNC_INTERVAL_MINUTES: String(1 / 60),
        PLC_READ_INTERVAL_MINUTES: String(0.2 / 60),
        PROCESS_COMPLETED_INTERVAL_MINUTES: String(0.3 / 60),
      }),
    );

    await console_.waitForQueueCount(10);
    // The wave's progress moves while the PLC doses: some batches done, the rest still counting kg.
    await expect.poll(() => console_.waveProgress(), { timeout: 60_000, interval: 200 }).toMatch(/^[1-9] of 10 done$/);
    const archived = async () => (await console_.searchArchive('WH/MO/')).filter((r) => r.status === 'completed').length;
    await expect.poll(archived, { timeout: 60_000, interval: 500 }).toBeGreaterThanOrEqual(10);
    await console_.waitForRun('WH/MO/00021');
    expect(browser.pageErrors).toEqual([]);
  });
});
