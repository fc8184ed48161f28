// Draws the app icons in public/icons/ (the Baken mark: a beacon tower with its light, white and
// amber on sea blue) as PNG files, from the same shapes as src/components/BakenMark.astro and
// public/favicon.svg. Run once after changing the design: `node scripts/make-icons.mjs`.
// The PNGs are committed, so a build needs no image tools and no download.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { root } from './lib/tasks.mjs';

const SEA = [0x0b, 0x4a, 0x5e];
const WHITE = [0xff, 0xff, 0xff];
const BEACON = [0xf5, 0xb3, 0x01];
// Samples per pixel side for smooth (anti-aliased) edges.
const SUPERSAMPLE = 4;

/**
 * Icon variants. `scale` is the share of the icon the 64-unit mark takes. A maskable icon keeps
 * the whole mark inside the safe zone (a circle with a radius of 40%): at 0.62 its farthest
 * corner is 0.37 from the centre.
 */
const ICONS = [
  { file: 'icon-192.png', size: 192, scale: 0.84 },
  { file: 'icon-512.png', size: 512, scale: 0.84 },
  { file: 'icon-maskable-192.png', size: 192, scale: 0.62 },
  { file: 'icon-maskable-512.png', size: 512, scale: 0.62 },
];

const dir = join(root, 'public', 'icons');
mkdirSync(dir, { recursive: true });
for (const icon of ICONS) {
  const png = encodePng(icon.size, drawMark(icon.size, icon.scale));
  writeFileSync(join(dir, icon.file), png);
  console.log(`${icon.file}: ${icon.size}×${icon.size}, ${png.length} bytes`);
}

/**
 * The colour of the mark at (x, y) in its 64 × 64 grid, or undefined outside it: the light
 * (circle, amber), two rays, the tapered tower with a band cut out, and the base.
 */
function markAt(x, y) {
  if ((x - 32) ** 2 + (y - 14) ** 2 <= 36) return BEACON;
  if (y >= 12.5 && y <= 15.5 && ((x >= 12 && x <= 22) || (x >= 42 && x <= 52))) return BEACON;
  if (y >= 23 && y <= 51) {
    const half = 6 + ((y - 23) / 28) * 7;
    if (Math.abs(x - 32) <= half && !(y >= 34 && y <= 39)) return WHITE;
  }
  if (y >= 51 && y <= 56 && x >= 14 && x <= 50) return WHITE;
  return undefined;
}

/** RGB pixels of the mark on a sea-blue square, centred. */
function drawMark(size, scale) {
  const unit = (scale * size) / 64;
  const offset = (size - 64 * unit) / 2;
  const pixels = Buffer.alloc(size * size * 3);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const sum = [0, 0, 0];
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          const mx = (x + (sx + 0.5) / SUPERSAMPLE - offset) / unit;
          const my = (y + (sy + 0.5) / SUPERSAMPLE - offset) / unit;
          const colour = markAt(mx, my) ?? SEA;
          for (let c = 0; c < 3; c++) sum[c] += colour[c];
        }
      }
      for (let c = 0; c < 3; c++) pixels[(y * size + x) * 3 + c] = Math.round(sum[c] / SUPERSAMPLE ** 2);
    }
  }
  return pixels;
}

/** Encodes 8-bit RGB pixels as a PNG file. */
function encodePng(size, pixels) {
  const rows = Buffer.alloc(size * (size * 3 + 1));
  for (let y = 0; y < size; y++) {
    // Each scanline starts with its filter type; 0 is "none".
    pixels.copy(rows, y * (size * 3 + 1) + 1, y * size * 3, (y + 1) * size * 3);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8); // bit depth 8, colour type 2 (RGB), default compression, filter, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}
