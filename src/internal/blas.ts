// Row-major general matrix product on raw typed arrays, the trainer's one entry to the
// matrix kernels: C = alpha * op(A) op(B) + beta * C.
//
// Legend: op(A) is (M, K) and op(B) is (K, N). Without transA, A holds op(A) with row
// stride lda; with transA, A holds the (K, M) matrix whose transpose is op(A). Likewise
// for B. C is (M, N) with row stride ldc. Offsets are taken with subarray().
export type FloatArray = Float64Array | Float32Array;

export function gemm(
  transA: boolean, transB: boolean, M: number, N: number, K: number, alpha: number,
  A: FloatArray, lda: number, B: FloatArray, ldb: number, beta: number, C: FloatArray, ldc: number,
): void {
  for (let i = 0; i < M; i++) {
    const ci = i * ldc;
    if (beta === 0) C.fill(0, ci, ci + N);
    else if (beta !== 1) for (let j = 0; j < N; j++) C[ci + j] *= beta;
  }
  if (M === 0 || N === 0 || K === 0) return;
  if (!transB) {
    // Row i of C accumulates alpha * A[i, t] times row t of B: unit-stride inner loop.
    for (let i = 0; i < M; i++) {
      const ci = i * ldc;
      for (let t = 0; t < K; t++) {
        const a = alpha * (transA ? A[t * lda + i] : A[i * lda + t]);
        const bt = t * ldb;
        for (let j = 0; j < N; j++) C[ci + j] += a * B[bt + j];
      }
    }
  } else {
    // B^T: C[i, j] is a dot product of two rows when A is not transposed.
    for (let i = 0; i < M; i++) {
      const ci = i * ldc;
      for (let j = 0; j < N; j++) {
        const bj = j * ldb;
        let s = 0;
        if (transA) for (let t = 0; t < K; t++) s += A[t * lda + i] * B[bj + t];
        else for (let t = 0, ai = i * lda; t < K; t++) s += A[ai + t] * B[bj + t];
        C[ci + j] += alpha * s;
      }
    }
  }
}
