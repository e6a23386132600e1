/**
 * One photo in, one network input out: decode, make it 64x64 RGB, flatten, scale to [0, 1].
 *
 * The reference read its already 64x64 JPEGs with PIL and `numpy.asarray`. sharp decodes
 * with libjpeg-turbo like PIL does, and on all 298 reference images its pixels are
 * bit-identical to PIL's (test/fixtures/pil_pixels.py records
 * PIL's values for test/image.test.ts).
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import sharp from 'sharp';

/** Side of the square the network sees, in pixels. */
export const IMAGE_SIZE = 64;

/** Channels per pixel: red, green, blue. */
export const CHANNELS = 3;

/** Inputs per image, n_x = 64 * 64 * 3 = 12288. */
export const FEATURES = IMAGE_SIZE * IMAGE_SIZE * CHANNELS;

/** File extensions (lower case) of the formats sharp decodes that photos come in. */
export const IMAGE_EXTENSIONS: ReadonlySet<string> = new Set([
  '.jpg', '.jpeg', '.jpe', '.jfif', '.png', '.webp', '.gif', '.avif', '.tif', '.tiff',
]);

/** An image file that could not be read or decoded; `path` names it. */
export class ImageReadError extends Error {
  readonly path: string;

  constructor(path: string, reason: string, options?: { cause?: unknown }) {
    super(`cannot read image ${path}: ${reason}`, options);
    this.name = 'ImageReadError';
    this.path = path;
  }
}

/**
 * Whether a file name looks like a photo, judged by its extension alone.
 *
 * @param name - a file name or path
 * @returns true for .jpg, .png, .webp and the other {@link IMAGE_EXTENSIONS}
 * @example
 * ```ts
 * isImageFile('male1.jpg');  // true
 * isImageFile('README');     // false
 * ```
 */
export function isImageFile(name: string): boolean {
  return IMAGE_EXTENSIONS.has(extname(name).toLowerCase());
}

/**
 * Decodes an image to 64x64 RGB bytes in (row, column, channel) order, the order of
 * `numpy.asarray(img).reshape(-1)`.
 *
 * Images that are already 64x64 are not resampled at all, as PIL's `resize` returns a
 * copy at the same size. Others are stretched to 64x64 (the aspect ratio is not kept,
 * like PIL's `resize`) with sharp's Catmull-Rom kernel, which is PIL's default BICUBIC
 * filter: on a downscale the two agree within 2 levels out of 255 (their rounding
 * differs); an upscale can differ more, as libvips aligns pixel centres differently.
 * JPEG shrink-on-load is off, since PIL's `resize` decodes at full size too.
 * Alpha is dropped, grey and CMYK images become sRGB, and the EXIF orientation is
 * applied so that phone photos stand upright. Embedded ICC profiles are ignored, as PIL
 * ignores them.
 *
 * @param path - an image file in any format sharp reads
 * @returns 12288 bytes, pixel (r, c) channel k at index (r * 64 + c) * 3 + k
 * @throws {@link ImageReadError} naming `path` if it cannot be read or decoded
 */
export async function readImagePixels(path: string): Promise<Uint8Array> {
  let input: Buffer;
  try {
    input = await readFile(path);
  } catch (err) {
    throw new ImageReadError(path, (err as Error).message, { cause: err });
  }

  try {
    const open = () => sharp(input, { ignoreIcc: true, autoOrient: true });
    const { width, height } = await open().metadata();
    let image = open();
    if (width !== IMAGE_SIZE || height !== IMAGE_SIZE) {
      image = image.resize(IMAGE_SIZE, IMAGE_SIZE, {
        fit: 'fill',
        kernel: 'cubic',
        fastShrinkOnLoad: false,
      });
    }
    const { data, info } = await image
      .removeAlpha()
      .toColourspace('srgb')
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
    if (info.width !== IMAGE_SIZE || info.height !== IMAGE_SIZE || info.channels !== CHANNELS) {
      throw new Error(`decoded to ${info.width}x${info.height}x${info.channels}, not 64x64x3`);
    }
    return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  } catch (err) {
    throw new ImageReadError(path, (err as Error).message, { cause: err });
  }
}

/**
 * The network input of one image: its 12288 bytes from {@link readImagePixels} divided
 * by 255.
 *
 * @param path - an image file in any format sharp reads
 * @returns 12288 values in [0, 1], in (row, column, channel) order
 * @throws {@link ImageReadError} naming `path` if it cannot be read or decoded
 */
export async function readImageFeatures(path: string): Promise<Float64Array> {
  const pixels = await readImagePixels(path);
  const x = new Float64Array(FEATURES);
  for (let i = 0; i < FEATURES; i++) x[i] = pixels[i] / 255;
  return x;
}
