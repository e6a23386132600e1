// The trainer's first-layer forms and dtypes, through LLayerModel's options.
import { describe, expect, it } from 'vitest';
import { LLayerModel, type TrainOptions } from '../../src/train.js';
import { DnnLiteError, ValueError } from '../../src/errors.js';
import { wasmKernels } from '../../src/internal/kernels/wasm.js';
import { fromRows, toRows } from '../../src/matrix.js';
import { createRng } from '../../src/random.js';

const DUAL_AGREEMENT = 1e-9;

function problem(seed: number, nx: number, m: number) {
  const rng = createRng(seed);
  const X = rng.rand(nx, m);
  const w = rng.randn(1, nx);
  const Y = fromRows([Array.from({ length: m }, (_, j) => {
    let s = 0;
    for (let i = 0; i < nx; i++) s += w.get(0, i) * (X.get(i, j) - 0.5);
    return s > 0 ? 1 : 0;
  })]);
  return { X, Y };
}

function costsOf(X: any, Y: any, dims: number[], options: TrainOptions): number[] {
  const costs: number[] = [];
  LLayerModel(X, Y, dims, { ...options, callback: ({ cost }) => { costs.push(cost); } });
  return costs;
}

function worstRelative(a: number[], b: number[]): number {
  expect(a.length).toBe(b.length);
  return Math.max(...a.map((x, i) => Math.abs(x - b[i]) / Math.abs(b[i])));
}

describe('first-layer dual form', () => {
  const validation = problem(99, 60, 10);
  const cases: [string, TrainOptions][] = [
    ['gradient descent', { learningRate: 0.05 }],
    ['momentum', { optimizer: 'momentum', learningRate: 0.05 }],
    ['L2', { learningRate: 0.05, lambd: 0.7 }],
    ['mini-batches with momentum and L2', { optimizer: 'momentum', learningRate: 0.02, miniBatchSize: 7, lambd: 0.3 }],
    ['dropout and decay', { learningRate: 0.05, keepProb: 0.8, decay: { decayRate: 0.01 } }],
    // The L2 term reuses the forward pass's C K; validation passes in between must not disturb it.
    ['momentum, L2 and validation data', {
      optimizer: 'momentum', learningRate: 0.05, lambd: 0.7, validationData: [validation.X, validation.Y],
    }],
  ];
  cases.forEach(([name, options], k) => {
    it(`agrees with the primal form for 300 iterations with ${name}`, () => {
      const { X, Y } = problem(40 + k, 60, 25);
      const dims = [60, 7, 5, 1];
      const common = { ...options, numIterations: 300, init: { seed: k + 1, scale: 'xavier' as const } };
      const dual = costsOf(X, Y, dims, { ...common, firstLayer: 'dual' });
      const primal = costsOf(X, Y, dims, { ...common, firstLayer: 'primal' });
      expect(worstRelative(dual, primal)).toBeLessThan(DUAL_AGREEMENT);
    });
  });

  it('materialises the same W1 as the primal form', () => {
    const { X, Y } = problem(3, 40, 12);
    const options = { numIterations: 100, learningRate: 0.1, init: { scale: 'he' as const } };
    const dual = LLayerModel(X, Y, [40, 4, 1], { ...options, firstLayer: 'dual' });
    const primal = LLayerModel(X, Y, [40, 4, 1], { ...options, firstLayer: 'primal' });
    const a = toRows(dual.parameters.W1).flat(), b = toRows(primal.parameters.W1).flat();
    a.forEach((v, i) => expect(Math.abs(v - b[i])).toBeLessThan(1e-12));
  });

  it('keeps validation and early stopping consistent', () => {
    const { X, Y } = problem(5, 50, 20);
    const val = problem(6, 50, 15);
    const options: TrainOptions = {
      learningRate: 0.1, numIterations: 150, validationData: [val.X, val.Y], init: { scale: 'he' },
    };
    const dual = LLayerModel(X, Y, [50, 6, 1], { ...options, firstLayer: 'dual' });
    const primal = LLayerModel(X, Y, [50, 6, 1], { ...options, firstLayer: 'primal' });
    expect(worstRelative(dual.history.validationCost, primal.history.validationCost)).toBeLessThan(DUAL_AGREEMENT);
  });

  it('refuses the dual form with Adam', () => {
    const { X, Y } = problem(1, 10, 4);
    expect(() => LLayerModel(X, Y, [10, 1], { optimizer: 'adam', firstLayer: 'dual' })).toThrow(ValueError);
    expect(() => LLayerModel(X, Y, [10, 1], { optimizer: 'adam', firstLayer: 'dual' })).toThrow(/Adam's updates leave the span/);
  });
});

describe('float32 training', () => {
  it('follows the float64 costs to single precision', () => {
    const { X, Y } = problem(9, 30, 40);
    const options = { numIterations: 200, learningRate: 0.05, init: { scale: 'xavier' as const }, firstLayer: 'primal' as const };
    const f64 = costsOf(X, Y, [30, 5, 1], options);
    const f32 = costsOf(X, Y, [30, 5, 1], { ...options, dtype: 'float32' });
    expect(worstRelative(f32, f64)).toBeLessThan(1e-4);
  });

  it('returns float64 parameters', () => {
    const { X, Y } = problem(2, 8, 6);
    const { parameters } = LLayerModel(X, Y, [8, 2, 1], { numIterations: 3, dtype: 'float32' });
    expect(parameters.W1.data).toBeInstanceOf(Float64Array);
  });

  it('rejects an unknown dtype', () => {
    const { X, Y } = problem(2, 8, 6);
    expect(() => LLayerModel(X, Y, [8, 1], { dtype: 'float16' as never })).toThrow(/options.dtype is "float16"/);
  });
});

describe('kernel memory of a training run', () => {
  it('is given back when LLayerModel returns, so repeated runs do not grow it', () => {
    // Kernel memory lies outside the JavaScript heap: left to garbage collection, a loop of
    // trainings grows it run after run, up to its 4 GiB limit.
    const { X, Y } = problem(8, 3000, 150);
    const run = (firstLayer: 'dual' | 'primal') =>
      LLayerModel(X, Y, [3000, 8, 1], { numIterations: 3, firstLayer, init: { scale: 'he' } });
    run('dual');
    run('primal');
    const before = wasmKernels().memory.buffer.byteLength;
    for (let k = 0; k < 6; k++) run(k % 2 === 0 ? 'dual' : 'primal');
    expect(wasmKernels().memory.buffer.byteLength).toBe(before);
  });

  it("refuses a callback's parameters() once training has ended", () => {
    const { X, Y } = problem(9, 30, 10);
    let later: (() => unknown) | undefined;
    LLayerModel(X, Y, [30, 3, 1], { numIterations: 2, callback: ({ parameters }) => { later = parameters; } });
    expect(() => later!()).toThrow(DnnLiteError);
    expect(() => later!()).toThrow(/LLayerModel: parameters\(\) of a callback argument was called after training ended/);
  });
});
