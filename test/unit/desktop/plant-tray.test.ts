import type { Menu, MenuItemConstructorOptions, NativeImage } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { desktopText, type DesktopLanguage } from '../../../electron/desktop/desktop-text';
import type { TrayLevel } from '../../../electron/desktop/plant-state';
import { showPlantStateInTray } from '../../../electron/desktop/plant-tray';
import { createFakeBackend } from '../../support/fake-backend';

class FakeTray {
  toolTip = '';
  image: TrayLevel | null = null;
  menu: MenuItemConstructorOptions[] = [];
  redraws = 0;
  clickListener: () => void = () => undefined;
  setToolTip(toolTip: string): void {
    this.toolTip = toolTip;
  }
  setImage(image: NativeImage): void {
    this.image = image as unknown as TrayLevel;
    this.redraws++;
  }
  setContextMenu(menu: Menu | null): void {
    this.menu = menu as unknown as MenuItemConstructorOptions[];
  }
  on(_event: 'click', listener: () => void): void {
    this.clickListener = listener;
  }
}

/** The icons stand for themselves by name, so the test reads which variant is shown. */
const ICONS = { normal: 'normal', alarm: 'alarm', 'link-down': 'link-down' } as unknown as Record<TrayLevel, NativeImage>;

async function plantWithTray(language: DesktopLanguage = 'en') {
  const fake = createFakeBackend({ waveSize: 4 });
  const tray = new FakeTray();
  const showConsole = vi.fn();
  const quit = vi.fn();
  const show = showPlantStateInTray({
    tray,
    icons: ICONS,
    buildMenu: (template) => template as unknown as Menu,
    text: desktopText(language),
    showConsole,
    quit,
  });
  fake.backend.subscribe('snapshot', show);
  show(await fake.backend.handlers.getSnapshot());
  return { fake, tray, showConsole, quit };
}

describe('tray icon', () => {
  it('tells the batches in the PLC and the high alarms, following each snapshot', async () => {
    const { fake, tray } = await plantWithTray();
    expect(tray.toolTip).toBe('Smart MO Sync — no batch in the PLC, no high alarm');
    expect(tray.image).toBe('normal');

    await fake.backend.handlers.syncNow();
    expect(tray.toolTip).toBe('Smart MO Sync — 4 batches in the PLC, no high alarm');

    fake.raiseAlarm({ kind: 'stuck-batch', priority: 'high' });
    expect(tray.toolTip).toBe('Smart MO Sync — 4 batches in the PLC, 1 high alarm');
    expect(tray.image).toBe('alarm');

    fake.raiseAlarm({ kind: 'failed-batch', priority: 'medium' });
    expect(tray.toolTip).toBe('Smart MO Sync — 4 batches in the PLC, 1 high alarm');

    fake.finishWave();
    fake.clearAlarm('stuck-batch');
    await fake.backend.handlers.acknowledgeAlarm({ key: 'stuck-batch' });
    expect(tray.toolTip).toBe('Smart MO Sync — no batch in the PLC, no high alarm');
    expect(tray.image).toBe('normal');
  });

  it('speaks Bahasa Indonesia when UI_LANGUAGE is id', async () => {
    const { fake, tray } = await plantWithTray('id');
    await fake.backend.handlers.syncNow();
    fake.raiseAlarm({ kind: 'stuck-batch', priority: 'high' });
    fake.raiseAlarm({ kind: 'wave-unconfirmed', priority: 'high' });

    expect(tray.toolTip).toBe('Smart MO Sync — 4 batch di PLC, 2 alarm tinggi');
  });

  it('shows the link-down variant and names the lost connection', async () => {
    const { fake, tray } = await plantWithTray();
    fake.raiseAlarm({ kind: 'stuck-batch', priority: 'high' });

    fake.setAuthority({ offlineSince: '2026-11-28T08:00:00.000Z' });

    expect(tray.image).toBe('link-down');
    expect(tray.toolTip).toBe('Smart MO Sync — no batch in the PLC, 1 high alarm, connection lost: database');
  });

  it('does not count a shelved high alarm, and redraws the icon only when its variant changes', async () => {
    const { fake, tray } = await plantWithTray();
    fake.raiseAlarm({ kind: 'stuck-batch', priority: 'high' });
    await fake.backend.handlers.syncNow();
    expect(tray.redraws).toBe(2);

    await fake.backend.handlers.shelveAlarm({ key: 'stuck-batch', minutes: 30, note: 'silo C cleaned' });

    expect(tray.toolTip).toBe('Smart MO Sync — 4 batches in the PLC, no high alarm');
    expect(tray.image).toBe('normal');
  });

  it('offers Show console and Quit; a click on the icon shows the console', async () => {
    const { tray, showConsole, quit } = await plantWithTray();
    const items = tray.menu.filter((item) => item.type !== 'separator');
    expect(items.map((item) => item.label)).toEqual(['Show console', 'Quit']);

    items[0]?.click?.(undefined as never, undefined, undefined as never);
    tray.clickListener();
    expect(showConsole).toHaveBeenCalledTimes(2);
    items[1]?.click?.(undefined as never, undefined, undefined as never);
    expect(quit).toHaveBeenCalledTimes(1);
  });
});
