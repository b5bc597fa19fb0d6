/**
 * The tray icon's three variants, drawn in code at 32×32 and shown at 16×16 points. ISA-101: the
 * state is told by shape as well as colour — a quiet grey disc when normal, a red warning triangle
 * for a high alarm, a slashed ring when a connection is lost.
 */
import type { NativeImage } from 'electron';
import { encodePng } from './png';
import { TRAY_LEVELS, type TrayLevel } from './plant-state';

export const TRAY_ICON_SIZE = 32;
const CENTRE = TRAY_ICON_SIZE / 2;

type Rgba = readonly [number, number, number, number];
const GREY: Rgba = [0x7a, 0x8a, 0x99, 0xff];
const RED: Rgba = [0xc2, 0x1a, 0x1a, 0xff];
const WHITE: Rgba = [0xff, 0xff, 0xff, 0xff];
const LIGHT_GREY: Rgba = [0xb4, 0xbe, 0xc8, 0xff];

/** The colour at a pixel's centre, or null where the icon is transparent. */
type Paint = (x: number, y: number) => Rgba | null;

const distance = (x: number, y: number): number => Math.hypot(x - CENTRE, y - CENTRE);

const PAINTS: Record<TrayLevel, Paint> = {
  normal: (x, y) => (distance(x, y) <= 13 ? GREY : null),
  alarm: (x, y) => {
    const insideTriangle = y >= 3 && y <= 29 && Math.abs(x - CENTRE) <= ((y - 3) * 15) / 26;
    if (!insideTriangle) return null;
    const exclamation = Math.abs(x - CENTRE) <= 1.75 && ((y >= 11 && y <= 21) || (y >= 23.5 && y <= 26.5));
    return exclamation ? WHITE : RED;
  },
  'link-down': (x, y) => {
    const d = distance(x, y);
    const ring = d >= 10 && d <= 14;
    const slash = d <= 14 && Math.abs(x - y) <= 1.75;
    return ring || slash ? LIGHT_GREY : null;
  },
};

export function trayIconPng(level: TrayLevel): Buffer {
  const pixels = new Uint8Array(TRAY_ICON_SIZE * TRAY_ICON_SIZE * 4);
  for (let y = 0; y < TRAY_ICON_SIZE; y++) {
    for (let x = 0; x < TRAY_ICON_SIZE; x++) {
      const colour = PAINTS[level](x + 0.5, y + 0.5);
      if (colour) pixels.set(colour, (y * TRAY_ICON_SIZE + x) * 4);
    }
  }
  return encodePng(TRAY_ICON_SIZE, TRAY_ICON_SIZE, pixels);
}

/** The part of Electron's nativeImage module used here. */
export interface NativeImageFactory {
  createFromBuffer(buffer: Buffer, options?: { scaleFactor?: number }): NativeImage;
}

export function trayIconImages(nativeImage: NativeImageFactory): Record<TrayLevel, NativeImage> {
  const image = (level: TrayLevel) => nativeImage.createFromBuffer(trayIconPng(level), { scaleFactor: TRAY_ICON_SIZE / 16 });
  return Object.fromEntries(TRAY_LEVELS.map((level) => [level, image(level)])) as Record<TrayLevel, NativeImage>;
}
