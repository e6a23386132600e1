// The regularisation pieces composed into whole networks, checked by central differences:
// L2 (computeCostWithRegularization with addL2ToGradients) and inverted dropout under a
// fixed mask (dropoutForward with a re-seeded generator, dropoutBackward).
import { describe, expect, it } from 'vitest';
import { computeCost } from '../../src/cost.js';
import { dropoutBackward, dropoutForward } from '../../src/dropout.js';
import { linearActivationBackward, linearActivationForward, type LinearActivationCache } from '../../src/linearActivation.js';
import { type Matrix, copy, fromRows } from '../../src/matrix.js';
import { LModelBackward, LModelForward } from '../../src/model.js';
import type { Parameters } from '../../src/parameters.js';
import { createRng } from '../../src/random.js';
import { addL2ToGradients, computeCostWithRegularization } from '../../src/regularization.js';
import { randomNetwork } from '../helpers/networks.js';

const RELATIVE_DIFFERENCE = 1e-7;
const EPS = 1e-7;

/** Relative difference between `analytic` and central differences of `cost` over every parameter. */
function check(parameters: Parameters, cost: (p: Parameters) => number, analytic: Record<string, Matrix>): number {
  const probe = Object.fromEntries(Object.entries(parameters).map(([k, v]) => [k, copy(v)])) as Record<string, Matrix>;
  let diff2 = 0, a2 = 0, n2 = 0;
  for (const [key, P] of Object.entries(probe)) {
    for (let i = 0; i < P.shape[0]; i++) {
      for (let j = 0; j < P.shape[1]; j++) {
        const theta = P.get(i, j);
        P.set(i, j, theta + EPS);
        const plus = cost(probe as Parameters);
        P.set(i, j, theta - EPS);
        const minus = cost(probe as Parameters);
        P.set(i, j, theta);
        const numeric = (plus - minus) / (2 * EPS);
        const a = analytic[`d${key}`].get(i, j);
        diff2 += (a - numeric) ** 2;
        a2 += a * a;
        n2 += numeric * numeric;
      }
    }
  }
  return Math.sqrt(diff2) / (Math.sqrt(a2) + Math.sqrt(n2));
}

describe('gradients with regularisation, by central differences', () => {
  const X = createRng(5).randn(4, 7);
  const Y = fromRows([[1, 0, 1, 1, 0, 0, 1]]);
  const dims = [4, 5, 3, 1];

  it('L2: addL2ToGradients is the gradient of computeCostWithRegularization', () => {
    const parameters = randomNetwork(dims, 21);
    const lambd = 0.7;
    const [AL, caches] = LModelForward(X, parameters);
    const grads = addL2ToGradients(LModelBackward(AL, Y, caches), parameters, lambd, 7);
    const cost = (p: Parameters) => computeCostWithRegularization(LModelForward(X, p)[0], Y, p, lambd);
    expect(check(parameters, cost, grads as Record<string, Matrix>)).toBeLessThan(RELATIVE_DIFFERENCE);
  });

  it('dropout: the masked backward pass is the gradient of the masked forward pass', () => {
    const parameters = randomNetwork(dims, 22);
    const keepProb = 0.7;
    // The same seed for every evaluation fixes the masks, as a gradient check requires.
    const forward = (p: Parameters) => {
      const rng = createRng(99);
      const caches: LinearActivationCache[] = [];
      const masks: Matrix[] = [];
      let A = X;
      for (let l = 1; l < dims.length; l++) {
        const last = l === dims.length - 1;
        const [Anext, cache] = linearActivationForward(A, p[`W${l}`], p[`b${l}`], last ? 'sigmoid' : 'relu');
        caches.push(cache);
        if (last) { A = Anext; break; }
        const [dropped, D] = dropoutForward(Anext, keepProb, rng);
        masks.push(D);
        A = dropped;
      }
      return { AL: A, caches, masks };
    };
    const { AL, caches, masks } = forward(parameters);
    const grads: Record<string, Matrix> = {};
    const L = dims.length - 1;
    let dA = fromRows([Array.from({ length: 7 }, (_, j) => {
      const y = Y.get(0, j), a = AL.get(0, j);
      return -(y / a - (1 - y) / (1 - a));
    })]);
    for (let l = L; l >= 1; l--) {
      const [dAprev, dW, db] = linearActivationBackward(dA, caches[l - 1], l === L ? 'sigmoid' : 'relu');
      grads[`dW${l}`] = dW;
      grads[`db${l}`] = db;
      dA = l > 1 ? dropoutBackward(dAprev, masks[l - 2], keepProb) : dAprev;
    }
    const cost = (p: Parameters) => computeCost(forward(p).AL, Y);
    expect(masks.some((D) => D.data.includes(0))).toBe(true);
    expect(check(parameters, cost, grads)).toBeLessThan(RELATIVE_DIFFERENCE);
  });
});
