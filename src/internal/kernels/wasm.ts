// The SIMD kernels instantiated on the main thread over one shared linear memory, which the
// helper threads instantiate the same module over too.
import { gemmModule, wasmApi } from './simd.js';
import type { WasmMemory } from './simd.js';

/** Exports of assembly/gemm.ts; addresses are bytes, leading dimensions are elements. */
export interface GemmExports {
  gemmF64: WasmGemm;
  gemmF32: WasmGemm;
  /** Scratch bytes one thread needs for packed panels, for 8- or 4-byte elements. */
  workspaceBytes(elementBytes: number): number;
  /** (transB, k, n, b, ldb, out): op(B) packed whole, for gemmPacked*. */
  packBF64: WasmGemm;
  packBF32: WasmGemm;
  /** Bytes packB* writes for a (k, n) op(B). */
  packedBBytes(k: number, n: number, elementBytes: number): number;
  /** (transA, m, n, k, alpha, a, lda, packedB, beta, c, ldc, work, j0, j1). */
  gemmPackedF64: WasmGemm;
  gemmPackedF32: WasmGemm;
}

/** (transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, work) as in the .ts source. */
export type WasmGemm = (...args: number[]) => void;

/** One WebAssembly page. */
const PAGE_BYTES = 65536;
/** 4 GiB, all a 32-bit memory can address. */
const MAX_PAGES = 65536;

export interface WasmKernels {
  memory: WasmMemory;
  exports: GemmExports;
}

let kernels: WasmKernels | undefined;

/** The main thread's instance, created on first use. */
export function wasmKernels(): WasmKernels {
  if (kernels === undefined) {
    // Start small: the memory grows on demand, and only touched pages cost anything.
    const memory = new wasmApi!.Memory({ initial: 16, maximum: MAX_PAGES, shared: true });
    const instance = new wasmApi!.Instance(gemmModule(), { env: { memory } });
    kernels = { memory, exports: instance.exports as unknown as GemmExports };
  }
  return kernels;
}

/**
 * Grows the shared memory to hold at least `bytes`. Shared memory is never detached on
 * growth, so the helper threads' instances see the new pages at once.
 */
function reserveBytes(memory: WasmMemory, bytes: number): void {
  const have = memory.buffer.byteLength;
  if (bytes <= have) return;
  const pages = Math.ceil((bytes - have) / PAGE_BYTES);
  if (have / PAGE_BYTES + pages > MAX_PAGES) {
    throw new RangeError(`gemm: the operands need ${bytes} bytes of kernel memory; ` +
      `at most ${MAX_PAGES * PAGE_BYTES} are addressable`);
  }
  memory.grow(pages);
}

/** Blocks of kernel memory start on 64-byte boundaries: one cache line, any vector. */
const BLOCK_ALIGN = 64;

/** Free ranges of kernel memory, sorted by address, merged with their neighbours. */
const free: { at: number; bytes: number }[] = [];
/** Sizes of the blocks handed out, by address. */
const used = new Map<number, number>();
/** The first byte never handed out; page 0 stays unused so no block sits at address 0. */
let top = PAGE_BYTES;
/**
 * Every buffer object the memory has had. A shared memory is never detached when it grows, so
 * a typed array over an earlier, shorter buffer still addresses the same bytes.
 */
const buffers = new WeakSet<SharedArrayBuffer>();

/**
 * Reserves `bytes` of kernel memory and returns its byte address. Blocks are first fit from
 * the freed ranges, else taken from the top, growing the memory.
 */
export function allocate(bytes: number): number {
  const size = Math.max(BLOCK_ALIGN, Math.ceil(bytes / BLOCK_ALIGN) * BLOCK_ALIGN);
  let at = -1;
  for (let i = 0; i < free.length; i++) {
    const range = free[i];
    if (range.bytes < size) continue;
    at = range.at;
    range.at += size;
    range.bytes -= size;
    if (range.bytes === 0) free.splice(i, 1);
    break;
  }
  if (at < 0) {
    const { memory } = wasmKernels();
    reserveBytes(memory, top + size);
    at = top;
    top += size;
  }
  used.set(at, size);
  return at;
}

/** Returns a block from {@link allocate} to the free ranges. */
export function release(at: number): void {
  const size = used.get(at);
  if (size === undefined) throw new RangeError(`gemm: no kernel memory block at ${at}`);
  used.delete(at);
  let i = 0;
  while (i < free.length && free[i].at < at) i++;
  free.splice(i, 0, { at, bytes: size });
  // Merge with the next range, then with the previous one.
  if (i + 1 < free.length && free[i].at + free[i].bytes === free[i + 1].at) {
    free[i].bytes += free[i + 1].bytes;
    free.splice(i + 1, 1);
  }
  if (i > 0 && free[i - 1].at + free[i - 1].bytes === free[i].at) {
    free[i - 1].bytes += free[i].bytes;
    free.splice(i, 1);
  }
  // A free range at the top goes back to the top, so large blocks do not fragment it.
  const last = free[free.length - 1];
  if (last !== undefined && last.at + last.bytes === top) {
    top = last.at;
    free.pop();
  }
}

/** The memory's current buffer, remembered as one of its buffers. */
function memoryBuffer(): SharedArrayBuffer {
  const buffer = wasmKernels().memory.buffer;
  buffers.add(buffer);
  return buffer;
}

/**
 * A typed array of `length` elements that lives in kernel memory, so the SIMD kernels read
 * and write it in place instead of copying it in and out. Free it with {@link releaseArray}.
 */
export function residentArray(elementBytes: 8 | 4, length: number): Float64Array | Float32Array {
  const at = allocate(length * elementBytes);
  // Zeroed like any new typed array: a block freed earlier still holds its last owner's values.
  return elementView(elementBytes, at, length).fill(0);
}

/** A Float64Array (8) or Float32Array (4) view of kernel memory from byte address `at`. */
export function elementView(elementBytes: 8 | 4, at: number, length: number): Float64Array | Float32Array {
  const buffer = memoryBuffer() as unknown as ArrayBuffer;
  return elementBytes === 8 ? new Float64Array(buffer, at, length) : new Float32Array(buffer, at, length);
}

/** Frees an array from {@link residentArray}. */
export function releaseArray(array: Float64Array | Float32Array): void {
  release(array.byteOffset);
}

/** The byte address of `array` when it lives in kernel memory, else -1. */
export function residentAddress(array: Float64Array | Float32Array): number {
  const buffer: ArrayBufferLike = array.buffer;
  return buffer instanceof SharedArrayBuffer && buffers.has(buffer) ? array.byteOffset : -1;
}
