/**
 * The tray icon: the plant's state at a glance while the console window is hidden or behind
 * another — its variant (normal, alarm, link down) and a tooltip such as "Smart MO Sync — 4 batches
 * in the PLC, 1 high alarm"; its menu shows the console or quits.
 */
import type { Menu, MenuItemConstructorOptions, NativeImage } from 'electron';
import type { Snapshot } from '../../shared/domain';
import type { DesktopText } from './desktop-text';
import { plantState, type TrayLevel } from './plant-state';

/** The part of Electron's Tray used here. */
export interface TrayLike {
  setToolTip(toolTip: string): void;
  setImage(image: NativeImage): void;
  setContextMenu(menu: Menu | null): void;
  on(event: 'click', listener: () => void): unknown;
}

export interface PlantTrayOptions {
  tray: TrayLike;
  icons: Record<TrayLevel, NativeImage>;
  buildMenu(template: MenuItemConstructorOptions[]): Menu;
  text: DesktopText;
  showConsole(): void;
  quit(): void;
}

/** Sets the menu; the returned function shows a snapshot's state (unchanged states are not redrawn). */
export function showPlantStateInTray(options: PlantTrayOptions): (snapshot: Snapshot) => void {
  const { tray, text } = options;
  tray.setContextMenu(
    options.buildMenu([
      { label: text.menu.show, click: () => options.showConsole() },
      { type: 'separator' },
      { label: text.menu.quit, click: () => options.quit() },
    ]),
  );
  // Windows opens the console on a click; Linux and macOS open the menu.
  tray.on('click', () => options.showConsole());
  let shownLevel: TrayLevel | null = null;
  let shownTooltip: string | null = null;
  return (snapshot) => {
    const state = plantState(snapshot);
    const tooltip = text.trayTooltip(state);
    if (state.level !== shownLevel) tray.setImage(options.icons[state.level]);
    if (tooltip !== shownTooltip) tray.setToolTip(tooltip);
    shownLevel = state.level;
    shownTooltip = tooltip;
  };
}
