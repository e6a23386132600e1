// Minimal, accurate declarations for the scijs modules dnn-lite uses internally.
// They are kept here rather than taken from @types/ndarray, whose declarations
// describe members (such as `T`) that ndarray does not have.

declare module 'ndarray' {
  import type { NdArray } from '../ndarray.js';
  type Data = Float64Array | Float32Array | number[];
  function ndarray<T extends Data>(
    data: T,
    shape?: readonly number[],
    stride?: readonly number[],
    offset?: number,
  ): NdArray<T>;
  export = ndarray;
}

declare module 'cwise/lib/cwise-esprima.js' {
  interface CwiseSpec {
    args: readonly (string | { offset: readonly number[]; array: number })[];
    pre?: string;
    body: string;
    post?: string;
    funcName?: string;
    blockSize?: number;
  }
  function cwise(spec: CwiseSpec): (...args: unknown[]) => unknown;
  export = cwise;
}

declare module 'ndarray-ops' {
  import type { NdArray } from '../ndarray.js';
  type A = NdArray<Float64Array | Float32Array>;
  export function assign(out: A, a: A): void;
  export function assigns(out: A, s: number): void;
  export function add(out: A, a: A, b: A): void;
  export function sub(out: A, a: A, b: A): void;
  export function mul(out: A, a: A, b: A): void;
  export function muls(out: A, a: A, s: number): void;
  export function mulseq(out: A, s: number): void;
  export function divseq(out: A, s: number): void;
  export function subeq(out: A, a: A): void;
  export function addeq(out: A, a: A): void;
  export function sum(a: A): number;
  export function sup(a: A): number;
  export function inf(a: A): number;
  export function equals(a: A, b: A): boolean;
}
