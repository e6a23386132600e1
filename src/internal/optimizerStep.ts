// In-place parameter updates of the trainer: gradient descent, momentum and Adam with the
// course's formulas. A step is written into the gradient buffer first and applied only
// if every updated weight stays finite, so a diverging step leaves the weights intact.
import type { FloatBuffer as FloatArray } from './kernels/gemm.js';
import type { Network } from './network.js';

/**
 * The optimizers the trainer offers. Inlined where it is used in the public docs.
 * @inline
 */
export type OptimizerName = 'gd' | 'momentum' | 'adam';

export interface OptimizerSettings {
  optimizer: OptimizerName;
  beta: number;
  beta1: number;
  beta2: number;
  epsilon: number;
}

/** One trainable array, its gradient buffer and the optimizer's moments for it. */
interface Slot {
  P: FloatArray;
  G: FloatArray;
  v: Float64Array;
  s: Float64Array;
}

export class OptimizerState {
  private readonly slots: Slot[] = [];
  /** Adam's step counter t, starting at 1 on the first update. */
  private t = 0;

  constructor(net: Network, private readonly settings: OptimizerSettings) {
    const moments = settings.optimizer === 'gd' ? 0 : settings.optimizer === 'momentum' ? 1 : 2;
    const none = new Float64Array(0);
    for (let l = 1; l <= net.L; l++) {
      for (const [P, G] of [[net.W[l], net.dW[l]], [net.b[l], net.db[l]]]) {
        const v = moments >= 1 ? new Float64Array(G.length) : none;
        const s = moments >= 2 ? new Float64Array(G.length) : none;
        this.slots.push({ P, G, v, s });
      }
    }
  }

  /**
   * Applies one update with `learningRate`; returns false (and changes no weight) if it would
   * not be finite. The updated weights are written into the gradient buffers first (rounded to
   * the dtype twice, as step then weight, like P -= step), then copied over the weights.
   */
  step(learningRate: number): boolean {
    const { settings, slots } = this;
    this.t++;
    let finite = true;
    for (const { P, G, v, s } of slots) {
      if (settings.optimizer === 'gd') finite = gdStep(P, G, learningRate) && finite;
      else if (settings.optimizer === 'momentum') finite = momentumStep(P, G, v, learningRate, settings.beta) && finite;
      else finite = adamStep(P, G, v, s, learningRate, settings, this.t) && finite;
    }
    if (!finite) return false;
    for (const { P, G } of slots) P.set(G);
    return true;
  }
}

// Each step writes P - step into G and reports whether all of it is finite: x - x is 0 for
// finite x and NaN for an infinity or NaN, so one sum checks a whole array without branches.

function gdStep(P: FloatArray, G: FloatArray, lr: number): boolean {
  let check = 0;
  for (let k = 0; k < G.length; k++) {
    G[k] = lr * G[k];
    const w = (G[k] = P[k] - G[k]);
    check += w - w;
  }
  return check === 0;
}

function momentumStep(P: FloatArray, G: FloatArray, v: Float64Array, lr: number, beta: number): boolean {
  let check = 0;
  for (let k = 0; k < G.length; k++) {
    v[k] = beta * v[k] + (1 - beta) * G[k];
    G[k] = lr * v[k];
    const w = (G[k] = P[k] - G[k]);
    check += w - w;
  }
  return check === 0;
}

function adamStep(
  P: FloatArray, G: FloatArray, v: Float64Array, s: Float64Array, lr: number,
  settings: OptimizerSettings, t: number,
): boolean {
  const { beta1, beta2, epsilon } = settings;
  const c1 = 1 - beta1 ** t;
  const c2 = 1 - beta2 ** t;
  let check = 0;
  for (let k = 0; k < G.length; k++) {
    const g = G[k];
    v[k] = beta1 * v[k] + (1 - beta1) * g;
    s[k] = beta2 * s[k] + (1 - beta2) * g * g;
    G[k] = (lr * (v[k] / c1)) / (Math.sqrt(s[k] / c2) + epsilon);
    const w = (G[k] = P[k] - G[k]);
    check += w - w;
  }
  return check === 0;
}
