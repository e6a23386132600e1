// The trainer's working copy of an L-layer network: contiguous row-major buffers that are
// allocated once and reused every iteration, fused elementwise loops, and a backward pass
// that skips dA0 (the gradient with respect to X, which training never needs).
//
// Legend: L layers with weights; n[l] units of layer l (n[0] = n_x); mb = examples in the
// current batch. Every (rows, cols) buffer is row-major with row stride cols.
import ndarray from 'ndarray';
import type { Matrix } from '../matrix.js';
import type { Parameters } from '../parameters.js';
import type { Rng } from '../random.js';
import { matmulInto } from './gemm.js';

function view(data: Float64Array, rows: number, cols: number): Matrix {
  return ndarray(data.subarray(0, rows * cols), [rows, cols]);
}

/** log(1 + exp(t)) without overflow for large t or loss of precision for very negative t. */
function softplus(t: number): number {
  return t > 0 ? t + Math.log1p(Math.exp(-t)) : Math.log1p(Math.exp(t));
}

export interface Regularization {
  /** L2 strength lambda; 0 for none. */
  lambd: number;
  /** Probability of keeping a hidden unit under inverted dropout; 1 for none. */
  keepProb: number;
}

export class Network {
  readonly dims: number[];
  readonly L: number;
  /** W[l] (n[l], n[l-1]) and b[l] (n[l]) for l = 1..L; index 0 unused. */
  readonly W: Float64Array[] = [];
  readonly b: Float64Array[] = [];
  readonly dW: Float64Array[] = [];
  readonly db: Float64Array[] = [];
  /** Z[l], A[l], dZ[l], dropout masks, sized for the largest batch. */
  private readonly Z: Float64Array[] = [];
  private readonly A: Float64Array[] = [];
  private readonly dZ: Float64Array[] = [];
  private readonly dA: Float64Array[] = [];
  private readonly mask: Float64Array[] = [];
  private X: Float64Array = new Float64Array(0);
  private mb = 0;

  constructor(parameters: Parameters, maxBatch: number) {
    this.L = Object.keys(parameters).length / 2;
    this.dims = [parameters.W1.shape[1]];
    for (let l = 1; l <= this.L; l++) {
      const W = parameters[`W${l}`];
      const [rows, cols] = W.shape;
      this.dims.push(rows);
      this.W[l] = copyRowMajor(W);
      this.b[l] = copyRowMajor(parameters[`b${l}`]);
      this.dW[l] = new Float64Array(rows * cols);
      this.db[l] = new Float64Array(rows);
      this.Z[l] = new Float64Array(rows * maxBatch);
      this.A[l] = new Float64Array(rows * maxBatch);
      this.dZ[l] = new Float64Array(rows * maxBatch);
      this.dA[l] = new Float64Array(rows * maxBatch);
      this.mask[l] = new Float64Array(rows * maxBatch);
    }
  }

  /** The current weights as a fresh parameter dictionary (copies, safe to keep). */
  parameters(): Parameters {
    const out: Record<string, Matrix> = {};
    for (let l = 1; l <= this.L; l++) {
      out[`W${l}`] = ndarray(this.W[l].slice(), [this.dims[l], this.dims[l - 1]]);
      out[`b${l}`] = ndarray(this.b[l].slice(), [this.dims[l], 1]);
    }
    return out as Parameters;
  }

  /** Overwrites the weights with those of `parameters` (same shapes). */
  load(parameters: Parameters): void {
    for (let l = 1; l <= this.L; l++) {
      this.W[l].set(copyRowMajor(parameters[`W${l}`]));
      this.b[l].set(copyRowMajor(parameters[`b${l}`]));
    }
  }

  /**
   * Forward pass on a batch X (n[0], mb), row-major. Returns the summed (not averaged)
   * cross-entropy over the batch, computed from Z[L] so it stays finite when the sigmoid
   * saturates: -log sigmoid(z) = softplus(-z) and -log(1 - sigmoid(z)) = softplus(z).
   * With `dropoutRng`, hidden activations are masked by inverted dropout.
   */
  forward(X: Float64Array, mb: number, Y: Float64Array | null, keepProb = 1, dropoutRng?: Rng): number {
    this.X = X;
    this.mb = mb;
    let Aprev = view(X, this.dims[0], mb);
    for (let l = 1; l <= this.L; l++) {
      const n = this.dims[l];
      const Z = this.Z[l], A = this.A[l], b = this.b[l];
      matmulInto(view(Z, n, mb), view(this.W[l], n, this.dims[l - 1]), Aprev); // (n[l], mb)
      const last = l === this.L;
      for (let i = 0; i < n; i++) {
        const bi = b[i];
        for (let k = i * mb, end = k + mb; k < end; k++) {
          const z = Z[k] + bi;
          Z[k] = z;
          A[k] = last ? 1 / (1 + Math.exp(-z)) : (z > 0 ? z : 0);
        }
      }
      if (!last && dropoutRng && keepProb < 1) this.dropout(l, n * mb, keepProb, dropoutRng);
      Aprev = view(A, n, mb);
    }
    if (!Y) return NaN;
    const ZL = this.Z[this.L];
    let sum = 0;
    for (let j = 0; j < mb; j++) sum += Y[j] === 1 ? softplus(-ZL[j]) : softplus(ZL[j]);
    return sum;
  }

  /** Course order: draw D = rand(n, mb) row by row, keep where D < keepProb, scale by 1/keepProb. */
  private dropout(l: number, size: number, keepProb: number, rng: Rng): void {
    const A = this.A[l], D = this.mask[l];
    for (let k = 0; k < size; k++) {
      D[k] = rng.random() < keepProb ? 1 : 0;
      A[k] = (A[k] * D[k]) / keepProb;
    }
  }

  /** The output probabilities of the last forward pass, (n[L], mb). */
  output(): Float64Array {
    return this.A[this.L].subarray(0, this.dims[this.L] * this.mb);
  }

  /** Sum over all weights of W^2, for the L2 cost term. */
  squaredWeights(): number {
    let s = 0;
    for (let l = 1; l <= this.L; l++) for (const w of this.W[l]) s += w * w;
    return s;
  }

  /**
   * Gradients of the averaged cost into dW and db, starting from dZ[L] = AL - Y (the
   * exact derivative of the cross-entropy through the sigmoid, finite when AL is 0 or 1).
   */
  backward(Y: Float64Array, reg: Regularization): void {
    const { L, mb } = this;
    const dZL = this.dZ[L], AL = this.A[L];
    for (let j = 0; j < mb; j++) dZL[j] = AL[j] - Y[j];

    for (let l = L; l >= 1; l--) {
      const n = this.dims[l], nPrev = this.dims[l - 1];
      const dZ = view(this.dZ[l], n, mb);
      const Aprev = l === 1 ? view(this.X, nPrev, mb) : view(this.A[l - 1], nPrev, mb);
      const dW = this.dW[l], db = this.db[l], W = this.W[l], dz = this.dZ[l];

      matmulInto(view(dW, n, nPrev), dZ, Aprev.transpose(1, 0)); // (n[l], n[l-1])
      const inv = 1 / mb;
      const decay = reg.lambd / mb;
      for (let k = 0; k < dW.length; k++) dW[k] = inv * dW[k] + decay * W[k];
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let k = i * mb, end = k + mb; k < end; k++) s += dz[k];
        db[i] = inv * s;
      }
      if (l === 1) break;

      const dA = this.dA[l - 1];
      matmulInto(view(dA, nPrev, mb), view(W, n, nPrev).transpose(1, 0), dZ); // (n[l-1], mb)
      const dZprev = this.dZ[l - 1], Zprev = this.Z[l - 1], D = this.mask[l - 1];
      const dropping = reg.keepProb < 1;
      for (let k = 0, size = nPrev * mb; k < size; k++) {
        const g = dropping ? (dA[k] * D[k]) / reg.keepProb : dA[k];
        dZprev[k] = Zprev[k] > 0 ? g : 0;
      }
    }
  }
}

function copyRowMajor(M: Matrix): Float64Array {
  const [rows, cols] = M.shape;
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[i * cols + j] = M.get(i, j);
  return out;
}
