import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { TRAY_LEVELS } from '../../../electron/desktop/plant-state';
import { TRAY_ICON_SIZE, trayIconImages, trayIconPng } from '../../../electron/desktop/tray-icon';

/** Decodes the encoder's own output (RGBA, filter 0 on every row): the pixel at (x, y). */
function pixelOf(png: Buffer, x: number, y: number): number[] {
  const width = png.readUInt32BE(16);
  const chunks: Buffer[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    if (png.toString('latin1', at + 4, at + 8) === 'IDAT') chunks.push(png.subarray(at + 8, at + 8 + length));
    at += length + 12;
  }
  const rows = inflateSync(Buffer.concat(chunks));
  const start = y * (width * 4 + 1) + 1 + x * 4;
  return [...rows.subarray(start, start + 4)];
}

describe('tray icons', () => {
  it('are 32×32 PNGs shown at 16×16 points', () => {
    const created: { buffer: Buffer; scaleFactor: number | undefined }[] = [];
    trayIconImages({
      createFromBuffer: (buffer, options) => {
        created.push({ buffer, scaleFactor: options?.scaleFactor });
        return {} as never;
      },
    });

    expect(created).toHaveLength(TRAY_LEVELS.length);
    for (const { buffer, scaleFactor } of created) {
      expect(buffer.subarray(1, 4).toString('latin1')).toBe('PNG');
      expect([buffer.readUInt32BE(16), buffer.readUInt32BE(20)]).toEqual([TRAY_ICON_SIZE, TRAY_ICON_SIZE]);
      expect(scaleFactor).toBe(2);
    }
  });

  it('tell the state by shape, not colour alone: a grey disc, a red triangle with a white mark, a slashed ring', () => {
    const at = (level: 'normal' | 'alarm' | 'link-down', x: number, y: number) => pixelOf(trayIconPng(level), x, y);
    const TRANSPARENT = [0, 0, 0, 0];

    // The centre: the disc is filled; the triangle shows its mark; the ring's slash crosses it.
    expect(at('normal', 16, 16)).toEqual([0x7a, 0x8a, 0x99, 255]);
    expect(at('alarm', 16, 16)).toEqual([255, 255, 255, 255]);
    expect(at('alarm', 10, 24)).toEqual([0xc2, 0x1a, 0x1a, 255]);
    expect(at('link-down', 16, 16)).toEqual([0xb4, 0xbe, 0xc8, 255]);
    // Towards a top corner the disc is still drawn, the triangle has narrowed to its apex.
    expect(at('normal', 8, 8)).not.toEqual(TRANSPARENT);
    expect(at('alarm', 8, 8)).toEqual(TRANSPARENT);
    // Inside the ring, off the slash: hollow.
    expect(at('link-down', 20, 12)).toEqual(TRANSPARENT);
  });
});
