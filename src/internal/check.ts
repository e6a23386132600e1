// Input checks shared by every public entry. scijs ndarray reads out of bounds and
// cwise names no shapes, so each public function validates here first and names itself,
// the argument and what must hold in the message.
import { ShapeError, ValueError } from '../errors.js';
import type { Matrix } from '../matrix.js';

/** "[4, 3]" */
export function fmtShape(M: { shape: readonly number[] }): string {
  return `[${M.shape.join(', ')}]`;
}

function fmtValue(v: number): string {
  return Number.isNaN(v) ? 'NaN' : String(v);
}

/**
 * Throws unless `M` is a 2-D float64 ndarray whose every element lies inside its buffer.
 * A view that reaches outside `data` would read neighbouring memory silently.
 */
export function assertMatrix(fn: string, name: string, M: unknown): asserts M is Matrix {
  const A = M as Partial<Matrix> | null;
  if (A === null || typeof A !== 'object' || !Array.isArray(A.shape) || !Array.isArray(A.stride)) {
    throw new ShapeError(fn, `${name} must be a 2-D ndarray, got ${describe(M)}`);
  }
  if (A.shape.length !== 2) {
    throw new ShapeError(fn, `${name} is ${fmtShape(A as Matrix)} with ${A.shape.length} dimension(s); it must be 2-D`);
  }
  if (!(A.data instanceof Float64Array)) {
    const kind = A.data === undefined || A.data === null ? String(A.data) : (A.data as object).constructor?.name;
    throw new ShapeError(fn, `${name} stores ${kind}; it must be backed by a Float64Array`);
  }
  const [rows, cols] = A.shape;
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0) {
    throw new ShapeError(fn, `${name} has shape ${fmtShape(A as Matrix)}; sizes must be non-negative integers`);
  }
  if (rows === 0 || cols === 0) return;
  const [s0, s1] = A.stride;
  const offset = A.offset ?? 0;
  const lo = offset + Math.min(0, s0 * (rows - 1)) + Math.min(0, s1 * (cols - 1));
  const hi = offset + Math.max(0, s0 * (rows - 1)) + Math.max(0, s1 * (cols - 1));
  if (lo < 0 || hi >= A.data.length || !Number.isInteger(lo) || !Number.isInteger(hi)) {
    throw new ShapeError(fn, `${name} is a ${fmtShape(A as Matrix)} view with stride [${s0}, ${s1}] and ` +
      `offset ${offset} that reaches index ${lo < 0 ? lo : hi} of a buffer of ${A.data.length}; ` +
      'every element must lie inside the buffer');
  }
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a plain array';
  if (ArrayBuffer.isView(v)) return `a ${(v as object).constructor.name}`;
  return typeof v;
}

/** Throws unless `M` is a matrix of exactly `rows` x `cols`, explaining `rule`. */
export function assertShape(
  fn: string, name: string, M: Matrix, rows: number | null, cols: number | null, rule: string,
): void {
  if ((rows !== null && M.shape[0] !== rows) || (cols !== null && M.shape[1] !== cols)) {
    const want = `[${rows ?? 'any'}, ${cols ?? 'any'}]`;
    throw new ShapeError(fn, `${name} is ${fmtShape(M)} but must be ${want}; ${rule}`);
  }
}

/** Throws unless A and B have the same shape. */
export function assertSameShape(fn: string, aName: string, A: Matrix, bName: string, B: Matrix): void {
  if (A.shape[0] !== B.shape[0] || A.shape[1] !== B.shape[1]) {
    throw new ShapeError(fn, `${aName} is ${fmtShape(A)} but ${bName} is ${fmtShape(B)}; they must have the same shape`);
  }
}

/** Throws unless the matrix has at least one column (one example). */
export function assertHasExamples(fn: string, name: string, M: Matrix): void {
  if (M.shape[1] === 0) {
    throw new ShapeError(fn, `${name} is ${fmtShape(M)} with no columns; it needs at least one example (m >= 1)`);
  }
}

/** First element (row, col, value) for which `bad` holds, scanning row by row. */
function findFirst(M: Matrix, bad: (v: number) => boolean): [number, number, number] | null {
  const [rows, cols] = M.shape;
  const [s0, s1] = M.stride;
  const d = M.data;
  for (let i = 0; i < rows; i++) {
    let p = M.offset + i * s0;
    for (let j = 0; j < cols; j++, p += s1) {
      const v = d[p];
      if (bad(v)) return [i, j, v];
    }
  }
  return null;
}

const notFinite = (v: number): boolean => !Number.isFinite(v);

/** Throws a ValueError naming the first NaN or infinite element. */
export function assertFinite(fn: string, name: string, M: Matrix): void {
  const hit = findFirst(M, notFinite);
  if (hit) {
    throw new ValueError(fn, `${name}[${hit[0]}, ${hit[1]}] is ${fmtValue(hit[2])}; every value must be finite`);
  }
}

/** Throws unless every element is exactly 0 or 1. */
export function assertLabels(fn: string, name: string, Y: Matrix): void {
  const hit = findFirst(Y, (v) => v !== 0 && v !== 1);
  if (hit) {
    throw new ValueError(fn, `${name}[${hit[0]}, ${hit[1]}] is ${fmtValue(hit[2])}; labels must be 0 or 1`);
  }
}

/** Throws unless every element lies in [lo, hi]. */
export function assertInRange(fn: string, name: string, M: Matrix, lo: number, hi: number, what: string): void {
  const hit = findFirst(M, (v) => !(v >= lo && v <= hi));
  if (hit) {
    throw new ValueError(fn, `${name}[${hit[0]}, ${hit[1]}] is ${fmtValue(hit[2])}; ${what} must lie in [${lo}, ${hi}]`);
  }
}

/** Throws unless `x` is a finite number greater than 0. */
export function assertPositiveNumber(fn: string, name: string, x: unknown): asserts x is number {
  if (typeof x !== 'number' || !Number.isFinite(x) || x <= 0) {
    throw new ValueError(fn, `${name} is ${typeof x === 'number' ? fmtValue(x) : typeof x}; ` +
      'it must be a positive finite number');
  }
}

/** Throws unless `x` is an integer in [min, +inf). */
export function assertInteger(fn: string, name: string, x: unknown, min: number): asserts x is number {
  if (typeof x !== 'number' || !Number.isInteger(x) || x < min) {
    throw new ValueError(fn, `${name} is ${typeof x === 'number' ? fmtValue(x) : typeof x}; ` +
      `it must be an integer >= ${min}`);
  }
}

/** Throws unless `dims` is an array of at least two positive integers. */
export function assertLayerDims(fn: string, name: string, dims: unknown): asserts dims is number[] {
  if (!Array.isArray(dims) || dims.length < 2) {
    throw new ValueError(fn, `${name} is ${Array.isArray(dims) ? `[${dims.join(', ')}]` : typeof dims}; ` +
      'it must list at least two layer sizes (inputs and outputs)');
  }
  dims.forEach((n, l) => {
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) {
      throw new ValueError(fn, `${name}[${l}] is ${String(n)}; layer sizes must be positive integers`);
    }
  });
}
