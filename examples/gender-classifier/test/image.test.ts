import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FEATURES, ImageReadError, isImageFile, readImageFeatures, readImagePixels,
} from '../src/image.js';
import { FIXTURES, GENDER_DATA } from './paths.js';

interface PilFixture {
  images: {
    path: string;
    pixels: [number, number, number, number][];
    sum: number;
    weightedSum: number;
  }[];
  bicubicDownscale: { from: [number, number]; bytes: string };
}

const fixture = JSON.parse(
  await readFile(join(FIXTURES, 'pil-pixels.json'), 'utf8'),
) as PilFixture;

/** The test card of pil_pixels.py, byte for byte. */
function syntheticCard(width: number, height: number): Buffer {
  const out = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let k = 0; k < 3; k++) {
        const v = 127.5 + 127.5 * Math.sin(x / 9 + k) * Math.cos(y / 13 - k);
        out[(y * width + x) * 3 + k] = roundHalfEven(v);
      }
    }
  }
  return out;
}

/** numpy.round rounds halves to even. */
function roundHalfEven(v: number): number {
  const f = Math.floor(v);
  const d = v - f;
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gender-image-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('readImagePixels', () => {
  for (const image of fixture.images) {
    it(`gives PIL's pixels for ${image.path}`, async () => {
      const px = await readImagePixels(join(GENDER_DATA, image.path));
      expect(px.length).toBe(FEATURES);
      for (const [r, c, k, value] of image.pixels) {
        expect(px[(r * 64 + c) * 3 + k], `pixel (${r}, ${c}, ${k})`).toBe(value);
      }
      let sum = 0;
      let weighted = 0;
      px.forEach((v, i) => {
        sum += v;
        weighted += v * i;
      });
      expect(sum).toBe(image.sum);
      expect(weighted).toBe(image.weightedSum);
    });
  }

  it('downscales like PIL BICUBIC within 2 levels', async () => {
    const [width, height] = fixture.bicubicDownscale.from;
    const path = join(dir, 'card.png');
    await sharp(syntheticCard(width, height), { raw: { width, height, channels: 3 } })
      .png()
      .toFile(path);
    const expected = Buffer.from(fixture.bicubicDownscale.bytes, 'base64');
    const px = await readImagePixels(path);
    let maxDiff = 0;
    for (let i = 0; i < FEATURES; i++) maxDiff = Math.max(maxDiff, Math.abs(px[i] - expected[i]));
    expect(maxDiff).toBeLessThanOrEqual(2);
  });

  it('drops alpha and expands grey to three equal channels', async () => {
    const rgba = join(dir, 'rgba.png');
    await sharp({ create: { width: 64, height: 64, channels: 4, background: { r: 10, g: 20, b: 30, alpha: 0.5 } } })
      .png()
      .toFile(rgba);
    const px = await readImagePixels(rgba);
    expect(Array.from(px.subarray(0, 6))).toEqual([10, 20, 30, 10, 20, 30]);

    const grey = join(dir, 'grey.png');
    await sharp(Buffer.alloc(32 * 16, 77), { raw: { width: 32, height: 16, channels: 1 } })
      .png()
      .toFile(grey);
    const gpx = await readImagePixels(grey);
    expect(gpx.length).toBe(FEATURES);
    expect(new Set(gpx)).toEqual(new Set([77]));
  });

  it('reports a corrupt file with its path', async () => {
    const path = join(dir, 'broken.jpg');
    await writeFile(path, Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 5]));
    const err = await readImagePixels(path).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImageReadError);
    expect((err as ImageReadError).path).toBe(path);
    expect((err as Error).message).toContain(path);
  });

  it('reports a missing file with its path', async () => {
    const path = join(dir, 'missing.jpg');
    await expect(readImagePixels(path)).rejects.toThrow(path);
  });
});

describe('readImageFeatures', () => {
  it('divides the bytes by 255', async () => {
    const path = join(GENDER_DATA, fixture.images[0].path);
    const [px, x] = await Promise.all([readImagePixels(path), readImageFeatures(path)]);
    expect(x).toBeInstanceOf(Float64Array);
    expect(x[0]).toBe(px[0] / 255);
    expect(x[FEATURES - 1]).toBe(px[FEATURES - 1] / 255);
  });
});

describe('isImageFile', () => {
  it('knows photos by extension, in any case', () => {
    expect(isImageFile('a.jpg')).toBe(true);
    expect(isImageFile('b.JPEG')).toBe(true);
    expect(isImageFile('c.png')).toBe(true);
    expect(isImageFile('README')).toBe(false);
    expect(isImageFile('notes.txt')).toBe(false);
  });
});
