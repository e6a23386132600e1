// Property: every public building block gives exactly the same result for transposed,
// sliced, reversed and strided views as for contiguous copies of the same values.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  LLayerModel, LModelBackward, LModelForward, type LinearActivationCache, type Matrix, computeCost, copy,
  gradientCheck, linearActivationBackward, linearActivationForward, linearBackward, linearForward, predict,
  predictProbabilities, relu, reluBackward, sigmoid, sigmoidBackward, toRows, updateParameters,
} from '../../src/index.js';
import { type ViewKind, parametersAs, viewKinds, problemOf, setupArb, viewKindArb, viewOf } from './generators.js';

const NUM_RUNS = 25;
/** One view kind per argument position. */
const kindsArb = fc.array(viewKindArb, { minLength: 8, maxLength: 8 });

/** Values only, so results compare whatever layout they come in. */
function values(v: unknown): unknown {
  if (typeof v === 'object' && v !== null && 'shape' in v && 'stride' in v) return toRows(v as Matrix);
  if (Array.isArray(v)) return v.map(values);
  if (typeof v === 'object' && v !== null) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, values(x)]));
  }
  return v;
}

/** Checks f(views) against f(contiguous copies) for a list of matrix arguments. */
function agrees(args: Matrix[], kinds: ViewKind[], f: (...a: Matrix[]) => unknown): void {
  const expected = values(f(...args.map((A) => viewOf(A, 'contiguous'))));
  const actual = values(f(...args.map((A, i) => viewOf(A, kinds[i]))));
  expect(actual, `views ${kinds.slice(0, args.length).join(', ')}`).toEqual(expected);
}

function viewCache([[A, W, b], Z]: LinearActivationCache, kinds: ViewKind[]): LinearActivationCache {
  return [[viewOf(A, kinds[0]), viewOf(W, kinds[1]), viewOf(b, kinds[2])], viewOf(Z, kinds[3])];
}

describe('views and contiguous copies give equal results', () => {
  it('are built from really strided views holding the same values', () => {
    fc.assert(fc.property(setupArb, (setup) => {
      const { X } = problemOf(setup);
      const [rows, cols] = X.shape;
      const layouts = Object.fromEntries(viewKinds.map((k) => {
        const V = viewOf(X, k);
        expect(toRows(V)).toEqual(toRows(X));
        return [k, [...V.stride, V.offset]];
      }));
      expect(layouts).toEqual({
        contiguous: [cols, 1, 0], transposed: [1, rows, 0], sliced: [cols + 2, 1, 2 * (cols + 2) + 1],
        reversed: [-cols, -1, rows * cols - 1], strided: [4 * cols, 2, 0],
      });
    }), { numRuns: 10 });
  });

  it('for copy, toRows, sigmoid and relu', () => {
    fc.assert(fc.property(setupArb, kindsArb, (setup, kinds) => {
      const { rng } = problemOf(setup);
      const Z = rng.randn(setup.dims[0], setup.m);
      agrees([Z], kinds, (A) => copy(A));
      agrees([Z], kinds, (A) => toRows(A));
      agrees([Z], kinds, (A) => sigmoid(A)[0]);
      agrees([Z], kinds, (A) => relu(A)[0]);
    }), { numRuns: NUM_RUNS });
  });

  it('for sigmoidBackward and reluBackward', () => {
    fc.assert(fc.property(setupArb, kindsArb, (setup, kinds) => {
      const { rng } = problemOf(setup);
      const dA = rng.randn(setup.dims[0], setup.m);
      const Z = rng.randn(setup.dims[0], setup.m);
      agrees([dA, Z], kinds, sigmoidBackward);
      agrees([dA, Z], kinds, reluBackward);
    }), { numRuns: NUM_RUNS });
  });

  it('for linearForward and linearBackward', () => {
    fc.assert(fc.property(setupArb, kindsArb, (setup, kinds) => {
      const { X, parameters, rng } = problemOf(setup);
      const { W1, b1 } = parameters;
      agrees([X, W1, b1], kinds, (A, W, b) => linearForward(A, W, b)[0]);
      const dZ = rng.randn(W1.shape[0], setup.m);
      agrees([dZ, X, W1, b1], kinds, (d, A, W, b) => linearBackward(d, [A, W, b]));
    }), { numRuns: NUM_RUNS });
  });

  it('for linearActivationForward and linearActivationBackward with both activations', () => {
    fc.assert(fc.property(setupArb, kindsArb, fc.constantFrom('relu', 'sigmoid' as const), (setup, kinds, g) => {
      const { X, parameters, rng } = problemOf(setup);
      const { W1, b1 } = parameters;
      agrees([X, W1, b1], kinds, (A, W, b) => linearActivationForward(A, W, b, g)[0]);
      const [, cache] = linearActivationForward(X, W1, b1, g);
      const dA = rng.randn(W1.shape[0], setup.m);
      agrees([dA, X, W1, b1, cache[1]], kinds, (d, A, W, b, Z) => linearActivationBackward(d, [[A, W, b], Z], g));
    }), { numRuns: NUM_RUNS });
  });

  it('for LModelForward, predict and predictProbabilities', () => {
    fc.assert(fc.property(setupArb, kindsArb, (setup, kinds) => {
      const { X, parameters } = problemOf(setup);
      const expected = values(LModelForward(copy(X), parametersAs(parameters, 'contiguous')));
      const viewed = parametersAs(parameters, kinds[1]);
      expect(values(LModelForward(viewOf(X, kinds[0]), viewed))).toEqual(expected);
      expect(values(predictProbabilities(viewOf(X, kinds[0]), viewed))).toEqual(values(predictProbabilities(X, parameters)));
      expect(values(predict(viewOf(X, kinds[0]), viewed))).toEqual(values(predict(X, parameters)));
    }), { numRuns: NUM_RUNS });
  });

  it('for LModelBackward and computeCost', () => {
    fc.assert(fc.property(setupArb, kindsArb, (setup, kinds) => {
      const { X, Y, parameters } = problemOf(setup);
      const [AL, caches] = LModelForward(X, parameters);
      const expected = values(LModelBackward(copy(AL), copy(Y), caches));
      const viewedCaches = caches.map((c, l) => viewCache(c, kinds.slice(l, l + 4)));
      expect(values(LModelBackward(viewOf(AL, kinds[4]), viewOf(Y, kinds[5]), viewedCaches))).toEqual(expected);
      agrees([AL, Y], kinds, computeCost);
    }), { numRuns: NUM_RUNS });
  });

  it('for updateParameters and gradientCheck', () => {
    fc.assert(fc.property(setupArb, kindsArb, (setup, kinds) => {
      const { X, Y, parameters } = problemOf(setup);
      const [AL, caches] = LModelForward(X, parameters);
      const grads = LModelBackward(AL, Y, caches);
      const viewedGrads = Object.fromEntries(Object.entries(grads).map(([k, v]) => [k, viewOf(v as Matrix, kinds[2])]));
      expect(values(updateParameters(parametersAs(parameters, kinds[0]), viewedGrads as typeof grads, 0.1)))
        .toEqual(values(updateParameters(parameters, grads, 0.1)));
      expect(gradientCheck(parametersAs(parameters, kinds[3]), viewOf(X, kinds[4]), viewOf(Y, kinds[5])))
        .toEqual(gradientCheck(parameters, X, Y));
    }), { numRuns: 10 });
  });

  it('for LLayerModel, with validation data', () => {
    fc.assert(fc.property(setupArb, kindsArb, (setup, kinds) => {
      const { X, Y, parameters } = problemOf(setup);
      const run = (k: ViewKind[]) => LLayerModel(viewOf(X, k[0]), viewOf(Y, k[1]), setup.dims, {
        numIterations: 5, learningRate: 0.05, initialParameters: parametersAs(parameters, k[2]),
        validationData: [viewOf(X, k[3]), viewOf(Y, k[4])],
      });
      const contiguous: ViewKind[] = ['contiguous', 'contiguous', 'contiguous', 'contiguous', 'contiguous'];
      expect(values(run(kinds))).toEqual(values(run(contiguous)));
    }), { numRuns: 15 });
  });
});
