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
}

/** (transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, work) as in the .ts source. */
export type WasmGemm = (...args: number[]) => void;

/** One WebAssembly page. */
export const PAGE_BYTES = 65536;
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
export function reserveBytes(memory: WasmMemory, bytes: number): void {
  const have = memory.buffer.byteLength;
  if (bytes <= have) return;
  const pages = Math.ceil((bytes - have) / PAGE_BYTES);
  if (have / PAGE_BYTES + pages > MAX_PAGES) {
    throw new RangeError(`gemm: the operands need ${bytes} bytes of kernel memory; ` +
      `at most ${MAX_PAGES * PAGE_BYTES} are addressable`);
  }
  memory.grow(pages);
}
