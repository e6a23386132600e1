// Matrix products over strided views, and the raw entry the trainer calls on buffers.
// Callers check shapes; this module only computes.
//
// Legend: C (n, p) = A (n, k) B (k, p). A view whose rows are contiguous (stride [ld, 1])
// goes to the kernels as stored; a view whose columns are contiguous (stride [1, ld], such
// as W.transpose(1, 0)) goes as a transposed operand, read in place; any other view (a
// stepped or reversed slice) is copied to a contiguous matrix first.
import ndarray from 'ndarray';
import type { FloatArray, NdArray } from '../ndarray.js';
import { gemm } from './kernels/gemm.js';

export { gemm } from './kernels/gemm.js';
export type { FloatBuffer } from './kernels/gemm.js';
export {
  gemmBackend, gemmThreads, setGemmParallelMinWork, setGemmThreads, setSimdAllowed,
} from './kernels/settings.js';

type Arr = NdArray<Float64Array>;

/**
 * C = A B into a new contiguous row-major matrix, for any strides of A and B.
 */
export function matmul(A: Arr, B: Arr): Arr {
  const n = A.shape[0];
  const p = B.shape[1];
  const C = ndarray(new Float64Array(n * p), [n, p]);
  matmulInto(C, A, B);
  return C;
}

/**
 * C = A B, overwriting the (n, p) view C. C may have any strides and may share storage with
 * A or B: a C the kernels cannot write in place is computed aside and copied in.
 */
export function matmulInto<T extends FloatArray>(C: NdArray<T>, A: NdArray<T>, B: NdArray<T>): void {
  const [n, k] = A.shape;
  const p = B.shape[1];
  if (n === 0 || p === 0) return;
  const a = operand(A);
  const b = operand(B);
  const direct = C.data !== A.data && C.data !== B.data ? rowMajorLd(C) : -1;
  if (direct >= 0) {
    gemm(a.trans, b.trans, n, p, k, 1, a.data, a.ld, b.data, b.ld, 0,
      C.data.subarray(C.offset), direct);
    return;
  }
  const out = new (C.data.constructor as new (length: number) => T)(n * p);
  gemm(a.trans, b.trans, n, p, k, 1, a.data, a.ld, b.data, b.ld, 0, out, p);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) C.data[C.offset + i * C.stride[0] + j * C.stride[1]] = out[i * p + j];
  }
}

/** A view as the kernels take it: a row-major buffer from index 0, maybe transposed. */
interface Operand<T> {
  data: T;
  ld: number;
  trans: boolean;
}

function operand<T extends FloatArray>(M: NdArray<T>): Operand<T> {
  const ld = rowMajorLd(M);
  if (ld >= 0) return { data: M.data.subarray(M.offset) as T, ld, trans: false };
  const ldT = rowMajorLd(M.transpose(1, 0));
  if (ldT >= 0) return { data: M.data.subarray(M.offset) as T, ld: ldT, trans: true };
  const [rows, cols] = M.shape;
  const copy = new (M.data.constructor as new (length: number) => T)(rows * cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) copy[i * cols + j] = M.data[M.offset + i * M.stride[0] + j * M.stride[1]];
  }
  return { data: copy, ld: Math.max(cols, 1), trans: false };
}

/**
 * The leading dimension if M's rows are contiguous and do not overlap, else -1. The stride
 * along an axis of length 1 is never used, so it does not matter.
 */
function rowMajorLd(M: NdArray): number {
  const [rows, cols] = M.shape;
  const [s0, s1] = M.stride;
  if (cols > 1 && s1 !== 1) return -1;
  if (rows <= 1) return Math.max(cols, 1);
  return s0 >= Math.max(cols, 1) ? s0 : -1;
}
