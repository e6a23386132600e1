// Shared generators of the property tests: random small networks and data, odd views of
// a matrix, and snapshots to prove that a call left its inputs alone.
import fc from 'fast-check';
import ndarray from 'ndarray';
import { type Matrix, copy, fromRows, toRows } from '../../src/matrix.js';
import type { Parameters } from '../../src/parameters.js';
import { type Rng, createRng } from '../../src/random.js';

/** A small network and data set: dims [n0, ..., 1], m examples, a seed for every value. */
// One fixed seed for every property, so a run on any machine tries the same cases;
// FC_SEED=<n> explores others.
fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20261203) });

export interface Setup { dims: number[]; m: number; seed: number }

export const setupArb: fc.Arbitrary<Setup> = fc.record({
  nx: fc.integer({ min: 1, max: 4 }),
  hidden: fc.array(fc.integer({ min: 1, max: 4 }), { maxLength: 2 }),
  m: fc.integer({ min: 1, max: 5 }),
  seed: fc.integer({ min: 0, max: 2 ** 31 }),
}).map(({ nx, hidden, m, seed }) => ({ dims: [nx, ...hidden, 1], m, seed }));

/** What a setup draws: X (n0, m), labels Y (1, m), He-scaled weights with random biases. */
export interface Problem { X: Matrix; Y: Matrix; parameters: Parameters; rng: Rng }

export function problemOf({ dims, m, seed }: Setup): Problem {
  const rng = createRng(seed);
  const X = rng.randn(dims[0], m);
  const Y = fromRows([Array.from({ length: m }, () => (rng.random() < 0.5 ? 0 : 1))]);
  const parameters: Record<string, Matrix> = {};
  for (let l = 1; l < dims.length; l++) {
    const W = rng.randn(dims[l], dims[l - 1]);
    const b = rng.randn(dims[l], 1);
    const scale = Math.sqrt(2 / dims[l - 1]);
    for (let k = 0; k < W.data.length; k++) W.data[k] *= scale;
    for (let k = 0; k < b.data.length; k++) b.data[k] *= 0.5;
    parameters[`W${l}`] = W;
    parameters[`b${l}`] = b;
  }
  return { X, Y, parameters: parameters as Parameters, rng };
}

/** The kinds of strided view a matrix can be handed over as. */
export type ViewKind = 'contiguous' | 'transposed' | 'sliced' | 'reversed' | 'strided';
export const viewKinds: ViewKind[] = ['contiguous', 'transposed', 'sliced', 'reversed', 'strided'];
export const viewKindArb = fc.constantFrom(...viewKinds);

/**
 * A view holding M's values in another layout: column-major through a transpose, a window
 * of a larger buffer at an offset, both axes stepped backwards, or every other element.
 * The padding around it holds a sentinel that would show up in any result that read it.
 */
export function viewOf(M: Matrix, kind: ViewKind): Matrix {
  const [rows, cols] = M.shape;
  const values = toRows(M);
  if (kind === 'contiguous') return copy(M);
  if (kind === 'transposed') return copy(M.transpose(1, 0)).transpose(1, 0);
  if (kind === 'sliced') {
    const big = ndarray(new Float64Array((rows + 3) * (cols + 2)).fill(1e300), [rows + 3, cols + 2]);
    const window = big.hi(rows + 2, cols + 1).lo(2, 1);
    values.forEach((row, i) => row.forEach((v, j) => window.set(i, j, v)));
    return window as Matrix;
  }
  if (kind === 'reversed') {
    const R = ndarray(new Float64Array(rows * cols), [rows, cols]);
    values.forEach((row, i) => row.forEach((v, j) => R.set(rows - 1 - i, cols - 1 - j, v)));
    return R.step(-1, -1) as Matrix;
  }
  const S = ndarray(new Float64Array(4 * rows * cols + 1).fill(-1e300), [2 * rows, 2 * cols]);
  const every = S.step(2, 2);
  values.forEach((row, i) => row.forEach((v, j) => every.set(i, j, v)));
  return every as Matrix;
}

/** Parameters with every matrix replaced by a view of the given kind. */
export function parametersAs(parameters: Parameters, kind: ViewKind): Parameters {
  return Object.fromEntries(Object.entries(parameters).map(([k, v]) => [k, viewOf(v as Matrix, kind)])) as Parameters;
}

function isMatrixLike(v: unknown): v is { shape: number[]; stride: number[]; offset: number; data: ArrayLike<number> } {
  return typeof v === 'object' && v !== null && 'shape' in v && 'data' in v && 'stride' in v;
}

/**
 * A deep, comparable copy of any argument: matrices become their layout and whole buffer,
 * arrays and plain objects are walked, functions are named.
 */
export function snapshot(v: unknown): unknown {
  if (isMatrixLike(v)) {
    return { shape: [...v.shape], stride: [...v.stride], offset: v.offset, data: Array.from(v.data, String) };
  }
  if (Array.isArray(v)) return v.map(snapshot);
  if (typeof v === 'function') return `function ${v.name}`;
  if (typeof v === 'number') return String(v);
  if (typeof v === 'object' && v !== null) {
    return Object.fromEntries(Object.keys(v).map((k) => [k, snapshot((v as Record<string, unknown>)[k])]));
  }
  return v;
}

/** A matrix from nested rows, a thin alias so tests read as data. */
export const M = fromRows;
