/**
 * Draws the tray icons and the app icon as PNGs with node:zlib only.
 * Run: `npx tsx scripts/make-tray-icons.ts`; writes resources/tray/*.png and resources/icon.png.
 *
 * Each state has its own shape as well as its own colour, so it reads without colour vision:
 * ok = filled circle, warning = triangle, critical = circle with "!", offline = hollow ring.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { deflateSync } from 'node:zlib';

type Rgba = readonly [number, number, number, number];
/** A shape in unit coordinates (0..1 across the image): true where it covers the point. */
type Shape = (x: number, y: number) => boolean;
type Layer = readonly [Shape, Rgba];

const GREEN: Rgba = [46, 158, 68, 255];
const AMBER: Rgba = [240, 162, 2, 255];
const RED: Rgba = [217, 48, 37, 255];
const GREY: Rgba = [138, 143, 152, 255];
const WHITE: Rgba = [255, 255, 255, 255];
const INK: Rgba = [31, 41, 55, 255];
const OUTLINE = 0.06; // a darker rim keeps the icon visible on light and dark panels

const circle = (cx: number, cy: number, r: number): Shape => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
const rect = (x0: number, y0: number, x1: number, y1: number): Shape => (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
const minus = (a: Shape, b: Shape): Shape => (x, y) => a(x, y) && !b(x, y);
const union = (...shapes: Shape[]): Shape => (x, y) => shapes.some((shape) => shape(x, y));
const roundedRect = (x0: number, y0: number, x1: number, y1: number, r: number): Shape =>
  union(
    rect(x0 + r, y0, x1 - r, y1),
    rect(x0, y0 + r, x1, y1 - r),
    circle(x0 + r, y0 + r, r),
    circle(x1 - r, y0 + r, r),
    circle(x0 + r, y1 - r, r),
    circle(x1 - r, y1 - r, r),
  );

/** Inside the triangle with corners a, b, c (any winding). */
function triangle(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): Shape {
  const side = (px: number, py: number, qx: number, qy: number, x: number, y: number) =>
    (qx - px) * (y - py) - (qy - py) * (x - px);
  return (x, y) => {
    const d1 = side(ax, ay, bx, by, x, y);
    const d2 = side(bx, by, cx, cy, x, y);
    const d3 = side(cx, cy, ax, ay, x, y);
    return (d1 >= 0 && d2 >= 0 && d3 >= 0) || (d1 <= 0 && d2 <= 0 && d3 <= 0);
  };
}

function darker([r, g, b, a]: Rgba): Rgba {
  return [Math.round(r * 0.6), Math.round(g * 0.6), Math.round(b * 0.6), a];
}

function disc(color: Rgba): Layer[] {
  return [
    [circle(0.5, 0.5, 0.46), darker(color)],
    [circle(0.5, 0.5, 0.46 - OUTLINE), color],
  ];
}

const exclamation: Shape = union(roundedRect(0.44, 0.2, 0.56, 0.58, 0.05), circle(0.5, 0.72, 0.07));

const TRAY_ICONS: Record<string, Layer[]> = {
  'tray-ok': disc(GREEN),
  'tray-warning': [
    [triangle(0.5, 0.04, 0.97, 0.92, 0.03, 0.92), darker(AMBER)],
    [triangle(0.5, 0.15, 0.87, 0.86, 0.13, 0.86), AMBER],
    [union(roundedRect(0.45, 0.36, 0.55, 0.64, 0.04), circle(0.5, 0.75, 0.06)), INK],
  ],
  'tray-critical': [...disc(RED), [exclamation, WHITE]],
  'tray-offline': [
    [minus(circle(0.5, 0.5, 0.46), circle(0.5, 0.5, 0.26)), darker(GREY)],
    [minus(circle(0.5, 0.5, 0.46 - OUTLINE), circle(0.5, 0.5, 0.26 + OUTLINE)), GREY],
  ],
};

/** A white bell with a red badge on a dark rounded square. */
const APP_ICON: Layer[] = [
  [roundedRect(0.04, 0.04, 0.96, 0.96, 0.18), INK],
  [
    union(
      circle(0.5, 0.44, 0.22),
      rect(0.28, 0.44, 0.72, 0.66),
      roundedRect(0.2, 0.62, 0.8, 0.71, 0.04),
      circle(0.5, 0.21, 0.045),
      circle(0.5, 0.76, 0.07),
    ),
    WHITE,
  ],
  [circle(0.74, 0.27, 0.13), INK],
  [circle(0.74, 0.27, 0.1), RED],
];

/** Renders layers with 4×4 supersampling for smooth edges; later layers paint over earlier ones. */
function render(layers: Layer[], size: number): Buffer {
  const samples = 4;
  const pixels = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const sum = [0, 0, 0, 0]; // premultiplied
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = (px + (sx + 0.5) / samples) / size;
          const y = (py + (sy + 0.5) / samples) / size;
          const hit = layers.findLast(([shape]) => shape(x, y));
          if (!hit) continue;
          const [r, g, b, a] = hit[1];
          sum[0]! += (r * a) / 255;
          sum[1]! += (g * a) / 255;
          sum[2]! += (b * a) / 255;
          sum[3]! += a;
        }
      }
      const alpha = sum[3]! / (samples * samples);
      const offset = (py * size + px) * 4;
      if (alpha > 0) {
        for (let c = 0; c < 3; c++) pixels[offset + c] = Math.round((sum[c]! / sum[3]!) * 255);
        pixels[offset + 3] = Math.round(alpha);
      }
    }
  }
  return encodePng(pixels, size, size);
}

function encodePng(rgba: Buffer, width: number, height: number): Buffer {
  const rows = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    rows[y * (width * 4 + 1)] = 0; // filter: none
    rgba.copy(rows, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, deflate, no filter set, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function write(path: string, png: Buffer): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, png);
  console.log(`wrote ${path} (${png.length} bytes)`);
}

const resources = join(import.meta.dirname, '..', 'resources');
for (const [name, layers] of Object.entries(TRAY_ICONS)) {
  write(join(resources, 'tray', `${name}.png`), render(layers, 32));
  write(join(resources, 'tray', `${name}@2x.png`), render(layers, 64));
}
write(join(resources, 'icon.png'), render(APP_ICON, 256));
