// The raw matrix product: picks the kernel, splits large products across threads, and
// stages operands in shared memory when the kernel or the threads need it there.
//
//   C = alpha * op(A) op(B) + beta * C,   op(X) = X or X^T
//
// Legend: op(A) is (m, k), op(B) is (k, n), C is (m, n). A, B and C are row-major from
// index 0 of their arrays, with leading dimensions lda, ldb, ldc in elements. A transposed
// operand is passed as stored: with transA, A is the (k, m) matrix whose transpose is op(A).
import { fallbackGemm } from './fallback.js';
import type { FloatBuffer } from './fallback.js';
import { runParallel } from './pool.js';
import type { Job } from './pool.js';
import { gemmBackend, gemmParallelMinWork, gemmThreads } from './settings.js';
import {
  allocate, elementView, release, residentAddress, wasmKernels,
} from './wasm.js';

export type { FloatBuffer } from './fallback.js';

/**
 * Parts are whole multiples of this many rows or columns of C, a multiple of the SIMD
 * micro-tile's width (4 or 8 columns), so a split by columns adds no ragged tiles (and
 * gemmPackedB's column ranges start on a packed panel). A split by rows may add one ragged
 * 5-row tile per part, which the kernel handles.
 */
const SPLIT_GRAIN = 8;

/**
 * C = alpha * op(A) op(B) + beta * C on contiguous row-major buffers, synchronously.
 * A, B and C are all Float64Array or all Float32Array; C must not overlap A or B.
 * beta 0 overwrites C without reading it.
 *
 * @param transA - op(A) = A^T: A is stored (k, m) with leading dimension lda
 * @param transB - op(B) = B^T: B is stored (n, k) with leading dimension ldb
 * @example
 * ```ts
 * const C = new Float64Array(4);
 * gemm(false, true, 2, 2, 1, 1, new Float64Array([1, 2]), 1, new Float64Array([3, 4]), 1, 0, C, 2);
 * C; // Float64Array [3, 4, 6, 8]
 * ```
 */
export function gemm(
  transA: boolean, transB: boolean, m: number, n: number, k: number, alpha: number,
  A: FloatBuffer, lda: number, B: FloatBuffer, ldb: number,
  beta: number, C: FloatBuffer, ldc: number,
): void {
  if (m === 0 || n === 0) return;
  if (gemmBackend() === 'wasm-simd' && m * n * k < gemmParallelMinWork()) {
    // The trainer's small products: operands already in kernel memory, one thread. Called
    // directly, without the bookkeeping below, which costs as much as a tiny product.
    const a = residentAddress(A), b = residentAddress(B), c = residentAddress(C);
    if (a >= 0 && b >= 0 && c >= 0 && k > 0) {
      const { exports } = wasmKernels();
      const size = C.BYTES_PER_ELEMENT;
      const kernel = size === 8 ? exports.gemmF64 : exports.gemmF32;
      kernel(+transA, +transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, workspace(0));
      return;
    }
  }
  const problem: Problem = { transA, transB, m, n, k, alpha, A, lda, B, ldb, beta, C, ldc };
  const parts = splitParts(m, n, k);
  if (gemmBackend() === 'wasm-simd') {
    wasmGemm(problem, parts);
  } else if (parts.count === 1) {
    fallbackGemm(transA, transB, m, n, k, alpha, A, 0, lda, B, 0, ldb, beta, C, 0, ldc);
  } else {
    sharedFallbackGemm(problem, parts);
  }
}

/**
 * An operand op(B) (k, n) packed once into kernel memory in the layout the SIMD kernel
 * reads, for products that reuse it many times (the dual form's Gram matrix). Free it with
 * {@link releasePackedB}.
 */
export interface PackedB {
  readonly k: number;
  readonly n: number;
  readonly elementBytes: 8 | 4;
  readonly address: number;
}

/**
 * Packs op(B) of a resident (kernel-memory) B for {@link gemmPackedB}; null when the SIMD
 * kernels are off or B is not resident, in which case callers use {@link gemm}.
 */
export function packB(transB: boolean, k: number, n: number, B: FloatBuffer, ldb: number): PackedB | null {
  const b = residentAddress(B);
  if (gemmBackend() !== 'wasm-simd' || b < 0 || k === 0 || n === 0) return null;
  const { exports } = wasmKernels();
  const elementBytes = B.BYTES_PER_ELEMENT as 8 | 4;
  const address = allocate(exports.packedBBytes(k, n, elementBytes));
  (elementBytes === 8 ? exports.packBF64 : exports.packBF32)(+transB, k, n, b, ldb, address);
  return { k, n, elementBytes, address };
}

/** Frees what {@link packB} allocated. */
export function releasePackedB(packed: PackedB): void {
  release(packed.address);
}

/**
 * C = alpha * op(A) op(B) + beta * C with op(B) packed by {@link packB}; A and C live in
 * kernel memory (their dtype is the packed one). Split by columns across threads when large.
 */
export function gemmPackedB(
  transA: boolean, m: number, alpha: number, A: FloatBuffer, lda: number, packed: PackedB,
  beta: number, C: FloatBuffer, ldc: number,
): void {
  const { k, n, elementBytes } = packed;
  const a = residentAddress(A), c = residentAddress(C);
  if (a < 0 || c < 0 || A.BYTES_PER_ELEMENT !== elementBytes || C.BYTES_PER_ELEMENT !== elementBytes) {
    throw new RangeError('gemmPackedB: A and C must be kernel-memory arrays of the packed dtype');
  }
  if (m === 0) return;
  const fn = elementBytes === 8 ? 'gemmPackedF64' : 'gemmPackedF32';
  const parts = splitParts(m, n, k, false);
  for (let t = 0; t < parts.count; t++) workspace(t);
  const args = (t: number): number[] => [+transA, m, n, k, alpha, a, lda, packed.address,
    beta, c, ldc, workspaces[t], parts.starts[t], parts.starts[t + 1]];
  const kernel = wasmKernels().exports[fn];
  if (parts.count === 1) {
    kernel(...args(0));
    return;
  }
  const jobs: Job[] = [];
  for (let t = 1; t < parts.count; t++) jobs.push({ kind: 'wasm', fn, args: args(t) });
  runParallel(jobs, () => kernel(...args(0)));
}

interface Problem {
  transA: boolean;
  transB: boolean;
  m: number;
  n: number;
  k: number;
  alpha: number;
  A: FloatBuffer;
  lda: number;
  B: FloatBuffer;
  ldb: number;
  beta: number;
  C: FloatBuffer;
  ldc: number;
}

/** How C is cut: `count` slabs of rows (byRows) or columns, starting at `starts[i]`. */
interface Parts {
  count: number;
  byRows: boolean;
  starts: number[];
}

/**
 * One slab per thread along the longer side of C, so each thread packs only its share of
 * the larger operand: W1 X (30 x 238) splits its 238 columns, W1^T dZ1 its 12288 rows.
 */
function splitParts(m: number, n: number, k: number, rowsAllowed = true): Parts {
  const byRows = rowsAllowed && m > n;
  const side = byRows ? m : n;
  let count = m * n * k >= gemmParallelMinWork() ? gemmThreads() : 1;
  count = Math.max(1, Math.min(count, Math.floor(side / SPLIT_GRAIN)));
  const starts = [0];
  for (let t = 1; t < count; t++) {
    starts.push(Math.round((side * t) / count / SPLIT_GRAIN) * SPLIT_GRAIN);
  }
  starts.push(side);
  return { count, byRows, starts };
}

/** Elements from the first to the last of a (rows, cols) matrix with leading dimension ld. */
function span(rows: number, cols: number, ld: number): number {
  return rows === 0 || cols === 0 ? 0 : (rows - 1) * ld + cols;
}

/** Rounds an element index up to a 16-byte boundary, for aligned vector access. */
function align(index: number, bytesPerElement: number): number {
  const per = 16 / bytesPerElement;
  return Math.ceil(index / per) * per;
}

/** Where a staged copy of A, B and C (compact, ldc = n) sits, in elements. */
interface Staging {
  aLen: number;
  bLen: number;
  a: number;
  b: number;
  c: number;
  end: number;
}

function stagingLayout(p: Problem, base: number): Staging {
  const size = p.C.BYTES_PER_ELEMENT;
  const aLen = p.transA ? span(p.k, p.m, p.lda) : span(p.m, p.k, p.lda);
  const bLen = p.transB ? span(p.n, p.k, p.ldb) : span(p.k, p.n, p.ldb);
  const a = align(base, size);
  const b = align(a + aLen, size);
  const c = align(b + bLen, size);
  return { aLen, bLen, a, b, c, end: align(c + p.m * p.n, size) };
}

/** Copies A, B (and C, when beta reads it) into `view` at the staging offsets. */
function stageIn(p: Problem, s: Staging, view: FloatBuffer): void {
  view.set(p.A.subarray(0, s.aLen), s.a);
  view.set(p.B.subarray(0, s.bLen), s.b);
  if (p.beta === 0) return;
  if (p.ldc === p.n) {
    view.set(p.C.subarray(0, p.m * p.n), s.c);
    return;
  }
  for (let i = 0; i < p.m; i++) view.set(p.C.subarray(i * p.ldc, i * p.ldc + p.n), s.c + i * p.n);
}

/** Copies the staged, compact C back into the caller's C. */
function stageOut(p: Problem, s: Staging, view: FloatBuffer): void {
  if (p.ldc === p.n) {
    p.C.set(view.subarray(s.c, s.c + p.m * p.n));
    return;
  }
  for (let i = 0; i < p.m; i++) p.C.set(view.subarray(s.c + i * p.n, s.c + (i + 1) * p.n), i * p.ldc);
}

/** Kernel arguments of part t: offsets of A, B and C scaled by `unit` (1 or element bytes). */
interface PartArgs {
  m: number;
  n: number;
  a: number;
  b: number;
  c: number;
}

function partArgs(
  p: Problem, s: { a: number; b: number; c: number; ldc: number }, parts: Parts, t: number,
  unit: number,
): PartArgs {
  const lo = parts.starts[t];
  const hi = parts.starts[t + 1];
  if (parts.byRows) {
    // Rows lo..hi of op(A): column lo of a stored A^T, row lo of a stored A.
    const a = s.a + unit * (p.transA ? lo : lo * p.lda);
    return { m: hi - lo, n: p.n, a, b: s.b, c: s.c + unit * lo * s.ldc };
  }
  // Columns lo..hi of op(B): row lo of a stored B^T, column lo of a stored B.
  const b = s.b + unit * (p.transB ? lo * p.ldb : lo);
  return { m: p.m, n: hi - lo, a: s.a, b, c: s.c + unit * lo };
}

/** Where the SIMD kernels find A, B and C: byte addresses and the leading dimension of C. */
interface Placed {
  a: number;
  b: number;
  c: number;
  ldc: number;
}

/** Per-thread scratch for packed panels, allocated once and kept. */
const workspaces: number[] = [];

function workspace(t: number): number {
  // Sized for 8-byte elements, which covers 4-byte ones too.
  while (workspaces.length <= t) workspaces.push(allocate(wasmKernels().exports.workspaceBytes(8)));
  return workspaces[t];
}

/** Copies elements [0, length) of `from` into a fresh kernel-memory block; returns its address. */
function stage(from: FloatBuffer, length: number, temporaries: number[]): number {
  const at = allocate(length * from.BYTES_PER_ELEMENT);
  temporaries.push(at);
  elementView(from.BYTES_PER_ELEMENT as 8 | 4, at, length).set(from.subarray(0, length));
  return at;
}

/**
 * The SIMD path. The kernels read only their linear memory: operands that live there
 * (network buffers made by residentArray) are used in place, the others are copied into
 * temporary blocks, and a staged C is copied back out. Packing happens in WebAssembly.
 */
function wasmGemm(p: Problem, parts: Parts): void {
  const { exports } = wasmKernels();
  const size = p.C.BYTES_PER_ELEMENT;
  const temporaries: number[] = [];
  try {
    const aLen = p.transA ? span(p.k, p.m, p.lda) : span(p.m, p.k, p.lda);
    const bLen = p.transB ? span(p.n, p.k, p.ldb) : span(p.k, p.n, p.ldb);
    const placed: Placed = { a: residentAddress(p.A), b: residentAddress(p.B),
      c: residentAddress(p.C), ldc: p.ldc };
    if (placed.a < 0) placed.a = stage(p.A, aLen, temporaries);
    if (placed.b < 0) placed.b = stage(p.B, bLen, temporaries);
    let stagedC: FloatBuffer | null = null;
    if (placed.c < 0) {
      placed.c = allocate(p.m * p.n * size);
      temporaries.push(placed.c);
      placed.ldc = p.n;
      stagedC = elementView(size as 8 | 4, placed.c, p.m * p.n);
      if (p.beta !== 0) copyMatrix(p.C, p.ldc, stagedC, p.n, p.m, p.n);
    }
    for (let t = 0; t < parts.count; t++) workspace(t);

    const fn = size === 8 ? 'gemmF64' : 'gemmF32';
    const args = (t: number): number[] => {
      const q = partArgs(p, placed, parts, t, size);
      return [+p.transA, +p.transB, q.m, q.n, p.k, p.alpha, q.a, p.lda, q.b, p.ldb,
        p.beta, q.c, placed.ldc, workspaces[t]];
    };
    const jobs: Job[] = [];
    for (let t = 1; t < parts.count; t++) jobs.push({ kind: 'wasm', fn, args: args(t) });
    const own = (): void => exports[fn](...args(0));
    if (jobs.length === 0) own();
    else runParallel(jobs, own);

    if (stagedC !== null) copyMatrix(stagedC, p.n, p.C, p.ldc, p.m, p.n);
  } finally {
    for (const at of temporaries) release(at);
  }
}

/** Copies a (rows, cols) matrix between row-major buffers with leading dimensions. */
function copyMatrix(
  from: FloatBuffer, ldFrom: number, to: FloatBuffer, ldTo: number, rows: number, cols: number,
): void {
  if (ldFrom === cols && ldTo === cols) {
    to.set(from.subarray(0, rows * cols));
    return;
  }
  for (let i = 0; i < rows; i++) to.set(from.subarray(i * ldFrom, i * ldFrom + cols), i * ldTo);
}

/**
 * The TypeScript kernel on several threads: the operands are copied into a fresh
 * SharedArrayBuffer the helpers can see (on one thread the kernel runs on them in place).
 */
function sharedFallbackGemm(p: Problem, parts: Parts): void {
  const size = p.C.BYTES_PER_ELEMENT;
  const s = stagingLayout(p, 0);
  const buffer = new SharedArrayBuffer(s.end * size);
  const view = size === 8 ? new Float64Array(buffer) : new Float32Array(buffer);
  stageIn(p, s, view);

  const args = (t: number): (number | boolean)[] => {
    const q = partArgs(p, { ...s, ldc: p.n }, parts, t, 1);
    return [p.transA, p.transB, q.m, q.n, p.k, p.alpha, q.a, p.lda, q.b, p.ldb, p.beta, q.c, p.n];
  };
  const jobs: Job[] = [];
  for (let t = 1; t < parts.count; t++) {
    jobs.push({ kind: 'js', buffer, f32: size === 4, args: args(t) });
  }
  runParallel(jobs, () => {
    const q = partArgs(p, { ...s, ldc: p.n }, parts, 0, 1);
    fallbackGemm(p.transA, p.transB, q.m, q.n, p.k, p.alpha, view, q.a, p.lda,
      view, q.b, p.ldb, p.beta, view, q.c, p.n);
  });

  stageOut(p, s, view);
}
