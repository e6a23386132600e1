// Column broadcasts and row reductions that the linear step needs, over any strides.
import ndarray from 'ndarray';
import ops from 'ndarray-ops';
import type { Matrix } from '../matrix.js';

/** Z += b for every column of Z, where b is (n, 1): a stride-0 view repeats b's column. */
export function addColumnInPlace(Z: Matrix, b: Matrix): void {
  const repeated = ndarray(b.data, [Z.shape[0], Z.shape[1]], [b.stride[0], 0], b.offset);
  ops.addeq(Z, repeated);
}

/** (scale * sum of each row of M) as an (n, 1) column. */
export function scaledRowSums(M: Matrix, scale: number): Matrix {
  const n = M.shape[0];
  const out = ndarray(new Float64Array(n), [n, 1]);
  for (let i = 0; i < n; i++) out.data[i] = scale * ops.sum(M.pick(i, null));
  return out;
}
