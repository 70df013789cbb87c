// Regenerates images/icon.png (128x128 RGBA): a shield with a check mark on a rounded square.
// Dependency-free on purpose (node:zlib only). Run: node images/make-icon.mjs
import { deflateSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const SIZE = 128;
const SUPERSAMPLE = 4; // anti-aliasing: average 4x4 samples per pixel

const BACKGROUND = [31, 58, 95];
const SHIELD = [64, 196, 170];
const CHECK = [255, 255, 255];

function insideRoundedSquare(x, y) {
  const r = 22;
  const cx = Math.min(Math.max(x, r), SIZE - r);
  const cy = Math.min(Math.max(y, r), SIZE - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

/** Shield: straight sides from y=22 to y=64, then two arcs meeting in a point at the bottom. */
function insideShield(x, y) {
  const left = 30,
    right = 98,
    top = 22,
    shoulder = 64,
    tip = 112;
  if (y < top || y > tip || x < left || x > right) return false;
  if (y <= shoulder) {
    // Slight dip in the middle of the top edge.
    const dip = 6 * Math.cos(((x - 64) / 34) * (Math.PI / 2));
    return y >= top + dip;
  }
  const t = (y - shoulder) / (tip - shoulder); // 0 at the shoulder, 1 at the tip
  const halfWidth = 34 * Math.sqrt(1 - t * t);
  return Math.abs(x - 64) <= halfWidth;
}

function distanceToSegment(px, py, ax, ay, bx, by) {
  const dx = bx - ax,
    dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

function insideCheck(x, y) {
  const width = 6;
  return distanceToSegment(x, y, 47, 63, 59, 76) <= width || distanceToSegment(x, y, 59, 76, 83, 49) <= width;
}

function colourAt(x, y) {
  if (insideCheck(x, y) && insideShield(x, y)) return [...CHECK, 255];
  if (insideShield(x, y)) return [...SHIELD, 255];
  if (insideRoundedSquare(x, y)) return [...BACKGROUND, 255];
  return [0, 0, 0, 0];
}

function pixels() {
  const rows = Buffer.alloc(SIZE * (1 + SIZE * 4));
  for (let y = 0; y < SIZE; y++) {
    const rowStart = y * (1 + SIZE * 4);
    rows[rowStart] = 0; // filter: none
    for (let x = 0; x < SIZE; x++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          const c = colourAt(x + (sx + 0.5) / SUPERSAMPLE, y + (sy + 0.5) / SUPERSAMPLE);
          // Premultiply so transparent samples do not darken edges.
          sum[0] += c[0] * c[3];
          sum[1] += c[1] * c[3];
          sum[2] += c[2] * c[3];
          sum[3] += c[3];
        }
      }
      const alpha = sum[3] / SUPERSAMPLE ** 2;
      const offset = rowStart + 1 + x * 4;
      for (let i = 0; i < 3; i++) rows[offset + i] = sum[3] ? Math.round(sum[i] / sum[3]) : 0;
      rows[offset + 3] = Math.round(alpha);
    }
  }
  return rows;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buffer) {
  let crc = 0xffffffff;
  for (const byte of buffer) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header[8] = 8; // bit depth
header[9] = 6; // colour type: RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(pixels(), { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(fileURLToPath(new URL('./icon.png', import.meta.url)), png);
console.log(`icon.png: ${png.length} bytes`);
