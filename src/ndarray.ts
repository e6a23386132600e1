/**
 * The subset of scijs `ndarray` that dnn-lite reads and returns, declared here so the
 * public types do not depend on third-party declaration packages.
 *
 * @packageDocumentation
 */

/** Element storage dnn-lite computes in. */
export type FloatArray = Float64Array | Float32Array;

/**
 * A strided view over a typed array, as created by scijs `ndarray`. Element (i, j) of a
 * 2-D view lives at `data[offset + i * stride[0] + j * stride[1]]`, so transposes
 * (`.transpose(1, 0)`) and slices (`.hi()`, `.lo()`, `.step()`) are views sharing `data`.
 */
export interface NdArray<T = FloatArray> {
  /** The backing storage, shared between views. */
  readonly data: T;
  /** Length of each dimension. */
  readonly shape: number[];
  /** Step in `data` between neighbours along each dimension. */
  readonly stride: number[];
  /** Index in `data` of element (0, ..., 0). */
  readonly offset: number;
  /** Number of dimensions. */
  readonly dimension: number;
  /** Number of elements. */
  readonly size: number;
  /** Reads one element. */
  get(...indices: number[]): number;
  /** Writes one element and returns the value written. */
  set(...args: number[]): number;
  /** Index in `data` of an element. */
  index(...indices: number[]): number;
  /** A view with the axes permuted; `transpose(1, 0)` transposes a matrix. */
  transpose(...axes: number[]): NdArray<T>;
  /** A view of the first `n` entries along each axis. */
  hi(...ends: (number | null)[]): NdArray<T>;
  /** A view starting at the given index along each axis. */
  lo(...starts: (number | null)[]): NdArray<T>;
  /** A view taking every k-th entry along each axis (negative k reverses). */
  step(...steps: (number | null)[]): NdArray<T>;
  /** A lower-dimensional view with the given axes fixed. */
  pick(...indices: (number | null)[]): NdArray<T>;
}
