/**
 * Horizontal-flip augmentation: a face mirrored left-right is still the same person, so
 * each training photo can be shown twice.
 *
 * Column j of X holds an image in (row, column, channel) order: value (r, c, ch) sits at
 * row (r * 64 + c) * 3 + ch. Mirroring reverses the columns c of every row r.
 */
import { fromArray, type Matrix } from 'dnn-lite';
import { CHANNELS, FEATURES, IMAGE_SIZE } from './image.js';

/**
 * Mirrors every image left-right.
 *
 * @param X - images, shape (12288, m), any view
 * @returns a new (12288, m) matrix whose column j is column j of X mirrored
 * @throws Error if X does not have 12288 rows
 * @example
 * ```ts
 * const F = flipHorizontal(X);
 * F.get((5 * 64 + 0) * 3 + 2, 0) === X.get((5 * 64 + 63) * 3 + 2, 0); // true
 * ```
 */
export function flipHorizontal(X: Matrix): Matrix {
  checkRows('flipHorizontal', X);
  const m = X.shape[1];
  const out = new Float64Array(FEATURES * m);
  for (let r = 0; r < IMAGE_SIZE; r++) {
    for (let c = 0; c < IMAGE_SIZE; c++) {
      const from = (r * IMAGE_SIZE + (IMAGE_SIZE - 1 - c)) * CHANNELS;
      const to = (r * IMAGE_SIZE + c) * CHANNELS;
      for (let ch = 0; ch < CHANNELS; ch++) {
        for (let j = 0; j < m; j++) out[(to + ch) * m + j] = X.get(from + ch, j);
      }
    }
  }
  return fromArray(out, FEATURES, m);
}

/**
 * The images followed by their mirror images, with the labels repeated.
 *
 * @param X - images, shape (12288, m)
 * @param Y - labels, shape (1, m)
 * @returns X2 (12288, 2m) = [X, flipHorizontal(X)] and Y2 (1, 2m) = [Y, Y]
 * @throws Error if X does not have 12288 rows or Y is not (1, m)
 */
export function withMirrorImages(X: Matrix, Y: Matrix): { X: Matrix; Y: Matrix } {
  checkRows('withMirrorImages', X);
  const m = X.shape[1];
  if (Y.shape[0] !== 1 || Y.shape[1] !== m) {
    throw new Error(`withMirrorImages: Y is [${Y.shape.join(', ')}] but X has ${m} columns; Y must be [1, ${m}]`);
  }
  const F = flipHorizontal(X);
  const out = new Float64Array(FEATURES * 2 * m);
  for (let i = 0; i < FEATURES; i++) {
    for (let j = 0; j < m; j++) {
      out[i * 2 * m + j] = X.get(i, j);
      out[i * 2 * m + m + j] = F.get(i, j);
    }
  }
  const labels = Float64Array.from({ length: 2 * m }, (_, j) => Y.get(0, j % m));
  return { X: fromArray(out, FEATURES, 2 * m), Y: fromArray(labels, 1, 2 * m) };
}

function checkRows(fn: string, X: Matrix): void {
  if (X.shape.length !== 2 || X.shape[0] !== FEATURES) {
    throw new Error(`${fn}: X is [${X.shape.join(', ')}]; it must have ${FEATURES} rows (64 x 64 x 3 images)`);
  }
}
