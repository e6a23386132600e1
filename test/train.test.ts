import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LLayerModel } from '../src/train.js';
import { DivergenceError, ShapeError, ValueError } from '../src/errors.js';
import { computeCost } from '../src/cost.js';
import { initializeParametersDeep } from '../src/initialization.js';
import { type Matrix, copy, fromRows, toRows } from '../src/matrix.js';
import { LModelBackward, LModelForward } from '../src/model.js';
import type { Parameters } from '../src/parameters.js';
import { predict } from '../src/predict.js';
import { createRng } from '../src/random.js';
import { updateParameters } from '../src/updateParameters.js';

const reference = JSON.parse(readFileSync(new URL('./fixtures/reference-training.json', import.meta.url), 'utf8'));
const RELATIVE_AGREEMENT = 1e-10;

function paramsOf(raw: Record<string, number[][]>): Parameters {
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, fromRows(v)])) as Parameters;
}

function problem(seed: number, nx: number, m: number): { X: Matrix; Y: Matrix } {
  const rng = createRng(seed);
  const X = rng.randn(nx, m);
  const Y = fromRows([Array.from({ length: m }, (_, j) => (X.get(0, j) + 0.5 * X.get(1, j) > 0 ? 1 : 0))]);
  return { X, Y };
}

describe('LLayerModel', () => {
  it('follows the numpy reference L_layer_model cost for cost over 300 iterations', () => {
    const X = fromRows(reference.X), Y = fromRows(reference.Y);
    const costs: number[] = [];
    const result = LLayerModel(X, Y, reference.layers, {
      learningRate: reference.learningRate, numIterations: reference.iterations,
      initialParameters: paramsOf(reference.initial), callback: ({ cost }) => { costs.push(cost); },
    });
    const worst = Math.max(...costs.map((c, i) => Math.abs(c - reference.costs[i]) / reference.costs[i]));
    expect(worst).toBeLessThan(RELATIVE_AGREEMENT);
    expect(result.costs).toEqual(costs.filter((_, i) => i % 100 === 0));
    for (const [key, rows] of Object.entries<number[][]>(reference.final)) {
      const got = toRows((result.parameters as Record<string, Matrix>)[key]).flat();
      rows.flat().forEach((v, k) => expect(Math.abs(got[k] - v)).toBeLessThan(1e-10));
    }
  });

  it('agrees with a loop over the composable building blocks', () => {
    const { X, Y } = problem(3, 4, 25);
    let parameters = initializeParametersDeep([4, 3, 1], { seed: 2, scale: 'xavier' });
    const loop: number[] = [];
    for (let i = 0; i < 50; i++) {
      const [AL, caches] = LModelForward(X, parameters);
      loop.push(computeCost(AL, Y));
      parameters = updateParameters(parameters, LModelBackward(AL, Y, caches), 0.05);
    }
    const trained: number[] = [];
    LLayerModel(X, Y, [4, 3, 1], {
      learningRate: 0.05, numIterations: 50, init: { seed: 2, scale: 'xavier' },
      callback: ({ cost }) => { trained.push(cost); },
    });
    trained.forEach((c, i) => expect(Math.abs(c - loop[i]) / loop[i]).toBeLessThan(RELATIVE_AGREEMENT));
  });

  it('prints the reference lines every 100 iterations and at the last one', () => {
    const { X, Y } = problem(1, 3, 10);
    const lines: string[] = [];
    LLayerModel(X, Y, [3, 2, 1], { numIterations: 250, printCost: true, logger: (l) => lines.push(l) });
    expect(lines.map((l) => l.replace(/: .*/, ''))).toEqual([
      'Cost after iteration 0', 'Cost after iteration 100', 'Cost after iteration 200', 'Cost after iteration 249',
    ]);
  });

  it('stops when the callback returns false', () => {
    const { X, Y } = problem(1, 3, 10);
    const result = LLayerModel(X, Y, [3, 2, 1], { numIterations: 500, callback: ({ iteration }) => iteration < 9 });
    expect(result.iterations).toBe(10);
    expect(result.stoppedBy).toBe('callback');
  });

  it('leaves X, Y and initialParameters untouched', () => {
    const { X, Y } = problem(4, 3, 12);
    const initialParameters = initializeParametersDeep([3, 2, 1], { scale: 'he' });
    const before = [toRows(X), toRows(Y), toRows(initialParameters.W1)];
    LLayerModel(X, Y, [3, 2, 1], { numIterations: 20, initialParameters });
    expect([toRows(X), toRows(Y), toRows(initialParameters.W1)]).toEqual(before);
  });

  it('accepts a transposed X and gives the same result as its contiguous copy', () => {
    const { X, Y } = problem(5, 4, 9);
    const Xt = copy(X.transpose(1, 0)).transpose(1, 0);
    const a = LLayerModel(Xt, Y, [4, 3, 1], { numIterations: 30, init: { scale: 'he' } });
    const b = LLayerModel(X, Y, [4, 3, 1], { numIterations: 30, init: { scale: 'he' } });
    expect(a.costs).toEqual(b.costs);
    expect(toRows(a.parameters.W1)).toEqual(toRows(b.parameters.W1));
  });

  it('learns a separable problem with Adam on mini-batches', () => {
    const { X, Y } = problem(6, 2, 200);
    const result = LLayerModel(X, Y, [2, 8, 1], {
      optimizer: 'adam', learningRate: 0.01, miniBatchSize: 32, numEpochs: 60, init: { scale: 'he', seed: 1 },
    });
    const correct = toRows(predict(X, result.parameters))[0].filter((p, j) => p === Y.get(0, j)).length;
    expect(correct / 200).toBeGreaterThan(0.95);
    expect(result.epochs).toBe(60);
    expect(result.iterations).toBe(60 * Math.ceil(200 / 32));
  });

  it('trains without NaN when the sigmoid saturates', () => {
    const X = fromRows([[100, -100, 80, -90]]);
    const Y = fromRows([[1, 0, 1, 0]]);
    const initialParameters = { W1: fromRows([[50]]), b1: fromRows([[0]]) } as Parameters;
    const result = LLayerModel(X, Y, [1, 1], { numIterations: 10, initialParameters, learningRate: 0.1 });
    expect(result.costs[0]).toBe(0);
    expect(Number.isFinite(result.parameters.W1.get(0, 0))).toBe(true);
    // Wrong side of saturation: the reference's cost would be Infinity; the trainer's is finite.
    const flipped = LLayerModel(X, fromRows([[0, 1, 0, 1]]), [1, 1], { numIterations: 3, initialParameters });
    expect(Number.isFinite(flipped.costs[0])).toBe(true);
    expect(flipped.costs[0]).toBeCloseTo((5000 + 5000 + 4000 + 4500) / 4, 6);
  });

  it('reports divergence with the iteration and the last finite parameters', () => {
    const { X, Y } = problem(2, 3, 20);
    let error: unknown;
    try {
      LLayerModel(X, Y, [3, 4, 1], { learningRate: 1e306, numIterations: 50, init: { scale: 'he' } });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DivergenceError);
    const d = error as DivergenceError;
    expect(d.message).toMatch(/LLayerModel: training diverged at iteration \d+/);
    const params = d.lastFiniteParameters as Parameters;
    for (const M of Object.values(params)) expect(toRows(M).flat().every(Number.isFinite)).toBe(true);
  });

  it('stops early and restores the best parameters on validation data', () => {
    const { X, Y } = problem(8, 2, 120);
    const val = problem(9, 2, 60);
    const seen: number[] = [];
    const result = LLayerModel(X, Y, [2, 16, 1], {
      optimizer: 'adam', learningRate: 0.05, miniBatchSize: 16, numEpochs: 400,
      validationData: [val.X, val.Y], earlyStopping: { patience: 5 }, init: { scale: 'he' },
      onEpoch: ({ validationCost }) => { seen.push(validationCost!); },
    });
    expect(result.stoppedBy).toBe('earlyStopping');
    expect(result.epochs).toBeLessThan(400);
    const bestCost = Math.min(...seen);
    const [AL] = LModelForward(val.X, result.parameters);
    expect(computeCost(AL, val.Y)).toBeCloseTo(bestCost, 12);
    expect(result.history.validationAccuracy.length).toBe(result.epochs);
  });

  it('returns the parameters of the lowest training cost with full batches, even when not stopping early', () => {
    // A rate high enough for the cost to jump up and down: the last iterate is not the best.
    const { X, Y } = problem(4, 3, 40);
    const result = LLayerModel(X, Y, [3, 8, 4, 1], {
      learningRate: 6, numIterations: 200, earlyStopping: { patience: 1000 }, init: { seed: 2, scale: 'he' },
    });
    expect(result.stoppedBy).toBe('completed');
    const lowest = Math.min(...result.history.cost);
    expect(lowest).toBeLessThan(result.history.cost[result.history.cost.length - 1]);
    const [AL] = LModelForward(X, result.parameters);
    expect(computeCost(AL, Y)).toBeCloseTo(lowest, 12);
  });

  it('returns the best parameters on validation data when training runs its course', () => {
    const { X, Y } = problem(8, 2, 120);
    const val = problem(9, 2, 60);
    // Every fifth validation label wrong: the validation cost rises again as the model grows sure.
    const noisy = fromRows([toRows(val.Y)[0].map((y, j) => (j % 5 === 0 ? 1 - y : y))]);
    const result = LLayerModel(X, Y, [2, 16, 1], {
      optimizer: 'adam', learningRate: 0.05, miniBatchSize: 16, numEpochs: 150,
      validationData: [val.X, noisy], earlyStopping: { patience: 1000 }, init: { scale: 'he' },
    });
    expect(result.stoppedBy).toBe('completed');
    const { validationCost } = result.history;
    expect(Math.min(...validationCost)).toBeLessThan(validationCost[validationCost.length - 1]);
    const [AL] = LModelForward(val.X, result.parameters);
    expect(computeCost(AL, noisy)).toBeCloseTo(Math.min(...validationCost), 12);
  });

  it('decays the learning rate per epoch', () => {
    const { X, Y } = problem(1, 2, 8);
    const rates: number[] = [];
    LLayerModel(X, Y, [2, 1], {
      learningRate: 0.1, numIterations: 4, decay: { decayRate: 1 }, callback: ({ learningRate }) => { rates.push(learningRate); },
    });
    expect(rates).toEqual([0, 1, 2, 3].map((e) => (1 / (1 + e)) * 0.1));
  });

  it('explains bad input', () => {
    const { X, Y } = problem(1, 3, 5);
    expect(() => LLayerModel(X, fromRows([[1, 0]]), [3, 1])).toThrow(ShapeError);
    expect(() => LLayerModel(X, Y, [4, 1])).toThrow('LLayerModel: X is [3, 5] but must be [4, any]');
    expect(() => LLayerModel(X, Y, [3, 2])).toThrow(/the sigmoid output must be 1 unit/);
    expect(() => LLayerModel(X, Y, [3, 1], { learningRate: -1 })).toThrow(ValueError);
    expect(() => LLayerModel(X, Y, [3, 1], { keepProb: 0 })).toThrow(/keepProb is 0; it must lie in \(0, 1\]/);
    expect(() => LLayerModel(X, Y, [3, 1], { optimizer: 'sgd' as never })).toThrow(/optimizer is "sgd"/);
    const initialParameters = initializeParametersDeep([3, 2, 1]);
    expect(() => LLayerModel(X, Y, [3, 4, 1], { initialParameters })).toThrow(/layer sizes \[3, 2, 1\]/);
  });
});

describe('LLayerModel with validationSplit', () => {
  it('trains on the rest and reports validation on the held-out columns', () => {
    const { X, Y } = problem(12, 3, 50);
    const result = LLayerModel(X, Y, [3, 4, 1], { numIterations: 20, validationSplit: 0.2, init: { scale: 'he' } });
    expect(result.history.validationCost.length).toBe(20);
    expect(() => LLayerModel(X, Y, [3, 1], { validationSplit: 0.2, validationData: [X, Y] })).toThrow(/both given/);
    expect(() => LLayerModel(X, Y, [3, 1], { validationSplit: 1.5 })).toThrow(/validationSplit is 1.5/);
  });
});

describe('LLayerModel threads option', () => {
  const X = fromRows([[0, 0, 1, 1], [0, 1, 0, 1]]);
  const Y = fromRows([[0, 1, 1, 1]]);
  const options = { learningRate: 0.5, numIterations: 50, init: { seed: 1, scale: 'he' as const } };

  it('gives the same costs on one and two threads and restores the process setting', async () => {
    const { gemmThreadSetting, setGemmThreads } = await import('../src/internal/kernels/settings.js');
    setGemmThreads(undefined);
    const one = LLayerModel(X, Y, [2, 4, 1], { ...options, threads: 1 });
    const two = LLayerModel(X, Y, [2, 4, 1], { ...options, threads: 2 });
    expect(two.costs).toEqual(one.costs);
    expect(gemmThreadSetting()).toBeUndefined();
  });

  it('rejects a thread count that is not an integer in [1, 64]', () => {
    for (const threads of [0, 1.5, 65]) {
      expect(() => LLayerModel(X, Y, [2, 4, 1], { ...options, threads })).toThrow(
        /LLayerModel: options.threads is .*; it must be an integer in \[1, 64\]/);
    }
  });
});
