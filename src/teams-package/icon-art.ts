/**
 * SecretWatch's icons, drawn from simple geometry so they can be regenerated (and checked) without
 * an image editor: a shield (protection) holding an eye (watching) whose pupil is a keyhole
 * (secrets). Shapes are predicates on the unit square; each pixel's coverage is the share of a
 * 6×6 grid of samples inside the shape, which gives smooth edges without a graphics library.
 */

type Shape = (x: number, y: number) => boolean;
type Rgb = readonly [number, number, number];

/** The manifest's accentColor: Teams shows it behind the colour icon in some places. */
export const ACCENT = '#1F3A5F';

const NAVY: Rgb = hex(ACCENT);
const WHITE: Rgb = [255, 255, 255];
const STEEL: Rgb = hex('#2B6CB0');
const AMBER: Rgb = hex('#F6B40E');

const SAMPLES = 6;

export const COLOR_SIZE = 192;
export const OUTLINE_SIZE = 32;

/** 192×192, full colour on the accent colour: white-rimmed shield, eye with an amber iris and keyhole pupil. */
export function drawColorIcon(): Uint8Array {
  const outer = shield({ top: 0.1, halfWidth: 0.34, shoulder: 0.47, tip: 0.92 });
  const inner = shield({ top: 0.165, halfWidth: 0.275, shoulder: 0.47, tip: 0.835 });
  const eyeAt = { x: 0.5, y: 0.45 };
  // The motif keeps a wide margin: Teams crops the colour icon to a rounded tile in some places.
  const art = (shape: Shape): Shape => scaled(shape, 0.8);
  return paint(COLOR_SIZE, [255, 255, 255, 0], [
    // Full bleed on the accent colour, so the tile matches what Teams draws around it.
    { shape: () => true, rgb: NAVY },
    { shape: art(outer), rgb: WHITE },
    { shape: art(inner), rgb: STEEL },
    { shape: art(almond(eyeAt.x, eyeAt.y, 0.2, 0.115)), rgb: WHITE },
    { shape: art(circle(eyeAt.x, eyeAt.y, 0.088)), rgb: AMBER },
    { shape: art(keyhole(eyeAt.x, eyeAt.y - 0.018, 0.03, 0.07, 0.011, 0.024)), rgb: NAVY },
  ]);
}

/**
 * 32×32 outline: Teams wants white on a transparent background (it tints it itself), so every
 * pixel is #FFFFFF and only alpha varies. A solid shield with the keyhole cut out reads at 32 px
 * where the eye would not.
 */
export function drawOutlineIcon(): Uint8Array {
  const body = shield({ top: 0.06, halfWidth: 0.38, shoulder: 0.46, tip: 0.96 });
  const hole = keyhole(0.5, 0.38, 0.105, 0.28, 0.04, 0.085);
  return paint(OUTLINE_SIZE, [255, 255, 255, 0], [{ shape: (x, y) => body(x, y) && !hole(x, y), rgb: WHITE }]);
}

interface Layer {
  readonly shape: Shape;
  readonly rgb: Rgb;
}

function paint(size: number, background: readonly [number, number, number, number], layers: readonly Layer[]): Uint8Array {
  const out = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let [r, g, b, a] = [background[0] / 255, background[1] / 255, background[2] / 255, background[3] / 255];
      for (const layer of layers) {
        const cover = coverage(layer.shape, px, py, size);
        if (cover === 0) continue;
        // Straight-alpha "over": the layer is opaque, so only its coverage blends.
        const na = cover + a * (1 - cover);
        const mix = (top: number, under: number): number => (top * cover + under * a * (1 - cover)) / na;
        [r, g, b, a] = [mix(layer.rgb[0] / 255, r), mix(layer.rgb[1] / 255, g), mix(layer.rgb[2] / 255, b), na];
      }
      const i = (py * size + px) * 4;
      out[i] = Math.round(r * 255);
      out[i + 1] = Math.round(g * 255);
      out[i + 2] = Math.round(b * 255);
      out[i + 3] = Math.round(a * 255);
    }
  }
  return out;
}

function coverage(shape: Shape, px: number, py: number, size: number): number {
  let inside = 0;
  for (let sy = 0; sy < SAMPLES; sy++) {
    for (let sx = 0; sx < SAMPLES; sx++) {
      if (shape((px + (sx + 0.5) / SAMPLES) / size, (py + (sy + 0.5) / SAMPLES) / size)) inside++;
    }
  }
  return inside / (SAMPLES * SAMPLES);
}

/** A heater shield: gently arched top, straight sides down to the shoulder, curving to a point. */
function shield(s: { top: number; halfWidth: number; shoulder: number; tip: number }): Shape {
  return (x, y) => {
    const dx = Math.abs(x - 0.5);
    if (dx > s.halfWidth) return false;
    const u = dx / s.halfWidth;
    if (y < s.top + 0.035 * u * u) return false;
    if (y <= s.shoulder) return true;
    if (y > s.tip) return false;
    const t = (y - s.shoulder) / (s.tip - s.shoulder);
    return dx <= s.halfWidth * (1 - Math.pow(t, 1.8));
  };
}

/** The shape shrunk by `k` about the centre of the square. */
function scaled(shape: Shape, k: number): Shape {
  return (x, y) => shape((x - 0.5) / k + 0.5, (y - 0.5) / k + 0.5);
}

function circle(cx: number, cy: number, r: number): Shape {
  return (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

/** An eye's outline: the lens where two circles overlap, halfWidth wide and halfHeight tall. */
function almond(cx: number, cy: number, halfWidth: number, halfHeight: number): Shape {
  const d = (halfWidth ** 2 - halfHeight ** 2) / (2 * halfHeight);
  const r = d + halfHeight;
  const upper = circle(cx, cy + d, r);
  const lower = circle(cx, cy - d, r);
  return (x, y) => upper(x, y) && lower(x, y);
}

/** A round head over a flared stem that reaches `length` below the head's centre. */
function keyhole(cx: number, cy: number, r: number, length: number, neck: number, foot: number): Shape {
  const head = circle(cx, cy, r);
  return (x, y) => {
    if (head(x, y)) return true;
    if (y < cy || y > cy + length) return false;
    const t = (y - cy) / length;
    return Math.abs(x - cx) <= neck + (foot - neck) * t;
  };
}

function hex(color: string): Rgb {
  const n = Number.parseInt(color.slice(1), 16);
  return [(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
}
