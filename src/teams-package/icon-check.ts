import { PNG } from 'pngjs';

/**
 * What Teams asks of the two icons, checked on the decoded pixels (pngjs turns any PNG colour
 * type into 8-bit RGBA), so an icon swapped in by a designer is held to the same rules:
 * colour 192×192; outline 32×32, white on a transparent background (Teams tints it itself, and a
 * coloured pixel shows as a smudge in the app bar).
 */
export const COLOR_ICON_SIZE = 192;
export const OUTLINE_ICON_SIZE = 32;

export interface IconProblem {
  readonly file: string;
  readonly message: string;
}

export interface DecodedIcon {
  readonly width: number;
  readonly height: number;
  readonly rgba: Uint8Array;
}

export function decodePng(bytes: Buffer): DecodedIcon {
  const png = PNG.sync.read(bytes);
  return { width: png.width, height: png.height, rgba: png.data };
}

export function checkColorIcon(file: string, bytes: Buffer): IconProblem[] {
  const icon = decode(file, bytes);
  if ('problem' in icon) return [icon.problem];
  return sizeProblems(file, icon, COLOR_ICON_SIZE);
}

export function checkOutlineIcon(file: string, bytes: Buffer): IconProblem[] {
  const icon = decode(file, bytes);
  if ('problem' in icon) return [icon.problem];
  const problems = sizeProblems(file, icon, OUTLINE_ICON_SIZE);
  let transparent = 0;
  let visible = 0;
  let coloured = 0;
  let firstColoured: string | undefined;
  for (let i = 0; i < icon.width * icon.height; i++) {
    const [r, g, b, a] = [icon.rgba[i * 4]!, icon.rgba[i * 4 + 1]!, icon.rgba[i * 4 + 2]!, icon.rgba[i * 4 + 3]!];
    if (a === 0) {
      transparent++;
      continue;
    }
    visible++;
    if (r !== 255 || g !== 255 || b !== 255) {
      coloured++;
      firstColoured ??= `(${i % icon.width}, ${Math.floor(i / icon.width)}) is ${hex(r, g, b)}`;
    }
  }
  if (transparent === 0) problems.push({ file, message: 'must have a transparent background, but no pixel is transparent' });
  if (visible === 0) problems.push({ file, message: 'is empty: every pixel is transparent' });
  if (coloured > 0) {
    problems.push({ file, message: `must be white (#FFFFFF) where it is not transparent: ${coloured} pixel(s) are not, e.g. ${firstColoured}` });
  }
  return problems;
}

function decode(file: string, bytes: Buffer): DecodedIcon | { problem: IconProblem } {
  try {
    return decodePng(bytes);
  } catch (e) {
    return { problem: { file, message: `is not a readable PNG (${e instanceof Error ? e.message : String(e)})` } };
  }
}

function sizeProblems(file: string, icon: DecodedIcon, size: number): IconProblem[] {
  return icon.width === size && icon.height === size
    ? []
    : [{ file, message: `must be ${size}×${size} pixels (is ${icon.width}×${icon.height})` }];
}

function hex(r: number, g: number, b: number): string {
  return `#${[r, g, b].map((n) => n.toString(16).padStart(2, '0').toUpperCase()).join('')}`;
}
