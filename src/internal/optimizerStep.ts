// In-place parameter updates of the trainer: gradient descent, momentum and Adam with the
// course's formulas. A step is written into the gradient buffer first and applied only
// if every updated weight stays finite, so a diverging step leaves the weights intact.
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

export class OptimizerState {
  private readonly v: Float64Array[] = [];
  private readonly s: Float64Array[] = [];
  /** Adam's step counter t, starting at 1 on the first update. */
  private t = 0;

  constructor(private readonly net: Network, private readonly settings: OptimizerSettings) {
    const moments = settings.optimizer === 'gd' ? 0 : settings.optimizer === 'momentum' ? 1 : 2;
    for (let l = 1; l <= net.L; l++) {
      for (const g of [net.dW[l], net.db[l]]) {
        if (moments >= 1) this.v.push(new Float64Array(g.length));
        if (moments >= 2) this.s.push(new Float64Array(g.length));
      }
    }
  }

  /** Applies one update with `learningRate`; returns false (and changes no weight) if it would not be finite. */
  step(learningRate: number): boolean {
    const { net, settings } = this;
    this.t++;
    const { beta, beta1, beta2, epsilon } = settings;
    const c1 = 1 - beta1 ** this.t;
    const c2 = 1 - beta2 ** this.t;
    let finite = true;
    let slot = 0;
    for (let l = 1; l <= net.L; l++) {
      for (const [P, G] of [[net.W[l], net.dW[l]], [net.b[l], net.db[l]]]) {
        if (settings.optimizer === 'gd') {
          for (let k = 0; k < G.length; k++) {
            G[k] = learningRate * G[k];
            finite &&= Number.isFinite(P[k] - G[k]);
          }
        } else if (settings.optimizer === 'momentum') {
          const v = this.v[slot];
          for (let k = 0; k < G.length; k++) {
            v[k] = beta * v[k] + (1 - beta) * G[k];
            G[k] = learningRate * v[k];
            finite &&= Number.isFinite(P[k] - G[k]);
          }
        } else {
          const v = this.v[slot], s = this.s[slot];
          for (let k = 0; k < G.length; k++) {
            const g = G[k];
            v[k] = beta1 * v[k] + (1 - beta1) * g;
            s[k] = beta2 * s[k] + (1 - beta2) * g * g;
            G[k] = (learningRate * (v[k] / c1)) / (Math.sqrt(s[k] / c2) + epsilon);
            finite &&= Number.isFinite(P[k] - G[k]);
          }
        }
        slot++;
      }
    }
    if (!finite) return false;
    for (let l = 1; l <= net.L; l++) {
      for (const [P, G] of [[net.W[l], net.dW[l]], [net.b[l], net.db[l]]]) {
        for (let k = 0; k < G.length; k++) P[k] -= G[k];
      }
    }
    return true;
  }
}
