// Plain TypeScript matrix product, for engines without WebAssembly SIMD (and to check the
// SIMD kernels against a second implementation).
//
//   C = alpha * op(A) op(B) + beta * C,   op(X) = X or X^T
//
// Legend: op(A) is (m, k), op(B) is (k, n), C is (m, n); each operand is row-major in its
// array from an offset (aOff, bOff, cOff) with a leading dimension (lda, ldb, ldc).

/** Element storage the kernels compute in. */
export type FloatBuffer = Float64Array | Float32Array;

/**
 * Computes C = alpha * op(A) op(B) + beta * C in place. C must not overlap A or B.
 * beta 0 overwrites C without reading it, so NaN left in C does not leak into the result.
 *
 * The function is self-contained (no outer names, no helpers), because worker threads
 * receive it as source text: a worker started from a string cannot import a module by path
 * in every build (ESM, CommonJS, one-file bundles). Keep it that way.
 */
export function fallbackGemm(
  transA: boolean, transB: boolean, m: number, n: number, k: number, alpha: number,
  A: FloatBuffer, aOff: number, lda: number, B: FloatBuffer, bOff: number, ldb: number,
  beta: number, C: FloatBuffer, cOff: number, ldc: number,
): void {
  for (let i = 0; i < m; i++) {
    const row = cOff + i * ldc;
    if (beta === 0) C.fill(0, row, row + n);
    else if (beta !== 1) for (let j = 0; j < n; j++) C[row + j] *= beta;
  }
  if (k === 0 || n === 0) return;

  if (!transB) {
    // Rows of B are contiguous: add alpha * op(A)[i][p] times row p of B into row i of C.
    for (let i = 0; i < m; i++) {
      const row = cOff + i * ldc;
      for (let p = 0; p < k; p++) {
        const a = alpha * (transA ? A[aOff + p * lda + i] : A[aOff + i * lda + p]);
        const bRow = bOff + p * ldb;
        for (let j = 0; j < n; j++) C[row + j] += a * B[bRow + j];
      }
    }
    return;
  }

  // B^T: C[i][j] is a dot product of row i of op(A) with row j of B, both read with unit
  // stride; a transposed A has its column gathered once per row of C.
  const column = transA ? new Float64Array(k) : null;
  for (let i = 0; i < m; i++) {
    let a: FloatBuffer = A;
    let aRow = aOff + i * lda;
    if (column !== null) {
      for (let p = 0; p < k; p++) column[p] = A[aOff + p * lda + i];
      a = column;
      aRow = 0;
    }
    const row = cOff + i * ldc;
    for (let j = 0; j < n; j++) {
      const bRow = bOff + j * ldb;
      // Four partial sums break the add dependency chain.
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      let p = 0;
      for (; p + 3 < k; p += 4) {
        s0 += a[aRow + p] * B[bRow + p];
        s1 += a[aRow + p + 1] * B[bRow + p + 1];
        s2 += a[aRow + p + 2] * B[bRow + p + 2];
        s3 += a[aRow + p + 3] * B[bRow + p + 3];
      }
      for (; p < k; p++) s0 += a[aRow + p] * B[bRow + p];
      C[row + j] += alpha * (s0 + s1 + (s2 + s3));
    }
  }
}
