/**
 * Matrices: 2-D float64 ndarrays. Examples are columns, so X is (n_x, m).
 *
 * @packageDocumentation
 */
import ndarray from 'ndarray';
import type { NdArray } from './ndarray.js';
import { assertMatrix } from './internal/check.js';
import { ShapeError } from './errors.js';

/**
 * A 2-D float64 ndarray. Any strided view is a valid matrix: a transpose
 * (`M.transpose(1, 0)`), a slice (`M.hi(3, 10).lo(1, 2)`), a reversed view.
 */
export type Matrix = NdArray<Float64Array>;

/**
 * A new (rows, cols) matrix of zeros, stored row-major.
 *
 * @param rows - number of rows, a non-negative integer
 * @param cols - number of columns, a non-negative integer
 * @returns a contiguous (rows, cols) matrix
 * @throws {@link ShapeError} if either size is not a non-negative integer
 * @example
 * ```ts
 * zeros(2, 3).shape; // [2, 3]
 * ```
 */
export function zeros(rows: number, cols: number): Matrix {
  for (const [name, n] of [['rows', rows], ['cols', cols]] as const) {
    if (!Number.isInteger(n) || n < 0) {
      throw new ShapeError('zeros', `${name} is ${String(n)}; it must be a non-negative integer`);
    }
  }
  return ndarray(new Float64Array(rows * cols), [rows, cols]);
}

/**
 * A matrix from nested arrays, `rows[i][j]` becoming element (i, j).
 *
 * @param rows - the rows, all of one length; at least one row
 * @returns a contiguous (rows.length, rows[0].length) matrix
 * @throws {@link ShapeError} if there is no row or the rows differ in length
 * @example
 * ```ts
 * const M = fromRows([[1, 2, 3], [4, 5, 6]]);
 * M.shape;      // [2, 3]
 * M.get(1, 0);  // 4
 * ```
 */
export function fromRows(rows: readonly (readonly number[])[]): Matrix {
  if (!Array.isArray(rows) || rows.length === 0 || !Array.isArray(rows[0])) {
    throw new ShapeError('fromRows', 'rows must be a non-empty array of arrays');
  }
  const cols = rows[0].length;
  const out = new Float64Array(rows.length * cols);
  rows.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== cols) {
      throw new ShapeError('fromRows', `row ${i} has ${Array.isArray(row) ? row.length : 'no'} entries ` +
        `but row 0 has ${cols}; all rows must have the same length`);
    }
    out.set(row, i * cols);
  });
  return ndarray(out, [rows.length, cols]);
}

/**
 * Wraps a row-major buffer as a (rows, cols) matrix without copying.
 *
 * @param data - row-major values; its length must be rows * cols
 * @param rows - number of rows
 * @param cols - number of columns
 * @returns a view of `data`
 * @throws {@link ShapeError} if the length does not match
 * @example
 * ```ts
 * fromArray(new Float64Array([1, 2, 3, 4]), 2, 2).get(1, 0); // 3
 * ```
 */
export function fromArray(data: Float64Array, rows: number, cols: number): Matrix {
  if (!(data instanceof Float64Array)) {
    throw new ShapeError('fromArray', 'data must be a Float64Array');
  }
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0 || data.length !== rows * cols) {
    throw new ShapeError('fromArray', `data has ${data.length} values but the shape is [${rows}, ${cols}]; ` +
      'the length must equal rows * cols');
  }
  return ndarray(data, [rows, cols]);
}

/**
 * The rows of a matrix as nested arrays (element (i, j) at `[i][j]`), for printing and
 * comparisons.
 *
 * @param M - any 2-D matrix or view
 * @returns `rows` arrays of `cols` numbers
 * @throws {@link ShapeError} if `M` is not a 2-D float64 ndarray
 * @example
 * ```ts
 * toRows(fromRows([[1, 2], [3, 4]]).transpose(1, 0)); // [[1, 3], [2, 4]]
 * ```
 */
export function toRows(M: Matrix): number[][] {
  assertMatrix('toRows', 'M', M);
  const [rows, cols] = M.shape;
  const out: number[][] = [];
  for (let i = 0; i < rows; i++) {
    const row = new Array<number>(cols);
    for (let j = 0; j < cols; j++) row[j] = M.get(i, j);
    out.push(row);
  }
  return out;
}

/**
 * A contiguous row-major copy of a matrix or view; the copy shares nothing with `M`.
 *
 * @param M - any 2-D matrix or view
 * @returns a new (rows, cols) matrix with the same values
 * @throws {@link ShapeError} if `M` is not a 2-D float64 ndarray
 * @example
 * ```ts
 * const T = copy(fromRows([[1, 2], [3, 4]]).transpose(1, 0));
 * T.stride; // [2, 1]
 * ```
 */
export function copy(M: Matrix): Matrix {
  assertMatrix('copy', 'M', M);
  return contiguousCopy(M);
}

/** Copy without the public check, for callers that have validated `M` already. */
/** @internal */
export function contiguousCopy(M: Matrix): Matrix {
  const [rows, cols] = M.shape;
  const out = new Float64Array(rows * cols);
  const [s0, s1] = M.stride;
  const src = M.data;
  let k = 0;
  for (let i = 0; i < rows; i++) {
    let p = M.offset + i * s0;
    for (let j = 0; j < cols; j++, p += s1) out[k++] = src[p];
  }
  return ndarray(out, [rows, cols]);
}
