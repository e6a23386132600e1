// Whether this engine runs WebAssembly SIMD, and the compiled SIMD kernels if it does.
import { GEMM_WASM_BASE64 } from './gemm-wasm.generated.js';

// The slice of the WebAssembly API used here, declared locally: the project compiles
// against the ES2022 library and Node's types, which do not declare WebAssembly.

/** A compiled module; opaque, but it can be posted to worker threads. */
export interface WasmModule {
  readonly __wasmModule?: never;
}

/** A shared linear memory. */
export interface WasmMemory {
  readonly buffer: SharedArrayBuffer;
  grow(pages: number): number;
}

interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule, imports: object) => { exports: unknown };
  Memory: new (limits: { initial: number; maximum: number; shared: true }) => WasmMemory;
}

/** The engine's WebAssembly object, or undefined where there is none. */
export const wasmApi = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;

/**
 * The smallest module that uses a SIMD type: one function returning v128.const 0.
 * An engine without SIMD rejects it at validation, before any kernel is compiled.
 */
const SIMD_PROBE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic, version 1
  0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7b, // types: () -> v128
  0x03, 0x02, 0x01, 0x00, // functions: one of type 0
  0x0a, 0x16, 0x01, 0x14, 0x00, 0xfd, 0x0c, // code: no locals, v128.const
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x0b,
]);

let probed: boolean | undefined;

/**
 * True when WebAssembly SIMD and shared memory are both available: the SIMD kernels need
 * the first, and their worker threads read and write the second.
 */
export function simdAvailable(): boolean {
  if (probed === undefined) {
    try {
      probed = wasmApi !== undefined && typeof SharedArrayBuffer === 'function' &&
        wasmApi.validate(SIMD_PROBE);
    } catch {
      probed = false;
    }
  }
  return probed === true;
}

let compiled: WasmModule | undefined;

/**
 * The SIMD kernels, compiled once. The bytes are embedded in the build as base64 rather
 * than read from a .wasm file, so the ESM build, the CommonJS build and a bundle all load
 * them the same way.
 */
export function gemmModule(): WasmModule {
  compiled ??= new wasmApi!.Module(Buffer.from(GEMM_WASM_BASE64, 'base64'));
  return compiled;
}
