/**
 * Histograms of oriented gradients (HOG, Dalal and Triggs, CVPR 2005) of 64x64 photos: for
 * each small patch, how much edge there is in each direction. The features say where the
 * edges of a face run (jaw, brows, hair line) and little about lighting or skin tone,
 * which a network on 238 photos otherwise latches on to.
 *
 * The features are scikit-image's `feature.hog(photo, pixels_per_cell=(cell, cell),
 * cells_per_block=(2, 2), block_norm='L2-Hys', transform_sqrt=True, channel_axis=-1)` of
 * the photo scaled to [0, 1] (test/fixtures/skimage_hog.py records that function's output
 * for test/hog.test.ts):
 * - every channel square-rooted (gamma compression);
 * - gradients by centred differences [-1, 0, 1] per channel, 0 on the image's border rows
 *   (for the vertical one) and columns (for the horizontal one); at each pixel the channel
 *   whose gradient is longest gives the gradient;
 * - unsigned orientation in [0, 180) degrees, 9 bins of 20 degrees; each pixel adds its
 *   gradient's length to its bin, and a cell's bins are divided by its number of pixels;
 * - blocks of 2 x 2 cells, one cell apart, each normalised L2-Hys: divided by its L2
 *   norm, clipped at 0.2, divided by its norm again.
 * With 8-pixel cells: 7 x 7 blocks x 4 cells x 9 bins = 1764 features, in block-row,
 * block-column, cell (top-left, top-right, bottom-left, bottom-right), bin order.
 *
 * Written here rather than taken from npm: the HOG packages there are unmaintained and
 * neither implements a documented variant that a reference could check.
 */
import { fromArray, type Matrix } from 'dnn-lite';
import { CHANNELS, FEATURES, IMAGE_SIZE } from './image.js';

/** Orientation bins per cell over [0, 180) degrees. */
export const HOG_BINS = 9;
/** Values per block: 4 cells of HOG_BINS bins. */
export const HOG_BLOCK_VALUES = 4 * HOG_BINS;
/** Cell sides that divide the 64-pixel image into at least 2 x 2 cells. */
export const HOG_CELL_SIZES: readonly number[] = [4, 8, 16, 32];
/** L2-Hys clips normalised values at this, so no single strong edge dominates a block. */
const CLIP = 0.2;
/** scikit-image's: added (squared) to a block's squared norm, so a flat block stays 0. */
const EPSILON = 1e-5;
const BIN_DEGREES = 180 / HOG_BINS;
const PIXELS = IMAGE_SIZE * IMAGE_SIZE;

/**
 * How many features {@link hogFeatures} makes per image: (64 / cell - 1)^2 blocks x 36.
 *
 * @param cell - side of a cell in pixels, one of {@link HOG_CELL_SIZES}
 * @returns 1764 for 8-pixel cells
 * @throws Error if cell is not one of HOG_CELL_SIZES
 * @example
 * ```ts
 * hogFeatureCount(8);  // 1764
 * hogFeatureCount(16); // 324
 * ```
 */
export function hogFeatureCount(cell: number): number {
  if (!HOG_CELL_SIZES.includes(cell)) {
    throw new Error(`HOG cell size ${cell}: it must be one of ${HOG_CELL_SIZES.join(', ')} pixels`);
  }
  const blocks = IMAGE_SIZE / cell - 1;
  return blocks * blocks * HOG_BLOCK_VALUES;
}

/**
 * The HOG features of every image.
 *
 * @param X - images, shape (12288, m), values in [0, 1] as loadImageFolder makes them; any view
 * @param cell - side of a cell in pixels: 8 (default), or another of {@link HOG_CELL_SIZES}
 * @returns a new (hogFeatureCount(cell), m) matrix, column j the features of column j of X:
 *   (1764, m) for 8-pixel cells
 * @throws Error if X is not (12288, m), holds a value outside [0, 1] (or NaN), or cell is
 *   not one of HOG_CELL_SIZES
 * @example
 * ```ts
 * const H = hogFeatures(data.train.X); // (1764, 238)
 * ```
 */
export function hogFeatures(X: Matrix, cell = 8): Matrix {
  if (X.shape.length !== 2 || X.shape[0] !== FEATURES) {
    throw new Error(`hogFeatures: X is [${X.shape.join(', ')}]; it must have ${FEATURES} rows (64 x 64 x 3 images)`);
  }
  const count = hogFeatureCount(cell);
  const m = X.shape[1];
  const out = new Float64Array(count * m);
  const image = new Float64Array(FEATURES);
  const features = new Float64Array(count);
  const hog = new ImageHog(cell);
  for (let j = 0; j < m; j++) {
    for (let i = 0; i < FEATURES; i++) {
      const v = X.get(i, j);
      // The square root needs v >= 0; a NaN would silently empty its pixel's bins.
      if (!(v >= 0 && v <= 1)) {
        throw new Error(`hogFeatures: X[${i}, ${j}] is ${v}; image values must lie in [0, 1]`);
      }
      image[i] = Math.sqrt(v);
    }
    hog.compute(image, features);
    for (let i = 0; i < count; i++) out[i * m + j] = features[i];
  }
  return fromArray(out, count, m);
}

/** The HOG of one square-rooted image at a time, reusing its buffers. */
class ImageHog {
  private readonly cellSize: number;
  private readonly cellsPerSide: number;
  private readonly magnitude = new Float64Array(PIXELS);
  private readonly bin = new Int8Array(PIXELS);
  private readonly cells: Float64Array;
  private readonly squares = new Float64Array(HOG_BLOCK_VALUES);

  constructor(cellSize: number) {
    this.cellSize = cellSize;
    this.cellsPerSide = IMAGE_SIZE / cellSize;
    this.cells = new Float64Array(this.cellsPerSide * this.cellsPerSide * HOG_BINS);
  }

  /** HOG of `image`, (row, column, channel) order, into `out`. */
  compute(image: Float64Array, out: Float64Array): void {
    this.gradients(image);
    this.cellHistograms();
    this.normalisedBlocks(out);
  }

  /** Per pixel, the longest channel gradient's length and orientation bin. */
  private gradients(image: Float64Array): void {
    const S = IMAGE_SIZE;
    for (let r = 0; r < S; r++) {
      for (let c = 0; c < S; c++) {
        let bestMagnitude = -1, bestRow = 0, bestColumn = 0;
        for (let ch = 0; ch < CHANNELS; ch++) {
          const gRow = r === 0 || r === S - 1 ? 0
            : image[((r + 1) * S + c) * CHANNELS + ch] - image[((r - 1) * S + c) * CHANNELS + ch];
          const gColumn = c === 0 || c === S - 1 ? 0
            : image[(r * S + c + 1) * CHANNELS + ch] - image[(r * S + c - 1) * CHANNELS + ch];
          const magnitude = Math.hypot(gRow, gColumn);
          // Strictly greater: on a tie the first channel wins, as numpy's argmax.
          if (magnitude > bestMagnitude) {
            bestMagnitude = magnitude;
            bestRow = gRow;
            bestColumn = gColumn;
          }
        }
        this.magnitude[r * S + c] = bestMagnitude;
        this.bin[r * S + c] = orientationBin(bestRow, bestColumn);
      }
    }
  }

  /** Each cell's bins: the sum of its pixels' lengths per bin, over its number of pixels. */
  private cellHistograms(): void {
    const { cellSize, cellsPerSide, cells } = this;
    const area = cellSize * cellSize;
    const sums = new Float64Array(HOG_BINS);
    for (let cr = 0; cr < cellsPerSide; cr++) {
      for (let cc = 0; cc < cellsPerSide; cc++) {
        sums.fill(0);
        for (let r = cr * cellSize; r < (cr + 1) * cellSize; r++) {
          for (let c = cc * cellSize; c < (cc + 1) * cellSize; c++) {
            const p = r * IMAGE_SIZE + c;
            const b = this.bin[p];
            // scikit-image sums in single precision; rounding each step as it does keeps
            // the features equal to its to the last bit where the bins agree.
            if (b >= 0) sums[b] = Math.fround(sums[b] + this.magnitude[p]);
          }
        }
        const at = (cr * cellsPerSide + cc) * HOG_BINS;
        for (let b = 0; b < HOG_BINS; b++) cells[at + b] = Math.fround(sums[b] / area);
      }
    }
  }

  private normalisedBlocks(out: Float64Array): void {
    const { cellsPerSide, cells } = this;
    const blocks = cellsPerSide - 1;
    let o = 0;
    for (let br = 0; br < blocks; br++) {
      for (let bc = 0; bc < blocks; bc++) {
        const start = o;
        for (const [dr, dc] of BLOCK_CELLS) {
          const at = ((br + dr) * cellsPerSide + bc + dc) * HOG_BINS;
          for (let b = 0; b < HOG_BINS; b++) out[o++] = cells[at + b];
        }
        this.divideByNorm(out, start);
        for (let k = start; k < o; k++) out[k] = Math.min(CLIP, out[k]);
        this.divideByNorm(out, start);
      }
    }
  }

  /** The block v[start, start + 36) divided by sqrt(|block|^2 + EPSILON^2). */
  private divideByNorm(v: Float64Array, start: number): void {
    const { squares } = this;
    for (let k = 0; k < HOG_BLOCK_VALUES; k++) squares[k] = v[start + k] * v[start + k];
    const norm = Math.sqrt(numpySum(squares) + EPSILON * EPSILON);
    for (let k = 0; k < HOG_BLOCK_VALUES; k++) v[start + k] /= norm;
  }
}

/** A block's cells as (row, column) offsets: top-left, top-right, bottom-left, bottom-right. */
const BLOCK_CELLS: readonly (readonly [number, number])[] = [[0, 0], [0, 1], [1, 0], [1, 1]];

/**
 * The bin of a gradient's unsigned orientation: bin b holds [20 b, 20 (b + 1)) degrees.
 * -1 where rounding makes the orientation 180 itself, which scikit-image counts in no bin.
 */
function orientationBin(gRow: number, gColumn: number): number {
  // numpy's rad2deg and its remainder, whose result takes the divisor's sign.
  let degrees = Math.atan2(gRow, gColumn) * (180 / Math.PI);
  degrees %= 180;
  if (degrees < 0) degrees += 180;
  // Compared with the bin edges themselves, as scikit-image does, not rounded by a division.
  let b = Math.floor(degrees / BIN_DEGREES);
  if (degrees < b * BIN_DEGREES) b--;
  else if (degrees >= (b + 1) * BIN_DEGREES) b++;
  return b < HOG_BINS ? b : -1;
}

/**
 * The sum of up to 128 values in numpy's order (its pairwise summation, which below 129
 * values runs eight interleaved partial sums), so that a block's norm rounds as numpy's.
 */
function numpySum(a: Float64Array): number {
  const n = a.length;
  if (n > 128) throw new Error(`numpySum: ${n} values; this order is numpy's for 128 at most`);
  if (n < 8) {
    let s = 0;
    for (let i = 0; i < n; i++) s += a[i];
    return s;
  }
  const r = a.slice(0, 8);
  let i = 8;
  for (; i < n - (n % 8); i += 8) {
    for (let k = 0; k < 8; k++) r[k] += a[i + k];
  }
  let s = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
  for (; i < n; i++) s += a[i];
  return s;
}
