// Draws Tandem's icon — two overlapping rounded squares, blue and teal, "two teams in tandem" —
// from one set of shapes into build/icon.svg and a 1024×1024 build/icon.png (electron-builder
// derives .ico and .icns from it). No image library: shapes are rasterised here with
// anti-aliased signed distances and encoded as PNG with node:zlib. Run: node build/scripts/make-icon.mjs
import { deflateSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SIZE = 1024;
const out = join(dirname(fileURLToPath(import.meta.url)), '..');

// The app's own accents (renderer/src/styles.css --accent, --accent-2); where the two teams
// overlap, the colours multiply as two inks would.
const BLUE = [0x25, 0x63, 0xeb];
const TEAL = [0x0d, 0x94, 0x88];
const OVERLAP = BLUE.map((c, i) => Math.round((c * TEAL[i]) / 255));
const TILE = [0xff, 0xff, 0xff];

const tile = { x: 64, y: 64, w: 896, h: 896, r: 200 };
const product = { x: 200, y: 200, w: 420, h: 420, r: 110 };
const operations = { x: 404, y: 404, w: 420, h: 420, r: 110 };

/** Signed distance from (px, py) to a rounded rectangle: negative inside. */
function distance(shape, px, py) {
  const hw = shape.w / 2;
  const hh = shape.h / 2;
  const qx = Math.abs(px - (shape.x + hw)) - (hw - shape.r);
  const qy = Math.abs(py - (shape.y + hh)) - (hh - shape.r);
  const outside = Math.hypot(Math.max(qx, 0), Math.max(qy, 0));
  return outside + Math.min(Math.max(qx, qy), 0) - shape.r;
}

const coverage = (shape, px, py) => Math.min(1, Math.max(0, 0.5 - distance(shape, px, py)));

/** Straight-alpha "over" of colour `rgb` with alpha `a` onto pixel `i` of `pixels`. */
function paint(pixels, i, rgb, a) {
  if (a <= 0) return;
  const da = pixels[i + 3] / 255;
  const oa = a + da * (1 - a);
  for (let c = 0; c < 3; c++) pixels[i + c] = Math.round((rgb[c] * a + pixels[i + c] * da * (1 - a)) / oa);
  pixels[i + 3] = Math.round(oa * 255);
}

function rasterise() {
  const pixels = new Uint8Array(SIZE * SIZE * 4);
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      const i = (y * SIZE + x) * 4;
      const px = x + 0.5;
      const py = y + 0.5;
      const a = coverage(product, px, py);
      const b = coverage(operations, px, py);
      paint(pixels, i, TILE, coverage(tile, px, py));
      paint(pixels, i, BLUE, a);
      paint(pixels, i, TEAL, b);
      paint(pixels, i, OVERLAP, Math.min(a, b));
    }
  }
  return pixels;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function encodePng(pixels) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8 bits per channel, RGBA, deflate, no filter method, no interlace
  const rows = Buffer.alloc(SIZE * (SIZE * 4 + 1));
  for (let y = 0; y < SIZE; y++) {
    rows[y * (SIZE * 4 + 1)] = 0; // filter type: none
    rows.set(pixels.subarray(y * SIZE * 4, (y + 1) * SIZE * 4), y * (SIZE * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const hex = (rgb) => `#${rgb.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
const rect = (s, attrs) => `<rect x="${s.x}" y="${s.y}" width="${s.w}" height="${s.h}" rx="${s.r}" ${attrs}/>`;

const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${SIZE} ${SIZE}" width="${SIZE}" height="${SIZE}">
  <title>Tandem</title>
  <defs><clipPath id="product">${rect(product, '')}</clipPath></defs>
  ${rect(tile, `fill="${hex(TILE)}"`)}
  ${rect(product, `fill="${hex(BLUE)}"`)}
  ${rect(operations, `fill="${hex(TEAL)}"`)}
  ${rect(operations, `fill="${hex(OVERLAP)}" clip-path="url(#product)"`)}
</svg>
`;

writeFileSync(join(out, 'icon.svg'), svg);
writeFileSync(join(out, 'icon.png'), encodePng(rasterise()));
console.log(`Tandem icon written: ${join(out, 'icon.svg')}, ${join(out, 'icon.png')} (${SIZE}×${SIZE})`);
