// The captcha (图形验证码) of the legacy door: four characters drawn into a PNG raster, served as an image, so the
// answer is nowhere in the page for a script to read. The answer is kept server-side by the caller.
import { randomInt } from 'node:crypto';
import { deflateSync } from 'node:zlib';

/** No 0/O, 1/I/L, 2/Z, 5/S: characters people confuse. */
export const ALPHABET = '3468ABCDEFGHJKMNPQRTUVWXY';
const LENGTH = 4;

export function newCaptchaText(): string {
  let text = '';
  for (let i = 0; i < LENGTH; i++) text += ALPHABET[randomInt(ALPHABET.length)];
  return text;
}

/** Case-insensitive comparison of what the person typed with the stored answer. */
export function captchaMatches(answer: string | undefined, expected: string | undefined): boolean {
  return Boolean(expected) && (answer ?? '').trim().toUpperCase() === expected;
}

/** A 5×7 bitmap of each character of the alphabet, row by row. */
const GLYPHS: Record<string, string[]> = {
  '3': ['11110', '00001', '00001', '01110', '00001', '00001', '11110'],
  '4': ['00010', '00110', '01010', '10010', '11111', '00010', '00010'],
  '6': ['00110', '01000', '10000', '11110', '10001', '10001', '01110'],
  '8': ['01110', '10001', '10001', '01110', '10001', '10001', '01110'],
  A: ['01110', '10001', '10001', '11111', '10001', '10001', '10001'],
  B: ['11110', '10001', '10001', '11110', '10001', '10001', '11110'],
  C: ['01110', '10001', '10000', '10000', '10000', '10001', '01110'],
  D: ['11100', '10010', '10001', '10001', '10001', '10010', '11100'],
  E: ['11111', '10000', '10000', '11110', '10000', '10000', '11111'],
  F: ['11111', '10000', '10000', '11110', '10000', '10000', '10000'],
  G: ['01110', '10001', '10000', '10111', '10001', '10001', '01111'],
  H: ['10001', '10001', '10001', '11111', '10001', '10001', '10001'],
  J: ['00111', '00010', '00010', '00010', '00010', '10010', '01100'],
  K: ['10001', '10010', '10100', '11000', '10100', '10010', '10001'],
  M: ['10001', '11011', '10101', '10101', '10001', '10001', '10001'],
  N: ['10001', '10001', '11001', '10101', '10011', '10001', '10001'],
  P: ['11110', '10001', '10001', '11110', '10000', '10000', '10000'],
  Q: ['01110', '10001', '10001', '10001', '10101', '10010', '01101'],
  R: ['11110', '10001', '10001', '11110', '10100', '10010', '10001'],
  T: ['11111', '00100', '00100', '00100', '00100', '00100', '00100'],
  U: ['10001', '10001', '10001', '10001', '10001', '10001', '01110'],
  V: ['10001', '10001', '10001', '10001', '10001', '01010', '00100'],
  W: ['10001', '10001', '10001', '10101', '10101', '10101', '01010'],
  X: ['10001', '10001', '01010', '00100', '01010', '10001', '10001'],
  Y: ['10001', '10001', '01010', '00100', '00100', '00100', '00100'],
};

export const CAPTCHA_WIDTH = 140;
export const CAPTCHA_HEIGHT = 50;

type Rgb = [number, number, number];

class Raster {
  readonly pixels: Uint8Array;
  constructor(
    readonly width: number,
    readonly height: number,
    background: Rgb,
  ) {
    this.pixels = new Uint8Array(width * height * 3);
    for (let i = 0; i < width * height; i++) this.pixels.set(background, i * 3);
  }
  set(x: number, y: number, [r, g, b]: Rgb): void {
    const px = Math.round(x);
    const py = Math.round(y);
    if (px < 0 || py < 0 || px >= this.width || py >= this.height) return;
    this.pixels.set([r, g, b], (py * this.width + px) * 3);
  }
}

const rand = (min: number, max: number) => min + (randomInt(1_000_000) / 1_000_000) * (max - min);
const darkColour = (): Rgb => [randomInt(10, 110), randomInt(10, 110), randomInt(60, 150)];
const lightColour = (): Rgb => [randomInt(120, 200), randomInt(120, 200), randomInt(120, 200)];

/**
 * Each character scaled to about 18×29 px, rotated, sheared and bent by a sine wave, at a jittered place; then
 * lines across the characters and dots, so the shapes do not come apart by colour or by connected regions.
 */
const INK_REACH: ReadonlyArray<readonly [number, number]> = [[0, 0], [0.18, 0], [-0.18, 0], [0, 0.15], [0, -0.15]];

function drawGlyph(raster: Raster, glyph: string[], left: number, colour: Rgb): void {
  const scaleX = rand(3.3, 3.8);
  const scaleY = rand(3.8, 4.4);
  const angle = (rand(-18, 18) * Math.PI) / 180;
  const shear = rand(-0.25, 0.25);
  const waveAmplitude = rand(0.1, 0.3);
  const wavePhase = rand(0, Math.PI * 2);
  const centreX = left + 5 * scaleX * 0.5;
  const centreY = CAPTCHA_HEIGHT / 2 + rand(-3, 3);
  const cos = Math.cos(-angle);
  const sin = Math.sin(-angle);
  const reach = 7 * Math.max(scaleX, scaleY);
  for (let y = Math.floor(centreY - reach); y <= centreY + reach; y++) {
    for (let x = Math.floor(centreX - reach); x <= centreX + reach; x++) {
      // Back from the picture to the bitmap: undo the rotation, the shear and the scale, bend by the wave.
      const dx = x - centreX;
      const dy = y - centreY;
      const rx = dx * cos - dy * sin;
      const ry = dx * sin + dy * cos;
      const gy = ry / scaleY + 3.5;
      const gx = (rx - shear * ry) / scaleX + 2.5 + waveAmplitude * Math.sin(gy * 1.3 + wavePhase);
      // A little reach around the point thickens the strokes, so rotation and the wave leave no gaps in them.
      if (INK_REACH.some(([ox, oy]) => glyph[Math.floor(gy + oy)]?.[Math.floor(gx + ox)] === '1')) raster.set(x, y, colour);
    }
  }
}

function drawLine(raster: Raster, from: [number, number], to: [number, number], colour: Rgb, thickness: number): void {
  const steps = Math.ceil(Math.hypot(to[0] - from[0], to[1] - from[1]));
  for (let i = 0; i <= steps; i++) {
    const x = from[0] + ((to[0] - from[0]) * i) / steps;
    const y = from[1] + ((to[1] - from[1]) * i) / steps + Math.sin(i / 6) * 1.5;
    for (let t = 0; t < thickness; t++) raster.set(x, y + t, colour);
  }
}

/** The picture of `text` as a PNG file (RGB, 8 bits), different at every call. */
export function captchaPng(text: string): Uint8Array<ArrayBuffer> {
  const raster = new Raster(CAPTCHA_WIDTH, CAPTCHA_HEIGHT, [randomInt(225, 246), randomInt(230, 248), randomInt(236, 252)]);
  for (let i = 0; i < 140; i++) raster.set(randomInt(CAPTCHA_WIDTH), randomInt(CAPTCHA_HEIGHT), lightColour());
  for (let i = 0; i < 3; i++) {
    drawLine(raster, [0, randomInt(CAPTCHA_HEIGHT)], [CAPTCHA_WIDTH, randomInt(CAPTCHA_HEIGHT)], lightColour(), 1);
  }
  const chars = [...text];
  chars.forEach((ch, i) => {
    const glyph = GLYPHS[ch];
    if (glyph) drawGlyph(raster, glyph, 12 + i * 30 + rand(-3, 3), darkColour());
  });
  for (let i = 0; i < 2; i++) {
    drawLine(raster, [randomInt(0, 20), randomInt(8, CAPTCHA_HEIGHT - 8)], [randomInt(CAPTCHA_WIDTH - 20, CAPTCHA_WIDTH), randomInt(8, CAPTCHA_HEIGHT - 8)], darkColour(), 1);
  }
  for (let i = 0; i < 45; i++) raster.set(randomInt(CAPTCHA_WIDTH), randomInt(CAPTCHA_HEIGHT), darkColour());
  return encodePng(raster);
}

// PNG (ISO/IEC 15948): signature, IHDR, one IDAT of the deflated scanlines (filter 0 each), IEND; CRC-32 per chunk.
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
}

function encodePng(raster: Raster): Uint8Array<ArrayBuffer> {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(raster.width, 0);
  header.writeUInt32BE(raster.height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit, truecolour, deflate, adaptive filtering, no interlace
  const stride = raster.width * 3;
  const scanlines = Buffer.alloc((stride + 1) * raster.height);
  for (let y = 0; y < raster.height; y++) scanlines.set(raster.pixels.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  const file = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(scanlines)),
    chunk('IEND', new Uint8Array(0)),
  ]);
  return new Uint8Array(file);
}
