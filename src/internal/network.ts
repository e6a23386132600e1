// The trainer's working copy of an L-layer network: buffers allocated once and reused every
// iteration, fused elementwise loops, and a backward pass that skips dA0 (the gradient with
// respect to X, which training never needs).
//
// Legend: L layers with weights; n[l] units of layer l (n[0] = n_x); m training examples;
// mb examples in the current batch. Every (rows, cols) buffer is row-major, row stride cols.
//
// The first layer has two forms that give the same numbers up to rounding:
// - primal: W1 is stored and Z1 = W1 X_b + b1, costing 2 n1 n_x mb flops per product;
// - dual: with gradient descent or momentum every change of W1 is a combination of the
//   training columns, dW1 = G X^T, so W1 = s W1_0 + C X^T with C (n1, m) and a scalar s
//   (L2 decay shrinks W1_0 too). Then W1 X_b = s P0_b + C K_b with P0 = W1_0 X and the Gram
//   matrix K = X^T X computed once: 2 n1 m mb flops per product instead, far fewer when
//   m << n_x. C and s live together in one buffer (s last), so the optimizers update them
//   with the same element-wise formulas they apply to W1.
import ndarray from 'ndarray';
import type { Matrix } from '../matrix.js';
import type { Parameters } from '../parameters.js';
import type { Rng } from '../random.js';
import { DnnLiteError } from '../errors.js';
import {
  type FloatBuffer as FloatArray, gemm, gemmPackedB, packB, type PackedB, releasePackedB,
} from './kernels/gemm.js';
import { gemmBackend } from './kernels/settings.js';
import { release, residentArray } from './kernels/wasm.js';

/**
 * Arithmetic of training. Inlined where it is used in the public docs.
 * @inline
 */
export type Dtype = 'float64' | 'float32';
/**
 * How the first layer is computed. Inlined where it is used in the public docs.
 * @inline
 */
export type FirstLayerForm = 'primal' | 'dual';

export interface Regularization {
  /** L2 strength lambda; 0 for none. */
  lambd: number;
  /** Probability of keeping a hidden unit under inverted dropout; 1 for none. */
  keepProb: number;
}

export interface NetworkConfig {
  dtype: Dtype;
  firstLayer: FirstLayerForm;
  /** Examples per training batch; below m, batches are gathered into reused buffers. */
  batchSize: number;
  /** Most examples one forward pass must hold: the batch or a larger validation set. */
  maxBatch: number;
}

/** Inputs of a forward pass prepared once, for data evaluated repeatedly (validation). */
export interface PreparedInput {
  mb: number;
  /** primal: X (n_x, mb); dual: P0 = W1_0 X (n1, mb) and K = X_train^T X (m, mb). */
  X?: FloatArray;
  P0?: FloatArray;
  K?: FloatArray;
  Y: Float64Array;
}

/**
 * Frees a network's kernel-memory blocks once the network is unreachable, if
 * {@link Network.dispose} did not free them first. Garbage collection alone is not enough:
 * kernel memory lies outside the JavaScript heap, so a loop of trainings (cross-validation,
 * ensembles) can exhaust its 4 GiB before a collection notices any pressure.
 */
const residentBlocks = new FinalizationRegistry<number[]>((blocks) => {
  for (const at of blocks) release(at);
});
const packedOperands = new FinalizationRegistry<PackedB>((packed) => releasePackedB(packed));

/**
 * An allocator of the network's buffers. With the SIMD kernels they live in kernel memory, so
 * no product copies its operands in or out; a network too large for it gets ordinary arrays.
 */
function bufferAllocator(owner: object, dtype: Dtype, blocks: number[]): (n: number) => FloatArray {
  const Kind = dtype === 'float32' ? Float32Array : Float64Array;
  if (gemmBackend() !== 'wasm-simd') return (n) => new Kind(n);
  residentBlocks.register(owner, blocks, owner);
  return (n) => {
    try {
      const array = residentArray(Kind.BYTES_PER_ELEMENT as 8 | 4, n);
      blocks.push(array.byteOffset);
      return array;
    } catch {
      return new Kind(n);
    }
  };
}

/** log(1 + exp(t)) without overflow for large t or loss of precision for very negative t. */
function softplus(t: number): number {
  return t > 0 ? t + Math.log1p(Math.exp(-t)) : Math.log1p(Math.exp(t));
}

export class Network {
  readonly dims: number[];
  readonly L: number;
  /** Trainable state per layer, index 0 unused: W[1] is C with s appended in the dual form. */
  readonly W: FloatArray[] = [];
  readonly b: FloatArray[] = [];
  readonly dW: FloatArray[] = [];
  readonly db: FloatArray[] = [];
  private readonly Z: FloatArray[] = [];
  private readonly A: FloatArray[] = [];
  private readonly dZ: FloatArray[] = [];
  private readonly dA: FloatArray[] = [];
  private readonly mask: FloatArray[] = [];
  private readonly alloc: (n: number) => FloatArray;
  /** Addresses of the kernel-memory blocks the buffers live in. */
  private readonly blocks: number[] = [];
  private readonly packed: PackedB[] = [];
  private disposed = false;
  private readonly m: number;
  /** Training inputs (n_x, m) in the network's dtype. */
  private readonly X: FloatArray;
  private readonly Y: Float64Array;
  /** Dual form only: W1_0 (n1, n_x), P0 = W1_0 X (n1, m), K = X^T X (m, m). */
  private readonly W10?: FloatArray;
  private readonly P0?: FloatArray;
  private readonly K?: FloatArray;
  /** K packed once in the kernel's layout (SIMD kernels only): C K is the costliest product. */
  private readonly packedK: PackedB | null = null;
  /**
   * Primal form, full batch, SIMD kernels: X and X^T packed once, so the two big products
   * of every iteration (W1 X and dZ1 X^T) stop repacking 23 MB of inputs each time.
   */
  private readonly packedX: PackedB | null = null;
  private readonly packedXT: PackedB | null = null;
  /** The current batch: its columns of the training set (null for all), inputs and labels. */
  private batch: PreparedInput;
  private batchColumns: { order: number[]; start: number } | null = null;
  /** Reused buffers that mini-batches are gathered into, and scratch for the L2 term. */
  private readonly gathered: { X?: FloatArray; P0?: FloatArray; K?: FloatArray; Y: Float64Array };
  private CK?: FloatArray;
  /**
   * Dual form, full batch: <C K, C> as the last forward pass found it, so that the L2 term
   * of the same parameters needs no second C K product; null once the parameters may change.
   */
  private forwardQuad: number | null = null;
  /** Dual form: ||W1_0||^2, which never changes, for the L2 term. */
  private w10Squared: number | null = null;

  constructor(parameters: Parameters, X: Matrix, Y: Matrix, readonly config: NetworkConfig) {
    this.alloc = bufferAllocator(this, config.dtype, this.blocks);
    this.L = Object.keys(parameters).length / 2;
    this.dims = [parameters.W1.shape[1]];
    for (let l = 1; l <= this.L; l++) this.dims.push(parameters[`W${l}`].shape[0]);
    this.m = X.shape[1];
    this.X = toRowMajor(X, this.alloc);
    this.Y = toRowMajor(Y, (n) => new Float64Array(n)) as Float64Array;
    const { maxBatch } = config;

    for (let l = 1; l <= this.L; l++) {
      const rows = this.dims[l];
      this.b[l] = toRowMajor(parameters[`b${l}`], this.alloc);
      this.db[l] = this.alloc(rows);
      this.Z[l] = this.alloc(rows * maxBatch);
      this.A[l] = this.alloc(rows * maxBatch);
      this.dZ[l] = this.alloc(rows * maxBatch);
      this.dA[l] = this.alloc(rows * maxBatch);
      this.mask[l] = this.alloc(rows * maxBatch);
      if (l > 1 || config.firstLayer === 'primal') {
        this.W[l] = toRowMajor(parameters[`W${l}`], this.alloc);
        this.dW[l] = this.alloc(this.W[l].length);
      }
    }
    if (config.firstLayer === 'dual') {
      const [n1, nx, m] = [this.dims[1], this.dims[0], this.m];
      this.W10 = toRowMajor(parameters.W1, this.alloc);
      this.P0 = this.alloc(n1 * m);
      gemm(false, false, n1, m, nx, 1, this.W10, nx, this.X, m, 0, this.P0, m); // (n1, m)
      this.K = this.alloc(m * m);
      gramMatrix(this.X, nx, m, this.K); // (m, m)
      this.packedK = packB(false, m, m, this.K, m);
      this.keepPacked(this.packedK);
      this.W[1] = this.alloc(n1 * m + 1);
      this.W[1][n1 * m] = 1; // s
      this.dW[1] = this.alloc(n1 * m + 1);
    }
    if (config.firstLayer === 'primal' && config.batchSize >= this.m) {
      const [nx, m] = [this.dims[0], this.m];
      this.packedX = packB(false, nx, m, this.X, m);
      this.packedXT = this.packedX && packB(true, m, nx, this.X, m);
      this.keepPacked(this.packedX);
      this.keepPacked(this.packedXT);
    }
    this.batch = { mb: 0, Y: this.Y };
    const [nx, n1, m] = [this.dims[0], this.dims[1], this.m];
    const bs = config.batchSize;
    this.gathered = bs >= m ? { Y: this.Y } : config.firstLayer === 'primal'
      ? { X: this.alloc(nx * bs), Y: new Float64Array(bs) }
      : { P0: this.alloc(n1 * bs), K: this.alloc(m * bs), Y: new Float64Array(bs) };
  }

  private keepPacked(packed: PackedB | null): void {
    if (packed === null) return;
    this.packed.push(packed);
    packedOperands.register(this, packed, this);
  }

  /**
   * Frees the kernel memory now. The network is unusable afterwards: any later use throws,
   * naming `fn`, instead of reading memory that another network may own.
   */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    residentBlocks.unregister(this);
    packedOperands.unregister(this);
    for (const at of this.blocks.splice(0)) release(at);
    for (const packed of this.packed.splice(0)) releasePackedB(packed);
  }

  private assertLive(): void {
    if (this.disposed) {
      throw new DnnLiteError('LLayerModel', 'parameters() of a callback argument was called after training ' +
        'ended; call it inside the callback, where it copies the parameters of that moment');
    }
  }

  /** The examples the next forward pass trains on: columns order[start .. start + mb), or all. */
  selectBatch(order: number[] | null, start: number, mb: number): void {
    if (order === null) {
      this.batchColumns = null;
      this.batch = { mb, X: this.X, P0: this.P0, K: this.K, Y: this.Y };
      return;
    }
    this.batchColumns = { order, start };
    const g = this.gathered;
    for (let j = 0; j < mb; j++) g.Y[j] = this.Y[order[start + j]];
    if (g.X) gatherColumns(this.X, this.dims[0], this.m, order, start, mb, g.X);
    if (g.P0) gatherColumns(this.P0!, this.dims[1], this.m, order, start, mb, g.P0);
    if (g.K) gatherColumns(this.K!, this.m, this.m, order, start, mb, g.K);
    this.batch = { mb, X: g.X, P0: g.P0, K: g.K, Y: g.Y };
  }

  /** Prepares other data (validation) for repeated {@link evaluate} calls. */
  prepare(X: Matrix, Y: Matrix): PreparedInput {
    const mb = X.shape[1];
    const Xr = toRowMajor(X, this.alloc);
    const Yr = toRowMajor(Y, (n) => new Float64Array(n)) as Float64Array;
    if (this.config.firstLayer === 'primal') return { mb, X: Xr, Y: Yr };
    const [n1, nx, m] = [this.dims[1], this.dims[0], this.m];
    const P0 = this.alloc(n1 * mb);
    gemm(false, false, n1, mb, nx, 1, this.W10!, nx, Xr, mb, 0, P0, mb); // (n1, mb)
    const K = this.alloc(m * mb);
    gemm(true, false, m, mb, nx, 1, this.X, m, Xr, mb, 0, K, mb); // (m, mb)
    return { mb, P0, K, Y: Yr };
  }

  /** Mean cost and accuracy of the current parameters on prepared data (no dropout). */
  evaluate(input: PreparedInput): { cost: number; accuracy: number } {
    const saved = this.batch;
    this.batch = input;
    const sum = this.forward(1);
    const AL = this.A[this.L];
    let right = 0;
    for (let j = 0; j < input.mb; j++) if ((AL[j] > 0.5 ? 1 : 0) === input.Y[j]) right++;
    this.batch = saved;
    return { cost: sum / input.mb, accuracy: right / input.mb };
  }

  /**
   * Forward pass on the current batch. Returns the summed (not averaged) cross-entropy,
   * computed from Z[L] so it stays finite when the sigmoid saturates:
   * -log sigmoid(z) = softplus(-z) and -log(1 - sigmoid(z)) = softplus(z).
   * With keepProb < 1, hidden activations are masked by inverted dropout drawn from rng.
   */
  forward(keepProb: number, dropoutRng?: Rng): number {
    const { mb, Y } = this.batch;
    this.forwardQuad = null;
    for (let l = 1; l <= this.L; l++) {
      const n = this.dims[l], Z = this.Z[l], A = this.A[l], b = this.b[l];
      this.linear(l, mb);
      const last = l === this.L;
      if (last) sigmoidBias(Z, b, A, n, mb);
      else reluBias(Z, b, A, n, mb);
      if (!last && dropoutRng && keepProb < 1) this.dropout(l, n * mb, keepProb, dropoutRng);
    }
    const ZL = this.Z[this.L];
    let sum = 0;
    for (let j = 0; j < mb; j++) sum += Y[j] === 1 ? softplus(-ZL[j]) : softplus(ZL[j]);
    return sum;
  }

  /** Z[l] = W[l] A[l-1] without the bias, in the layer's form. */
  private linear(l: number, mb: number): void {
    const n = this.dims[l], nPrev = this.dims[l - 1], Z = this.Z[l];
    if (l > 1) {
      gemm(false, false, n, mb, nPrev, 1, this.W[l], nPrev, this.A[l - 1], mb, 0, Z, mb); // (n[l], mb)
    } else if (this.config.firstLayer === 'primal') {
      if (this.batch.X === this.X && this.packedX) {
        gemmPackedB(false, n, 1, this.W[1], nPrev, this.packedX, 0, Z, mb); // (n1, m)
      } else {
        gemm(false, false, n, mb, nPrev, 1, this.W[1], nPrev, this.batch.X!, mb, 0, Z, mb); // (n1, mb)
      }
    } else {
      const { P0, K } = this.batch, m = this.m, Cs = this.W[1], s = Cs[n * m];
      this.productCK(K!, mb, Z); // (n1, mb)
      if (K === this.K) this.forwardQuad = dot(Z, Cs, n * m);
      addScaled(Z, s, P0!, n * mb);
    }
  }

  /** Course order: draw D = rand(n, mb) row by row, keep where D < keepProb, scale by 1/keepProb. */
  private dropout(l: number, size: number, keepProb: number, rng: Rng): void {
    const A = this.A[l], D = this.mask[l];
    for (let k = 0; k < size; k++) {
      D[k] = rng.random() < keepProb ? 1 : 0;
      A[k] = (A[k] * D[k]) / keepProb;
    }
  }

  /** C K_b into out (n1, mb): C (n1, m) times the batch's K_b (m, mb), packed K for all columns. */
  private productCK(K: FloatArray, mb: number, out: FloatArray): void {
    const [n1, m] = [this.dims[1], this.m];
    if (K === this.K && this.packedK) gemmPackedB(false, n1, 1, this.W[1], m, this.packedK, 0, out, mb);
    else gemm(false, false, n1, mb, m, 1, this.W[1], m, K, mb, 0, out, mb);
  }

  /**
   * Sum over all weights of W^2, for the L2 cost term. Called between a forward pass and
   * the update, it takes the dual form's costliest part from that pass.
   */
  squaredWeights(): number {
    let s = 0;
    for (let l = this.config.firstLayer === 'dual' ? 2 : 1; l <= this.L; l++) s += dot(this.W[l], this.W[l], this.W[l].length);
    if (this.config.firstLayer === 'dual') {
      // ||s W1_0 + C X^T||^2 = s^2 ||W1_0||^2 + 2 s <P0, C> + <C K, C>, all without n_x-sized work.
      const [n1, m] = [this.dims[1], this.m];
      const Cs = this.W[1], sc = Cs[n1 * m];
      let quad = this.forwardQuad;
      if (quad === null) {
        const CK = (this.CK ??= this.alloc(n1 * m));
        this.productCK(this.K!, m, CK);
        quad = dot(CK, Cs, n1 * m);
      }
      const w0 = (this.w10Squared ??= dot(this.W10!, this.W10!, this.W10!.length));
      s += sc * sc * w0 + 2 * sc * dot(this.P0!, Cs, n1 * m) + quad;
    }
    return s;
  }

  /**
   * Gradients of the averaged cost into dW and db, starting from dZ[L] = AL - Y (the exact
   * derivative of the cross-entropy through the sigmoid, finite when AL is 0 or 1).
   */
  backward(reg: Regularization): void {
    // The update that follows changes the parameters the forward pass's <C K, C> was of.
    this.forwardQuad = null;
    const { L } = this;
    const { mb, Y } = this.batch;
    const dZL = this.dZ[L], AL = this.A[L];
    for (let j = 0; j < mb; j++) dZL[j] = AL[j] - Y[j];
    const inv = 1 / mb;
    const decay = reg.lambd / mb;

    for (let l = L; l >= 1; l--) {
      const n = this.dims[l], nPrev = this.dims[l - 1];
      const dz = this.dZ[l];
      rowMeans(dz, this.db[l], n, mb, inv);
      if (l === 1 && this.config.firstLayer === 'dual') {
        this.dualGradient(inv, decay);
        break;
      }
      const dW = this.dW[l], W = this.W[l];
      const Aprev = l === 1 ? this.batch.X! : this.A[l - 1];
      if (Aprev === this.X && this.packedXT) {
        gemmPackedB(false, n, 1, dz, mb, this.packedXT, 0, dW, nPrev); // dZ1 X^T: (n1, n_x)
      } else {
        gemm(false, true, n, nPrev, mb, 1, dz, mb, Aprev, mb, 0, dW, nPrev); // dZ A^T: (n[l], n[l-1])
      }
      scaleAddScaled(dW, inv, W, decay, dW.length);
      if (l === 1) break;

      const dA = this.dA[l - 1];
      gemm(true, false, nPrev, mb, n, 1, W, nPrev, dz, mb, 0, dA, mb); // W^T dZ: (n[l-1], mb)
      const dZprev = this.dZ[l - 1], Zprev = this.Z[l - 1], D = this.mask[l - 1];
      if (reg.keepProb < 1) {
        for (let k = 0, size = nPrev * mb; k < size; k++) {
          const g = (dA[k] * D[k]) / reg.keepProb;
          dZprev[k] = Zprev[k] > 0 ? g : 0;
        }
      } else {
        reluBackward(dA, Zprev, dZprev, nPrev * mb);
      }
    }
  }

  /** dW1 = G X^T + g W1_0 in the dual form: G = dZ1 / mb on the batch's columns plus L2 decay. */
  private dualGradient(inv: number, decay: number): void {
    const [n1, m] = [this.dims[1], this.m];
    const { mb } = this.batch;
    const Cs = this.W[1], Gs = this.dW[1], dz = this.dZ[1];
    const cols = this.batchColumns;
    if (cols === null && decay === 0) {
      // Full batch, no decay: G = dZ1 / m and the s slot 0, in one pass.
      for (let k = 0; k < n1 * m; k++) Gs[k] = inv * dz[k];
      Gs[n1 * m] = 0;
      return;
    }
    for (let k = 0; k <= n1 * m; k++) Gs[k] = decay * Cs[k];
    for (let i = 0; i < n1; i++) {
      for (let j = 0; j < mb; j++) Gs[i * m + (cols ? cols.order[cols.start + j] : j)] += inv * dz[i * mb + j];
    }
  }

  /** A copy of the trainable state that can be turned into parameters later. */
  snapshot(): () => Parameters {
    const W = this.W.map((w) => w?.slice());
    const b = this.b.map((v) => v?.slice());
    return () => this.materialise(W, b);
  }

  /** The current weights as a fresh float64 parameter dictionary. */
  parameters(): Parameters {
    return this.materialise(this.W, this.b);
  }

  private materialise(W: FloatArray[], b: FloatArray[]): Parameters {
    this.assertLive();
    const out: Record<string, Matrix> = {};
    for (let l = 1; l <= this.L; l++) {
      const [rows, cols] = [this.dims[l], this.dims[l - 1]];
      let Wl: FloatArray = W[l];
      if (l === 1 && this.config.firstLayer === 'dual') {
        // W1 = s W1_0 + C X^T, (n1, n_x).
        const m = this.m, s = Wl[rows * m];
        const W1 = Wl instanceof Float32Array ? new Float32Array(rows * cols) : new Float64Array(rows * cols);
        gemm(false, true, rows, cols, m, 1, Wl, m, this.X, m, 0, W1, cols);
        for (let k = 0; k < W1.length; k++) W1[k] += s * this.W10![k];
        Wl = W1;
      }
      out[`W${l}`] = ndarray(Float64Array.from(Wl.subarray(0, rows * cols)), [rows, cols]);
      out[`b${l}`] = ndarray(Float64Array.from(b[l]), [rows, 1]);
    }
    return out as Parameters;
  }
}

// The per-layer loops, kept as small monomorphic-shaped functions so each stays one tight
// loop the engine optimises on its own.

/** Z += b (per row) in place, then A = relu(Z); (n, mb). */
function reluBias(Z: FloatArray, b: FloatArray, A: FloatArray, n: number, mb: number): void {
  for (let i = 0; i < n; i++) {
    const bi = b[i];
    for (let k = i * mb, end = k + mb; k < end; k++) {
      const z = Z[k] + bi;
      Z[k] = z;
      A[k] = z > 0 ? z : 0;
    }
  }
}

/** Z += b (per row) in place, then A = sigmoid(Z); (n, mb). */
function sigmoidBias(Z: FloatArray, b: FloatArray, A: FloatArray, n: number, mb: number): void {
  for (let i = 0; i < n; i++) {
    const bi = b[i];
    for (let k = i * mb, end = k + mb; k < end; k++) {
      const z = Z[k] + bi;
      Z[k] = z;
      A[k] = 1 / (1 + Math.exp(-z));
    }
  }
}

/** Z[k] += s P[k] for k < size. */
function addScaled(Z: FloatArray, s: number, P: FloatArray, size: number): void {
  for (let k = 0; k < size; k++) Z[k] += s * P[k];
}

/** out[i] = scale * (sum of row i of D), D (n, mb). */
/** Sum of a[k] b[k] over the first `size` entries, in index order. */
function dot(a: FloatArray, b: FloatArray, size: number): number {
  let sum = 0;
  for (let k = 0; k < size; k++) sum += a[k] * b[k];
  return sum;
}

function rowMeans(D: FloatArray, out: FloatArray, n: number, mb: number, scale: number): void {
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let k = i * mb, end = k + mb; k < end; k++) s += D[k];
    out[i] = scale * s;
  }
}

/** G = g G + d W elementwise; d = 0 leaves out the W term (it would add only zeros). */
function scaleAddScaled(G: FloatArray, g: number, W: FloatArray, d: number, size: number): void {
  if (d === 0) {
    for (let k = 0; k < size; k++) G[k] = g * G[k];
  } else {
    for (let k = 0; k < size; k++) G[k] = g * G[k] + d * W[k];
  }
}

/** dZ = dA where Z > 0, else 0. */
function reluBackward(dA: FloatArray, Z: FloatArray, dZ: FloatArray, size: number): void {
  for (let k = 0; k < size; k++) dZ[k] = Z[k] > 0 ? dA[k] : 0;
}

/**
 * K = X^T X for X (n_x, m), computed as a symmetric matrix: row blocks of K are formed only
 * from their diagonal block rightwards, and the rest is mirrored. Each entry is the same dot
 * product, summed in the same order, as in the full product, at 10/16 of its flops.
 */
function gramMatrix(X: FloatArray, nx: number, m: number, K: FloatArray): void {
  const blocks = Math.max(1, Math.min(4, Math.floor(m / 32)));
  for (let t = 0; t < blocks; t++) {
    // Rows i0..i1 of K, columns i0..m: X[:, i0..i1]^T X[:, i0..m].
    const i0 = Math.round((m * t) / blocks), i1 = Math.round((m * (t + 1)) / blocks);
    gemm(true, false, i1 - i0, m - i0, nx, 1, X.subarray(i0), m, X.subarray(i0), m, 0,
      K.subarray(i0 * m + i0), m);
  }
  for (let i = 1; i < m; i++) {
    for (let j = 0; j < i; j++) K[i * m + j] = K[j * m + i];
  }
}

function toRowMajor(M: Matrix, alloc: (n: number) => FloatArray): FloatArray {
  const [rows, cols] = M.shape;
  const out = alloc(rows * cols);
  if (M.stride[1] === 1 && M.stride[0] === cols) {
    // Contiguous rows: one copy, converting to the dtype on the way.
    out.set(M.data.subarray(M.offset, M.offset + rows * cols));
    return out;
  }
  for (let i = 0; i < rows; i++) {
    let p = M.offset + i * M.stride[0];
    for (let j = 0; j < cols; j++, p += M.stride[1]) out[i * cols + j] = M.data[p];
  }
  return out;
}

/** Columns order[start .. start + mb) of a (rows, m) row-major buffer into out, (rows, mb). */
function gatherColumns(
  S: FloatArray, rows: number, m: number, order: number[], start: number, mb: number, out: FloatArray,
): void {
  for (let i = 0; i < rows; i++) {
    const src = i * m, dst = i * mb;
    for (let j = 0; j < mb; j++) out[dst + j] = S[src + order[start + j]];
  }
}
