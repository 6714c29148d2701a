import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { COLOR_SIZE, OUTLINE_SIZE, drawColorIcon, drawOutlineIcon } from '../../src/teams-package/icon-art';
import { checkColorIcon, checkOutlineIcon, decodePng } from '../../src/teams-package/icon-check';
import { encodePng } from '../../src/teams-package/png-encode';
import { ROOT } from './fixtures';

const committed = (file: string): Buffer => readFileSync(join(ROOT, 'manifest', file));

/** An RGBA image of the given size, every pixel `rgba`. */
function filled(size: number, rgba: readonly [number, number, number, number]): Uint8Array {
  const out = new Uint8Array(size * size * 4);
  for (let i = 0; i < size * size; i++) out.set(rgba, i * 4);
  return out;
}

describe('the committed icons', () => {
  // Drawing the colour icon takes a few seconds under jest: draw it once.
  let colorPixels: Uint8Array;
  beforeAll(() => {
    colorPixels = drawColorIcon();
  });

  test('are exactly what scripts/draw-icons.ts draws (run npm run icons after changing the art)', () => {
    expect(committed('color.png').equals(encodePng(COLOR_SIZE, COLOR_SIZE, colorPixels))).toBe(true);
    expect(committed('outline.png').equals(encodePng(OUTLINE_SIZE, OUTLINE_SIZE, drawOutlineIcon()))).toBe(true);
  });

  test('color.png is 192×192 and full colour: accent background with a white, steel and amber motif', () => {
    const icon = decodePng(committed('color.png'));
    expect([icon.width, icon.height]).toEqual([192, 192]);
    expect(checkColorIcon('color.png', committed('color.png'))).toEqual([]);
    const at = (x: number, y: number): string => Buffer.from(icon.rgba.subarray((y * 192 + x) * 4, (y * 192 + x) * 4 + 4)).toString('hex');
    expect(at(0, 0)).toBe('1f3a5fff'); // the accent colour, opaque
    expect(new Set(Array.from({ length: 192 * 192 }, (_, i) => icon.rgba[i * 4 + 3])).size).toBe(1); // no transparency
    const colours = new Set(Array.from({ length: 192 * 192 }, (_, i) => at(i % 192, Math.floor(i / 192))));
    expect(colours.size).toBeGreaterThan(20); // anti-aliased edges between several colours
  });

  test('outline.png is 32×32, white only, on a transparent background with a visible shape', () => {
    const icon = decodePng(committed('outline.png'));
    expect([icon.width, icon.height]).toEqual([32, 32]);
    expect(checkOutlineIcon('outline.png', committed('outline.png'))).toEqual([]);
    let transparent = 0;
    let opaque = 0;
    for (let i = 0; i < 32 * 32; i++) {
      const [r, g, b, a] = icon.rgba.subarray(i * 4, i * 4 + 4);
      expect([r, g, b]).toEqual([255, 255, 255]);
      if (a === 0) transparent++;
      if (a === 255) opaque++;
    }
    expect(transparent).toBeGreaterThan(200);
    expect(opaque).toBeGreaterThan(200);
    for (const [x, y] of [[0, 0], [31, 0], [0, 31], [31, 31]] as const) expect(icon.rgba[(y * 32 + x) * 4 + 3]).toBe(0);
  });

  test('the PNG writer is read back by an independent decoder (pngjs), pixel for pixel', () => {
    const png = PNG.sync.read(encodePng(COLOR_SIZE, COLOR_SIZE, colorPixels));
    expect(Buffer.from(png.data).equals(Buffer.from(colorPixels))).toBe(true);
  });
});

describe('icon checks refuse what Teams would', () => {
  const white: [number, number, number, number] = [255, 255, 255, 255];

  test('wrong sizes', () => {
    expect(checkColorIcon('color.png', encodePng(96, 96, filled(96, white)))).toEqual([{ file: 'color.png', message: 'must be 192×192 pixels (is 96×96)' }]);
    const big = filled(64, [255, 255, 255, 0]);
    big.set(white, 0);
    expect(checkOutlineIcon('outline.png', encodePng(64, 64, big))).toEqual([{ file: 'outline.png', message: 'must be 32×32 pixels (is 64×64)' }]);
  });

  test('an outline without transparency, an empty one, and one with coloured pixels', () => {
    expect(checkOutlineIcon('o.png', encodePng(32, 32, filled(32, white)))).toEqual([
      { file: 'o.png', message: 'must have a transparent background, but no pixel is transparent' },
    ]);
    expect(checkOutlineIcon('o.png', encodePng(32, 32, filled(32, [255, 255, 255, 0])))).toEqual([{ file: 'o.png', message: 'is empty: every pixel is transparent' }]);
    const smudged = drawOutlineIcon();
    const centre = (16 * 32 + 8) * 4; // inside the shield, left of the keyhole
    expect(smudged[centre + 3]).toBe(255);
    smudged.set([0x1f, 0x3a, 0x5f, 255], centre);
    smudged.set([250, 250, 250, 128], centre + 4);
    expect(checkOutlineIcon('o.png', encodePng(32, 32, smudged))).toEqual([
      { file: 'o.png', message: 'must be white (#FFFFFF) where it is not transparent: 2 pixel(s) are not, e.g. (8, 16) is #1F3A5F' },
    ]);
  });

  test('fully transparent pixels may carry any colour (they are invisible)', () => {
    const icon = drawOutlineIcon();
    for (let i = 0; i < 32 * 32; i++) if (icon[i * 4 + 3] === 0) icon.set([0, 0, 0, 0], i * 4);
    expect(checkOutlineIcon('o.png', encodePng(32, 32, icon))).toEqual([]);
  });

  test('other PNG colour types are decoded too (a designer\'s greyscale+alpha outline)', () => {
    const png = new PNG({ width: 32, height: 32, colorType: 4, inputColorType: 6, bitDepth: 8 });
    Buffer.from(drawOutlineIcon()).copy(png.data);
    expect(checkOutlineIcon('o.png', PNG.sync.write(png, { colorType: 4, inputColorType: 6 }))).toEqual([]);
  });

  test('a file that is not a PNG', () => {
    expect(checkColorIcon('color.png', Buffer.from('GIF89a'))).toEqual([{ file: 'color.png', message: expect.stringMatching(/^is not a readable PNG/) }]);
  });
});
