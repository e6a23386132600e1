// Matrix-product kernels in WebAssembly SIMD (128-bit), compiled by scripts/build.mjs.
//
//   C = alpha * op(A) op(B) + beta * C,   op(X) = X or X^T
//
// Legend: op(A) is (m, k), op(B) is (k, n), C is (m, n); every matrix is row-major in the
// shared linear memory with a leading dimension (lda, ldb, ldc, in elements) and a byte
// address (a, b, c). A transposed operand is read from its stored layout: op(A)[i][p] is
// A[p * lda + i] when transA, so no transpose is ever materialised.
//
// Structure (the GotoBLAS loop nest): C is cut into NC-column blocks; each block's k range
// into KC slices; the slice of op(B) is packed into NR-wide panels, the slice of op(A) into
// MR-tall panels, and a register-blocked micro-kernel computes one MR x NR tile of C from
// one A panel and one B panel. Panels are contiguous along k, so the micro-kernel streams
// both with unit stride whatever the transposes were, and ragged edges are zero-padded so
// it never branches inside its loop.
//
// The kernels are written once, generic over the element type T (f64 or f32): a v128 holds
// LANES = 16 / sizeof<T>() elements, so the same code is f64x2 or f32x4.

/**
 * Rows of a micro-tile: five broadcast values of op(A) per step of k. 5 x 2 vectors is the
 * largest tile whose accumulators, operands and product temporary fit V8's 15 allocatable
 * vector registers; it also tiles the reference network's 30 and 20 units exactly.
 */
const MR: i32 = 5;
/**
 * Slice of k packed at once. A KC x NR panel of op(B) (8 KiB in f64) stays in L1 while the
 * micro-kernel sweeps the A panels; the MC x KC block of op(A) (128 KiB in f64) stays in L2.
 */
const KC: i32 = 256;
/** Rows of op(A) packed at once (a multiple of MR). */
const MC: i32 = 60;
/** Columns of op(B) packed at once: a KC x NC block is 2 MiB in f64, an L3-sized share. */
const NC: i32 = 1024;

/** Columns of a micro-tile: two vectors, so 4 in f64 and 8 in f32. */
// @ts-ignore: decorator
@inline function tileCols<T>(): i32 {
  return 2 * (16 / sizeof<T>());
}

/**
 * Bytes of scratch one thread needs: the packed A block, the packed B block and one
 * micro-tile for the ragged edges. The host gives each thread its own area.
 */
export function workspaceBytes(elementBytes: i32): i32 {
  const panel = 2 * (16 / elementBytes);
  return (MC * KC + KC * NC + MR * panel) * elementBytes;
}

/** f64 entry: see the legend at the top of the file. */
export function gemmF64(
  transA: i32, transB: i32, m: i32, n: i32, k: i32, alpha: f64,
  a: usize, lda: i32, b: usize, ldb: i32, beta: f64, c: usize, ldc: i32, work: usize,
): void {
  gemm<f64>(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, work);
}

/** f32 entry: alpha and beta arrive as f64 from JavaScript and are rounded once here. */
export function gemmF32(
  transA: i32, transB: i32, m: i32, n: i32, k: i32, alpha: f64,
  a: usize, lda: i32, b: usize, ldb: i32, beta: f64, c: usize, ldc: i32, work: usize,
): void {
  gemm<f32>(transA, transB, m, n, k, <f32>alpha, a, lda, b, ldb, <f32>beta, c, ldc, work);
}

/**
 * Bytes of op(B) (k, n) packed whole by {@link packBF64} / {@link packBF32}: every NC-column
 * block, every KC slice, in the order the product reads them.
 */
export function packedBBytes(k: i32, n: i32, elementBytes: i32): i32 {
  const NR = 2 * (16 / elementBytes);
  return k * ((n + NR - 1) / NR) * NR * elementBytes;
}

/**
 * Packs all of op(B) once, for an operand used by many products (the dual form's Gram
 * matrix). Block (jc, pc) starts jc * k + pc * ncPadded elements in, ncPadded being the
 * block's columns rounded up to the tile width.
 */
export function packBF64(transB: i32, k: i32, n: i32, b: usize, ldb: i32, out: usize): void {
  packAll<f64>(transB, k, n, b, ldb, out);
}

export function packBF32(transB: i32, k: i32, n: i32, b: usize, ldb: i32, out: usize): void {
  packAll<f32>(transB, k, n, b, ldb, out);
}

// @ts-ignore: decorator
@inline function packAll<T>(transB: i32, k: i32, n: i32, b: usize, ldb: i32, out: usize): void {
  const size = sizeof<T>();
  const NR = tileCols<T>();
  for (let jc = 0; jc < n; jc += NC) {
    const nc = min(NC, n - jc);
    const padded = (nc + NR - 1) / NR * NR;
    for (let pc = 0; pc < k; pc += KC) {
      const kc = min(KC, k - pc);
      packB<T>(transB, kc, nc, b, ldb, pc, jc, out + <usize>(jc * k + pc * padded) * size);
    }
  }
}

/**
 * C[:, j0..j1) = alpha * op(A) op(B)[:, j0..j1) + beta * C[:, j0..j1) with op(B) packed by
 * packB; j0 is a multiple of the tile width, so threads can take column ranges of one product.
 */
export function gemmPackedF64(
  transA: i32, m: i32, n: i32, k: i32, alpha: f64, a: usize, lda: i32, pb: usize,
  beta: f64, c: usize, ldc: i32, work: usize, j0: i32, j1: i32,
): void {
  gemmPacked<f64>(transA, m, n, k, alpha, a, lda, pb, beta, c, ldc, work, j0, j1);
}

export function gemmPackedF32(
  transA: i32, m: i32, n: i32, k: i32, alpha: f64, a: usize, lda: i32, pb: usize,
  beta: f64, c: usize, ldc: i32, work: usize, j0: i32, j1: i32,
): void {
  gemmPacked<f32>(transA, m, n, k, <f32>alpha, a, lda, pb, <f32>beta, c, ldc, work, j0, j1);
}

// @ts-ignore: decorator
@inline function gemmPacked<T>(
  transA: i32, m: i32, n: i32, k: i32, alpha: T, a: usize, lda: i32, pb: usize,
  beta: T, c: usize, ldc: i32, work: usize, j0: i32, j1: i32,
): void {
  const size = sizeof<T>();
  const NR = tileCols<T>();
  const packedA = work;
  const tile = work + <usize>(MC * KC + KC * NC) * size;
  if (m <= 0 || j1 <= j0 || k <= 0) return;
  for (let jc = 0; jc < n; jc += NC) {
    const nc = min(NC, n - jc);
    const lo = max(j0, jc) - jc;
    const hi = min(j1, jc + nc) - jc;
    if (lo >= hi) continue;
    const padded = (nc + NR - 1) / NR * NR;
    for (let pc = 0; pc < k; pc += KC) {
      const kc = min(KC, k - pc);
      const betaSlice: T = pc == 0 ? beta : <T>1;
      const block = pb + <usize>(jc * k + pc * padded) * size;
      for (let ic = 0; ic < m; ic += MC) {
        const mc = min(MC, m - ic);
        packA<T>(transA, mc, kc, a, lda, ic, pc, packedA);
        for (let jr = lo; jr < hi; jr += NR) {
          const nr = min(NR, hi - jr);
          const panelB = block + <usize>(jr * kc) * size;
          for (let ir = 0; ir < mc; ir += MR) {
            const mr = min(MR, mc - ir);
            const panelA = packedA + <usize>(ir * kc) * size;
            const cTile = c + (<usize>(ic + ir) * <usize>ldc + <usize>(jc + jr)) * size;
            micro<T>(kc, panelA, panelB, 32, alpha, betaSlice, cTile, ldc, mr, nr, tile);
          }
        }
      }
    }
  }
}

// @ts-ignore: decorator
@inline function gemm<T>(
  transA: i32, transB: i32, m: i32, n: i32, k: i32, alpha: T,
  a: usize, lda: i32, b: usize, ldb: i32, beta: T, c: usize, ldc: i32, work: usize,
): void {
  const size = sizeof<T>();
  const NR = tileCols<T>();
  const packedA = work;
  const packedB = work + <usize>(MC * KC) * size;
  const tile = packedB + <usize>(KC * NC) * size;
  if (m <= 0 || n <= 0) return;
  if (k <= 0) {
    scaleC<T>(m, n, beta, c, ldc);
    return;
  }
  for (let jc = 0; jc < n; jc += NC) {
    const nc = min(NC, n - jc);
    for (let pc = 0; pc < k; pc += KC) {
      const kc = min(KC, k - pc);
      // Later k slices add onto what the first slice wrote.
      const betaSlice: T = pc == 0 ? beta : <T>1;
      // In a small product (one block of op(A) rows, one slice of k) each B panel serves
      // only a few tiles, so packing it costs more than it saves: an untransposed B is read
      // in place (its rows are the panel's steps), and only a ragged last panel is packed.
      // Long k (W1 X) streams B from memory, where the packed copy is faster.
      const direct = !transB && m <= MC && k <= KC;
      const full = direct ? nc / NR * NR : 0;
      packB<T>(transB, kc, nc - full, b, ldb, pc, jc + full, packedB);
      for (let ic = 0; ic < m; ic += MC) {
        const mc = min(MC, m - ic);
        packA<T>(transA, mc, kc, a, lda, ic, pc, packedA);
        for (let jr = 0; jr < nc; jr += NR) {
          const nr = min(NR, nc - jr);
          const inPlace = jr < full;
          const panelB = inPlace
            ? b + (<usize>pc * <usize>ldb + <usize>(jc + jr)) * size
            : packedB + <usize>((jr - full) * kc) * size;
          const bStep: usize = inPlace ? <usize>ldb * size : 32;
          for (let ir = 0; ir < mc; ir += MR) {
            const mr = min(MR, mc - ir);
            const panelA = packedA + <usize>(ir * kc) * size;
            const cTile = c + (<usize>(ic + ir) * <usize>ldc + <usize>(jc + jr)) * size;
            micro<T>(kc, panelA, panelB, bStep, alpha, betaSlice, cTile, ldc, mr, nr, tile);
          }
        }
      }
    }
  }
}

/** C = beta * C, the whole product when k is 0. beta 0 writes zeros without reading C. */
// @ts-ignore: decorator
@inline function scaleC<T>(m: i32, n: i32, beta: T, c: usize, ldc: i32): void {
  const size = sizeof<T>();
  for (let i = 0; i < m; i++) {
    const row = c + <usize>i * <usize>ldc * size;
    for (let j = 0; j < n; j++) {
      const at = row + <usize>j * size;
      store<T>(at, beta == <T>0 ? <T>0 : beta * load<T>(at));
    }
  }
}

/**
 * Packs rows ic..ic+mc, columns pc..pc+kc of op(A) into MR-tall panels: panel r holds, for
 * each p, the MR values op(A)[ic + r*MR + 0..MR-1][pc + p], zeros past the last row.
 * Full panels take branch-free paths: MR row streams, or (transposed) MR contiguous values
 * per p copied as vectors.
 */
function packA<T>(
  transA: i32, mc: i32, kc: i32, a: usize, lda: i32, ic: i32, pc: i32, out: usize,
): void {
  const size = sizeof<T>();
  const ld = <usize>lda;
  for (let ir = 0; ir < mc; ir += MR) {
    const mr = min(MR, mc - ir);
    const i0 = <usize>(ic + ir);
    if (mr == MR && !transA) {
      let r0 = a + (i0 * ld + <usize>pc) * size;
      const rowBytes = ld * size;
      for (let p = 0; p < kc; p++) {
        store<T>(out, load<T>(r0));
        store<T>(out, load<T>(r0 + rowBytes), size);
        store<T>(out, load<T>(r0 + 2 * rowBytes), 2 * size);
        store<T>(out, load<T>(r0 + 3 * rowBytes), 3 * size);
        store<T>(out, load<T>(r0 + 4 * rowBytes), 4 * size);
        r0 += size;
        out += <usize>MR * size;
      }
      continue;
    }
    if (mr == MR && transA) {
      // op(A)[i0 + ii][pc + p] = A[(pc + p) * lda + i0 + ii]: MR contiguous values per p.
      let src = a + (<usize>pc * ld + i0) * size;
      for (let p = 0; p < kc; p++) {
        v128.store(out, v128.load(src));
        if (size == 8) v128.store(out, v128.load(src, 16), 16);
        store<T>(out + 4 * size, load<T>(src + 4 * size));
        src += ld * size;
        out += <usize>MR * size;
      }
      continue;
    }
    for (let p = 0; p < kc; p++) {
      const col = <usize>(pc + p);
      for (let ii = 0; ii < MR; ii++) {
        let v: T = <T>0;
        if (ii < mr) {
          const i = i0 + <usize>ii;
          v = load<T>(a + (transA ? col * ld + i : i * ld + col) * size);
        }
        store<T>(out, v);
        out += size;
      }
    }
  }
}

/**
 * Packs rows pc..pc+kc, columns jc..jc+nc of op(B) into NR-wide panels: panel s holds, for
 * each p, the NR values op(B)[pc + p][jc + s*NR + 0..NR-1], zeros past the last column.
 * Untransposed full panels are two vector copies per row; a transposed B is gathered.
 */
function packB<T>(
  transB: i32, kc: i32, nc: i32, b: usize, ldb: i32, pc: i32, jc: i32, out: usize,
): void {
  const size = sizeof<T>();
  const NR = tileCols<T>();
  const ld = <usize>ldb;
  for (let jr = 0; jr < nc; jr += NR) {
    const nr = min(NR, nc - jr);
    const j0 = <usize>(jc + jr);
    if (!transB && nr == NR) {
      let src = b + (<usize>pc * ld + j0) * size;
      for (let p = 0; p < kc; p++) {
        v128.store(out, v128.load(src));
        v128.store(out, v128.load(src, 16), 16);
        src += ld * size;
        out += 32;
      }
      continue;
    }
    if (transB && nr == NR) {
      // op(B)[pc + p][j0 + jj] = B[(j0 + jj) * ldb + pc + p]: NR row streams of B.
      let src = b + (j0 * ld + <usize>pc) * size;
      const rowBytes = ld * size;
      for (let p = 0; p < kc; p++) {
        let from = src;
        for (let jj = 0; jj < NR; jj++) {
          store<T>(out, load<T>(from));
          from += rowBytes;
          out += size;
        }
        src += size;
      }
      continue;
    }
    for (let p = 0; p < kc; p++) {
      const row = <usize>(pc + p);
      for (let jj = 0; jj < NR; jj++) {
        let v: T = <T>0;
        if (jj < nr) {
          const j = j0 + <usize>jj;
          v = load<T>(b + (transB ? j * ld + row : row * ld + j) * size);
        }
        store<T>(out, v);
        out += size;
      }
    }
  }
}

/**
 * One MR x NR tile: C = alpha * (panelA panelB) + beta * C, with 10 vector accumulators
 * (5 rows x 2 vectors). With the 2 B vectors, 1 broadcast and 1 product that is 14 vector
 * registers (V8 keeps the 16th as scratch), so the loop stays free of spills. B's panel
 * advances bStep bytes per step of k: 32 when packed, a row of B when read in place. Kept
 * a separate, non-inlined function so the engine's optimising tier picks it up after its
 * first calls.
 */
function micro<T>(
  kc: i32, pa: usize, pb: usize, bStep: usize, alpha: T, beta: T, c: usize, ldc: i32,
  mr: i32, nr: i32, tile: usize,
): void {
  const size = sizeof<T>();
  let c00 = v128.splat<T>(<T>0), c01 = c00, c10 = c00, c11 = c00;
  let c20 = c00, c21 = c00, c30 = c00, c31 = c00, c40 = c00, c41 = c00;
  for (let p = 0; p < kc; p++) {
    const b0 = v128.load(pb);
    const b1 = v128.load(pb, 16);
    let av = v128.load_splat<T>(pa);
    c00 = v128.add<T>(c00, v128.mul<T>(av, b0));
    c01 = v128.add<T>(c01, v128.mul<T>(av, b1));
    av = v128.load_splat<T>(pa, size);
    c10 = v128.add<T>(c10, v128.mul<T>(av, b0));
    c11 = v128.add<T>(c11, v128.mul<T>(av, b1));
    av = v128.load_splat<T>(pa, 2 * size);
    c20 = v128.add<T>(c20, v128.mul<T>(av, b0));
    c21 = v128.add<T>(c21, v128.mul<T>(av, b1));
    av = v128.load_splat<T>(pa, 3 * size);
    c30 = v128.add<T>(c30, v128.mul<T>(av, b0));
    c31 = v128.add<T>(c31, v128.mul<T>(av, b1));
    av = v128.load_splat<T>(pa, 4 * size);
    c40 = v128.add<T>(c40, v128.mul<T>(av, b0));
    c41 = v128.add<T>(c41, v128.mul<T>(av, b1));
    pa += 5 * size;
    pb += bStep;
  }

  const NR = tileCols<T>();
  const rowBytes = <usize>ldc * size;
  if (mr == MR && nr == NR) {
    storeRow<T>(c, c00, c01, alpha, beta);
    storeRow<T>(c + rowBytes, c10, c11, alpha, beta);
    storeRow<T>(c + 2 * rowBytes, c20, c21, alpha, beta);
    storeRow<T>(c + 3 * rowBytes, c30, c31, alpha, beta);
    storeRow<T>(c + 4 * rowBytes, c40, c41, alpha, beta);
    return;
  }
  // Ragged edge: park the tile in scratch and write back only the rows and columns that exist.
  v128.store(tile, c00);
  v128.store(tile, c01, 16);
  v128.store(tile, c10, 32);
  v128.store(tile, c11, 48);
  v128.store(tile, c20, 64);
  v128.store(tile, c21, 80);
  v128.store(tile, c30, 96);
  v128.store(tile, c31, 112);
  v128.store(tile, c40, 128);
  v128.store(tile, c41, 144);
  for (let i = 0; i < mr; i++) {
    for (let j = 0; j < nr; j++) {
      const at = c + <usize>i * rowBytes + <usize>j * size;
      const ab = alpha * load<T>(tile + <usize>(i * NR + j) * size);
      store<T>(at, beta == <T>0 ? ab : ab + beta * load<T>(at));
    }
  }
}

/** Writes one full tile row; beta 0 never reads C, so garbage or NaN there is overwritten. */
// @ts-ignore: decorator
@inline function storeRow<T>(c: usize, acc0: v128, acc1: v128, alpha: T, beta: T): void {
  const al = v128.splat<T>(alpha);
  let r0 = v128.mul<T>(al, acc0);
  let r1 = v128.mul<T>(al, acc1);
  if (beta != <T>0) {
    const be = v128.splat<T>(beta);
    r0 = v128.add<T>(r0, v128.mul<T>(be, v128.load(c)));
    r1 = v128.add<T>(r1, v128.mul<T>(be, v128.load(c, 16)));
  }
  v128.store(c, r0);
  v128.store(c, r1, 16);
}
