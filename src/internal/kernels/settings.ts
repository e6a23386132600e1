// Which kernel runs and on how many threads.
import { availableParallelism } from 'node:os';
import { simdAvailable } from './simd.js';

/**
 * Products with fewer multiply-adds than this stay on the calling thread. A helper is woken
 * through shared memory in some microseconds; below about a million multiply-adds (a
 * hundred microseconds of work) waking it and waiting for it costs more than it saves.
 */
const PARALLEL_MIN_WORK = 1 << 20;

let parallelMinWork = PARALLEL_MIN_WORK;

/** Multiply-adds (m n k) from which a product is split across threads. */
export function gemmParallelMinWork(): number {
  return parallelMinWork;
}

/** Lowers or restores (undefined) the split threshold, so tests split small products. */
export function setGemmParallelMinWork(work: number | undefined): void {
  parallelMinWork = work ?? PARALLEL_MIN_WORK;
}

let threads: number | undefined;

/** Threads a large product may use: the setting, else min(2, cores). */
export function gemmThreads(): number {
  return threads ?? Math.max(1, Math.min(2, availableParallelism()));
}

/** The explicit thread setting, or undefined for the default. */
export function gemmThreadSetting(): number | undefined {
  return threads;
}

/**
 * Sets how many threads a large product may use (the caller's thread included);
 * `undefined` restores the default, min(2, cores).
 */
export function setGemmThreads(count: number | undefined): void {
  if (count !== undefined && !(Number.isInteger(count) && count >= 1 && count <= 64)) {
    throw new RangeError(`setGemmThreads: count is ${String(count)}; it must be an integer in [1, 64]`);
  }
  threads = count;
}

/** DNN_LITE_NO_SIMD=1 in the environment turns the SIMD kernels off for the whole process. */
let simdAllowed = !(typeof process === 'object' && process.env?.DNN_LITE_NO_SIMD === '1');

/**
 * Allows or forbids the SIMD kernels (forbidding selects the TypeScript fallback even where
 * SIMD runs); for tests and comparisons.
 */
export function setSimdAllowed(allowed: boolean): void {
  simdAllowed = allowed;
}

/** The kernel products use now. */
export function gemmBackend(): 'wasm-simd' | 'typescript' {
  return simdAllowed && simdAvailable() ? 'wasm-simd' : 'typescript';
}
