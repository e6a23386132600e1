// Matrix products over strided views. Callers check shapes; this module only computes.
import ndarray from 'ndarray';
import type { NdArray } from '../ndarray.js';

type Arr = NdArray<Float64Array>;

/**
 * C = A B into a new contiguous row-major matrix, for any strides of A and B (transposed
 * and sliced views are read in place, never copied).
 */
export function matmul(A: Arr, B: Arr): Arr {
  const [n, k] = A.shape;
  const p = B.shape[1];
  const C = ndarray(new Float64Array(n * p), [n, p]);
  matmulInto(C, A, B);
  return C;
}

/** C = A B where C is contiguous row-major (n, p). */
export function matmulInto(C: Arr, A: Arr, B: Arr): void {
  const [n, k] = A.shape;
  const p = B.shape[1];
  const a = A.data, b = B.data, c = C.data;
  const [as0, as1] = A.stride;
  const [bs0, bs1] = B.stride;
  const c0 = C.offset;
  c.fill(0, c0, c0 + n * p);
  for (let i = 0; i < n; i++) {
    const ci = c0 + i * p;
    for (let t = 0; t < k; t++) {
      const ait = a[A.offset + i * as0 + t * as1];
      let q = B.offset + t * bs0;
      for (let j = 0; j < p; j++, q += bs1) c[ci + j] += ait * b[q];
    }
  }
}
