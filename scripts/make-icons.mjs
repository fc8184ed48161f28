// Draws the app icons in public/icons/ (the ▲ brand mark, white on Baken blue) as PNG files.
// Run once after changing the design: `node scripts/make-icons.mjs`. The PNGs are committed,
// so a build needs no image tools and no download.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { root } from './lib/tasks.mjs';

const BLUE = [0x15, 0x39, 0x6b];
const WHITE = [0xff, 0xff, 0xff];
// Samples per pixel side for smooth (anti-aliased) edges.
const SUPERSAMPLE = 4;

/**
 * Icon variants. `markRadius` is the distance from the triangle's centroid to a corner, as a
 * share of the icon size. A maskable icon keeps the whole triangle inside the safe zone (a
 * circle with a radius of 40%): at 0.3 its farthest corner is 0.34 from the centre.
 */
const ICONS = [
  { file: 'icon-192.png', size: 192, markRadius: 0.4 },
  { file: 'icon-512.png', size: 512, markRadius: 0.4 },
  { file: 'icon-maskable-192.png', size: 192, markRadius: 0.3 },
  { file: 'icon-maskable-512.png', size: 512, markRadius: 0.3 },
];

const dir = join(root, 'public', 'icons');
mkdirSync(dir, { recursive: true });
for (const icon of ICONS) {
  const png = encodePng(icon.size, drawMark(icon.size, icon.markRadius));
  writeFileSync(join(dir, icon.file), png);
  console.log(`${icon.file}: ${icon.size}×${icon.size}, ${png.length} bytes`);
}

/** RGB pixels of an upward equilateral triangle, white on blue, its bounding box centred. */
function drawMark(size, markRadius) {
  const radius = markRadius * size;
  // The centroid sits a quarter radius below the middle of the triangle's height.
  const [cx, cy] = [size / 2, size / 2 + radius / 4];
  const corners = [0, 1, 2].map((i) => {
    const angle = -Math.PI / 2 + (i * 2 * Math.PI) / 3;
    return [cx + radius * Math.cos(angle), cy + radius * Math.sin(angle)];
  });
  const inside = (x, y) =>
    corners.every(([ax, ay], i) => {
      const [bx, by] = corners[(i + 1) % 3];
      return (bx - ax) * (y - ay) - (by - ay) * (x - ax) >= 0;
    });
  const pixels = Buffer.alloc(size * size * 3);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let hits = 0;
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          if (inside(x + (sx + 0.5) / SUPERSAMPLE, y + (sy + 0.5) / SUPERSAMPLE)) hits++;
        }
      }
      const cover = hits / SUPERSAMPLE ** 2;
      for (let c = 0; c < 3; c++) pixels[(y * size + x) * 3 + c] = Math.round(BLUE[c] + (WHITE[c] - BLUE[c]) * cover);
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
