// Property: every malformed input of the robustness list, handed to any public function,
// throws a ShapeError or ValueError whose message starts with that function's name and
// names the argument, and leaves every input exactly as it was.
import fc from 'fast-check';
import ndarray from 'ndarray';
import { describe, expect, it } from 'vitest';
import {
  LLayerModel, LModelBackward, LModelForward, type LinearActivationCache, type Matrix, type Parameters,
  ShapeError, ValueError, computeCost, copy, createRng, fromArray, fromRows, gradientCheck,
  initializeParametersDeep, linearActivationBackward, linearActivationForward, linearBackward, linearForward,
  predict, predictProbabilities, relu, reluBackward, sigmoid, sigmoidBackward, toRows, updateParameters, zeros,
} from '../../src/index.js';
import type { Rng } from '../../src/random.js';
import { type Setup, problemOf, setupArb, snapshot } from './generators.js';

type ErrorClass = typeof ShapeError | typeof ValueError;
/** One malformed call: what is wrong, the argument the message must name, the error class. */
interface Case { label: string; arg: string; type: ErrorClass; call: () => unknown; inputs: unknown[] }

const NUM_RUNS = 6;

function expectRejected(fn: string, c: Case): void {
  const before = snapshot(c.inputs);
  let error: unknown = null;
  try {
    c.call();
  } catch (e) {
    error = e;
  }
  const message = error instanceof Error ? error.message : String(error);
  expect(error, `${fn} with ${c.label}: ${message}`).toBeInstanceOf(c.type);
  expect(message.startsWith(`${fn}: `), `${c.label}: "${message}" must start with the function`).toBe(true);
  expect(message, `${c.label}: the message must name the argument`).toContain(c.arg);
  expect(snapshot(c.inputs), `${fn} with ${c.label} mutated an input`).toEqual(before);
}

/** A property over random setups: every case the builder makes is rejected as it should be. */
function rejectsAll(fn: string, build: (s: Setup) => Case[]): void {
  fc.assert(fc.property(setupArb, (setup) => {
    const cases = build(setup);
    expect(cases.length).toBeGreaterThan(0);
    for (const c of cases) expectRejected(fn, c);
  }), { numRuns: NUM_RUNS });
}

/**
 * Cases that replace argument i of `args` with each of `bad` and call `f` with the result.
 * The inputs snapshotted are all the arguments of the malformed call.
 */
function replacing(
  f: (...a: any[]) => unknown, args: unknown[], i: number, arg: string, type: ErrorClass,
  bad: [label: string, value: unknown][],
): Case[] {
  return bad.map(([label, value]) => {
    const a = args.slice();
    a[i] = value;
    return { label: `${arg} ${label}`, arg, type, call: () => f(...a), inputs: a };
  });
}

/** Stand-ins for a matrix that are not 2-D float64 ndarrays. */
function notMatrices(A: Matrix): [string, unknown][] {
  const values = Float64Array.from(toRows(A).flat());
  return [
    ['as a 1-D ndarray', ndarray(values.slice(), [values.length])],
    ['as a 3-D ndarray', ndarray(values.slice(), [...A.shape, 1])],
    ['as nested arrays', toRows(A)],
    ['backed by a Float32Array', ndarray(Float32Array.from(values), A.shape)],
    ['as null', null],
  ];
}

/** Copies of A with one random element set to NaN, +Infinity and -Infinity. */
function nonFinite(A: Matrix, rng: Rng): [string, unknown][] {
  return [NaN, Infinity, -Infinity].map((v) => {
    const B = copy(A);
    B.data[rng.interval(B.data.length - 1)] = v;
    return [`holding ${v}`, B];
  });
}

/** A with one more row or column of random values. */
function grown(A: Matrix, axis: 'row' | 'col', rng: Rng): Matrix {
  const [rows, cols] = A.shape;
  const B = rng.randn(rows + (axis === 'row' ? 1 : 0), cols + (axis === 'col' ? 1 : 0));
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) B.set(i, j, A.get(i, j));
  return B;
}

/** A copy of A with one entry replaced. */
function withEntry(A: Matrix, at: number, v: number): Matrix {
  const B = copy(A);
  B.data[at] = v;
  return B;
}

/** Every way a parameter dictionary can be malformed, with the error each must give. */
function badParameters(parameters: Parameters, name: string, rng: Rng): [string, unknown, ErrorClass, string][] {
  const L = Object.keys(parameters).length / 2;
  const l = 1 + rng.interval(L - 1);
  const p = parameters as Record<string, Matrix>;
  const without = (key: string) => Object.fromEntries(Object.entries(p).filter(([k]) => k !== key));
  const out: [string, unknown, ErrorClass, string][] = [
    ['missing W', without(`W${l}`), ValueError, L === 1 ? 'W1' : `W${l}`],
    ['missing b', without(`b${l}`), ValueError, `b${l}`],
    ['with an extra key', { ...p, W0: p.W1 }, ValueError, 'W0'],
    ['with an extra layer bias', { ...p, [`b${L + 1}`]: p.b1 }, ValueError, `b${L + 1}`],
    ['that is not an object', null, ValueError, name],
    ['with a bias of an extra row', { ...p, [`b${l}`]: grown(p[`b${l}`], 'row', rng) }, ShapeError, `b${l}`],
    ['with a bias of two columns', { ...p, [`b${l}`]: grown(p[`b${l}`], 'col', rng) }, ShapeError, `b${l}`],
    ['with a layer of no units', { ...p, [`W${l}`]: zeros(0, p[`W${l}`].shape[1]) }, ShapeError, `W${l}`],
  ];
  if (L >= 2) out.push(['with weights that do not chain', { ...p, W2: grown(p.W2, 'col', rng) }, ShapeError, 'W2']);
  for (const [label, v] of notMatrices(p[`W${l}`])) out.push([`with W${l} ${label}`, { ...p, [`W${l}`]: v }, ShapeError, `W${l}`]);
  for (const key of [`W${l}`, `b${l}`]) {
    for (const [label, v] of nonFinite(p[key], rng)) out.push([`with ${key} ${label}`, { ...p, [key]: v }, ValueError, key]);
  }
  return out;
}

function parameterCases(f: (...a: any[]) => unknown, args: unknown[], i: number, name: string, rng: Rng): Case[] {
  return badParameters(args[i] as Parameters, name, rng).map(([label, value, type, arg]) => {
    const a = args.slice();
    a[i] = value;
    return { label: `${name} ${label}`, arg, type, call: () => f(...a), inputs: a };
  });
}

/** Y with each kind of bad label at a random position. */
function badLabels(Y: Matrix, rng: Rng): [string, unknown][] {
  return [0.5, 2, -1, NaN].map((v) => [`with label ${v}`, withEntry(Y, rng.interval(Y.data.length - 1), v)]);
}

/** Cases shared by every function that takes X and parameters (LModelForward and its users). */
function inputCases(f: (...a: any[]) => unknown, args: unknown[], xAt: number, X: Matrix, rng: Rng): Case[] {
  return [
    ...replacing(f, args, xAt, 'X', ShapeError, notMatrices(X)),
    ...replacing(f, args, xAt, 'X', ShapeError, [['with an extra row', grown(X, 'row', rng)]]),
    ...replacing(f, args, xAt, 'X', ValueError, nonFinite(X, rng)),
  ];
}

describe('malformed input is rejected with a typed, named error and nothing mutated', () => {
  for (const [fn, f] of [['sigmoid', sigmoid], ['relu', relu]] as const) {
    it(`by ${fn}`, () => rejectsAll(fn, (s) => {
      const { rng } = problemOf(s);
      const Z = rng.randn(s.dims[0], s.m);
      return [
        ...replacing(f, [Z], 0, 'Z', ShapeError, notMatrices(Z)),
        ...replacing(f, [Z], 0, 'Z', ShapeError, [['with m = 0', zeros(s.dims[0], 0)]]),
      ];
    }));
  }

  for (const [fn, f] of [['sigmoidBackward', sigmoidBackward], ['reluBackward', reluBackward]] as const) {
    it(`by ${fn}`, () => rejectsAll(fn, (s) => {
      const { rng } = problemOf(s);
      const dA = rng.randn(s.dims[0], s.m);
      const Z = rng.randn(s.dims[0], s.m);
      const args = [dA, Z];
      return [
        ...replacing(f, args, 0, 'dA', ShapeError, notMatrices(dA)),
        ...replacing(f, args, 1, 'cache (Z)', ShapeError, notMatrices(Z)),
        ...replacing(f, args, 0, 'dA', ShapeError, [['with an extra row', grown(dA, 'row', rng)],
          ['with an extra column', grown(dA, 'col', rng)]]),
        ...replacing(f, args, 1, 'cache (Z)', ShapeError, [['with an extra column', grown(Z, 'col', rng)]]),
        ...replacing((a: Matrix) => f(a, zeros(s.dims[0], 0)), [zeros(s.dims[0], 0)], 0, 'dA', ShapeError,
          [['with m = 0', zeros(s.dims[0], 0)]]),
      ];
    }));
  }

  /** linearForward and linearActivationForward take (A_prev, W, b, ...rest). */
  function forwardLayerCases(f: (...a: any[]) => unknown, s: Setup, rest: unknown[]): Case[] {
    const { X, parameters, rng } = problemOf(s);
    const { W1: W, b1: b } = parameters;
    const args = [X, W, b, ...rest];
    return [
      ...replacing(f, args, 0, 'A_prev', ShapeError, notMatrices(X)),
      ...replacing(f, args, 1, 'W', ShapeError, notMatrices(W)),
      ...replacing(f, args, 2, 'b', ShapeError, notMatrices(b)),
      ...replacing(f, args, 0, 'A_prev', ShapeError, [['with an extra row', grown(X, 'row', rng)]]),
      ...replacing(f, args, 1, 'W', ShapeError, [['with an extra column', grown(W, 'col', rng)]]),
      ...replacing(f, args, 2, 'b', ShapeError, [['with an extra row', grown(b, 'row', rng)],
        ['with two columns', grown(b, 'col', rng)]]),
      ...replacing(f, args, 0, 'A_prev', ShapeError, [['with m = 0', zeros(s.dims[0], 0)]]),
      ...replacing(f, args, 0, 'A_prev', ValueError, nonFinite(X, rng)),
      ...replacing(f, args, 1, 'W', ValueError, nonFinite(W, rng)),
      ...replacing(f, args, 2, 'b', ValueError, nonFinite(b, rng)),
    ];
  }

  it('by linearForward', () => rejectsAll('linearForward', (s) => forwardLayerCases(linearForward, s, [])));

  it('by linearActivationForward', () => rejectsAll('linearActivationForward', (s) => {
    const { X, parameters: { W1, b1 } } = problemOf(s);
    return [
      ...forwardLayerCases(linearActivationForward, s, ['relu']),
      ...forwardLayerCases(linearActivationForward, s, ['sigmoid']),
      ...replacing(linearActivationForward, [X, W1, b1, 'relu'], 3, 'activation', ValueError,
        [['tanh', 'tanh'], ['undefined', undefined]]),
    ];
  }));

  it('by linearBackward', () => rejectsAll('linearBackward', (s) => {
    const { X: A, parameters, rng } = problemOf(s);
    const { W1: W, b1: b } = parameters;
    const dZ = rng.randn(W.shape[0], s.m);
    const f = (d: unknown, A_: unknown, W_: unknown, b_: unknown) => linearBackward(d as Matrix, [A_, W_, b_] as never);
    const args = [dZ, A, W, b];
    return [
      ...replacing(linearBackward, [dZ, [A, W, b]], 1, 'cache', ShapeError,
        [['of two entries', [A, W]], ['of four entries', [A, W, b, b]], ['as null', null]]),
      ...replacing(f, args, 0, 'dZ', ShapeError, notMatrices(dZ)),
      ...replacing(f, args, 1, 'A_prev', ShapeError, notMatrices(A)),
      ...replacing(f, args, 2, 'W', ShapeError, notMatrices(W)),
      ...replacing(f, args, 3, 'b', ShapeError, notMatrices(b)),
      ...replacing(f, args, 0, 'dZ', ShapeError, [['with an extra row', grown(dZ, 'row', rng)],
        ['with an extra column', grown(dZ, 'col', rng)]]),
      ...replacing(f, args, 2, 'W', ShapeError, [['with an extra column', grown(W, 'col', rng)]]),
      ...replacing(f, args, 3, 'b', ShapeError, [['with an extra row', grown(b, 'row', rng)]]),
      ...replacing(f, [zeros(W.shape[0], 0), A, W, b], 1, 'A_prev', ShapeError, [['with m = 0', zeros(s.dims[0], 0)]]),
      ...replacing(f, args, 1, 'A_prev', ValueError, nonFinite(A, rng)),
      ...replacing(f, args, 2, 'W', ValueError, nonFinite(W, rng)),
      ...replacing(f, args, 3, 'b', ValueError, nonFinite(b, rng)),
    ];
  }));

  it('by linearActivationBackward', () => rejectsAll('linearActivationBackward', (s) => {
    const { X: A, parameters, rng } = problemOf(s);
    const { W1: W, b1: b } = parameters;
    const [, [, Z]] = linearActivationForward(A, W, b, 'relu');
    const dA = rng.randn(W.shape[0], s.m);
    const f = (d: unknown, A_: unknown, W_: unknown, b_: unknown, Z_: unknown, g: unknown = 'relu') =>
      linearActivationBackward(d as Matrix, [[A_, W_, b_], Z_] as never, g as never);
    const args = [dA, A, W, b, Z];
    const cases = [
      ...replacing(f, [...args, 'relu'], 5, 'activation', ValueError, [['tanh', 'tanh'], ['null', null]]),
      ...replacing(linearActivationBackward, [dA, [[A, W, b], Z], 'relu'], 1, 'cache', ValueError,
        [['of one entry', [[A, W, b]]], ['with a linear cache of two', [[A, W], Z]], ['as null', null]]),
      ...replacing(f, args, 0, 'dA', ShapeError, notMatrices(dA)),
      ...replacing(f, args, 4, 'cache Z', ShapeError, notMatrices(Z)),
      ...replacing(f, args, 2, 'W', ShapeError, notMatrices(W)),
      ...replacing(f, args, 0, 'dA', ShapeError, [['with an extra row', grown(dA, 'row', rng)],
        ['with an extra column', grown(dA, 'col', rng)]]),
      ...replacing(f, args, 4, 'cache Z', ShapeError, [['with an extra column', grown(Z, 'col', rng)]]),
      ...replacing(f, args, 3, 'b', ShapeError, [['with an extra row', grown(b, 'row', rng)]]),
      ...replacing(f, [zeros(W.shape[0], 0), A, W, b, zeros(W.shape[0], 0)], 1, 'A_prev', ShapeError,
        [['with m = 0', zeros(s.dims[0], 0)]]),
      ...replacing(f, args, 1, 'A_prev', ValueError, nonFinite(A, rng)),
      ...replacing(f, args, 2, 'W', ValueError, nonFinite(W, rng)),
      ...replacing(f, args, 3, 'b', ValueError, nonFinite(b, rng)),
    ];
    return [...cases, ...cases.filter((c) => c.arg !== 'activation').map((c) => ({
      ...c, label: `${c.label} (sigmoid)`,
      call: c.inputs.length === 5 ? () => f(...(c.inputs as [Matrix, Matrix, Matrix, Matrix, Matrix]), 'sigmoid') : c.call,
    }))];
  }));

  for (const [fn, f] of [['LModelForward', LModelForward], ['predict', predict],
    ['predictProbabilities', predictProbabilities]] as const) {
    it(`by ${fn}`, () => rejectsAll(fn, (s) => {
      const { X, parameters, rng } = problemOf(s);
      const args = [X, parameters];
      return [
        ...inputCases(f, args, 0, X, rng),
        ...replacing(f, args, 0, 'X', ShapeError, [['with m = 0', zeros(s.dims[0], 0)]]),
        ...parameterCases(f, args, 1, 'parameters', rng),
      ];
    }));
  }

  it('by LModelBackward', () => rejectsAll('LModelBackward', (s) => {
    const { X, Y, parameters, rng } = problemOf(s);
    const [AL, caches] = LModelForward(X, parameters);
    const args = [AL, Y, caches];
    const L = caches.length;
    const l = rng.interval(L - 1);
    const withCache = (c: unknown) => caches.map((k, i) => (i === l ? c : k));
    const [[A, W, b], Z] = caches[l];
    const wide = (M: Matrix) => {
      const B = grown(M, 'col', rng);
      B.set(0, s.m, 1);
      return B;
    };
    return [
      ...replacing(LModelBackward, args, 0, 'AL', ShapeError, notMatrices(AL)),
      ...replacing(LModelBackward, args, 1, 'Y', ShapeError, notMatrices(Y)),
      ...replacing(LModelBackward, args, 1, 'Y', ShapeError, [['with an extra column', wide(Y)]]),
      ...replacing((AL_: Matrix) => LModelBackward(AL_, wide(Y), caches), [wide(AL)], 0, 'caches', ShapeError,
        [['and Y for one more example than the caches', wide(AL)]]),
      ...replacing((AL_: Matrix) => LModelBackward(AL_, zeros(1, 0), caches), [zeros(1, 0)], 0, 'AL', ShapeError,
        [['and Y with m = 0', zeros(1, 0)]]),
      ...replacing(LModelBackward, args, 0, 'AL', ValueError, nonFinite(AL, rng)),
      ...replacing(LModelBackward, args, 1, 'Y', ValueError, badLabels(Y, rng)),
      ...replacing(LModelBackward, args, 2, 'caches', ValueError, [['empty', []], ['as null', null]]),
      ...replacing(LModelBackward, args, 2, 'caches', ValueError, [
        ['with a layer that is not a pair', withCache([[A, W, b]])],
        ['with a linear cache of two', withCache([[A, W], Z])],
      ]),
      ...replacing(LModelBackward, args, 2, 'caches', ShapeError, [
        ['with a Z of an extra row', withCache([[A, W, b], grown(Z, 'row', rng)])],
        ['with a W of an extra column', withCache([[A, grown(W, 'col', rng), b], Z])],
        ...notMatrices(W).map(([label, v]): [string, unknown] => [`with W ${label}`, withCache([[A, v, b], Z])]),
      ]),
      ...replacing(LModelBackward, args, 2, 'caches', ValueError,
        nonFinite(W, rng).map(([label, v]): [string, unknown] => [`with W ${label}`, withCache([[A, v, b], Z])])),
    ];
  }));

  it('by computeCost', () => rejectsAll('computeCost', (s) => {
    const { X, Y, parameters, rng } = problemOf(s);
    const [AL] = LModelForward(X, parameters);
    const args = [AL, Y];
    const at = () => rng.interval(s.m - 1);
    return [
      ...replacing(computeCost, args, 0, 'AL', ShapeError, notMatrices(AL)),
      ...replacing(computeCost, args, 1, 'Y', ShapeError, notMatrices(Y)),
      ...replacing(computeCost, args, 1, 'Y', ShapeError, [['with an extra column', grown(Y, 'col', rng)]]),
      ...replacing(computeCost, [zeros(1, 0), zeros(1, 0)], 0, 'AL', ShapeError, [['with m = 0', zeros(1, 0)]]),
      ...replacing(computeCost, args, 0, 'AL', ValueError, [1.5, -0.1, 1 + 2 ** -52, NaN, Infinity]
        .map((v): [string, unknown] => [`holding ${v}`, withEntry(AL, at(), v)])),
      ...replacing(computeCost, args, 1, 'Y', ValueError, badLabels(Y, rng)),
    ];
  }));

  it('by updateParameters', () => rejectsAll('updateParameters', (s) => {
    const { X, Y, parameters, rng } = problemOf(s);
    const [AL, caches] = LModelForward(X, parameters);
    const grads = LModelBackward(AL, Y, caches) as Record<string, Matrix>;
    const args = [parameters, grads, 0.01];
    const L = caches.length;
    const l = 1 + rng.interval(L - 1);
    const without = (key: string) => Object.fromEntries(Object.entries(grads).filter(([k]) => k !== key));
    return [
      ...parameterCases(updateParameters, args, 0, 'parameters', rng),
      ...replacing(updateParameters, args, 1, `dW${l}`, ValueError, [['missing', without(`dW${l}`)]]),
      ...replacing(updateParameters, args, 1, `db${l}`, ValueError, [['missing', without(`db${l}`)]]),
      ...replacing(updateParameters, args, 1, 'grads', ValueError, [
        ['with an extra key', { ...grads, dW0: grads.dW1 }], ['with a stray key', { ...grads, W1: grads.dW1 }],
        [`with dA${L}`, { ...grads, [`dA${L}`]: AL }], ['as null', null],
      ]),
      ...replacing(updateParameters, args, 1, `dW${l}`, ShapeError, [
        ['with an extra row', { ...grads, [`dW${l}`]: grown(grads[`dW${l}`], 'row', rng) }],
        ...notMatrices(grads[`dW${l}`]).map(([label, v]): [string, unknown] => [label, { ...grads, [`dW${l}`]: v }]),
      ]),
      ...replacing(updateParameters, args, 1, `db${l}`, ValueError, nonFinite(grads[`db${l}`], rng)
        .map(([label, v]): [string, unknown] => [label, { ...grads, [`db${l}`]: v }])),
      ...replacing(updateParameters, args, 2, 'learningRate', ValueError,
        [0, -0.1, NaN, Infinity, '0.1', undefined].map((v): [string, unknown] => [`of ${String(v)}`, v])),
    ];
  }));

  it('by LLayerModel', () => rejectsAll('LLayerModel', (s) => {
    const { X, Y, parameters, rng } = problemOf(s);
    const options = { numIterations: 2 };
    const args = [X, Y, s.dims, options];
    const n0 = s.dims[0];
    const withOption = (key: string, values: unknown[]): [string, unknown][] =>
      values.map((v) => [`with ${key} ${String(v)}`, { ...options, [key]: v }]);
    return [
      ...inputCases(LLayerModel, args, 0, X, rng),
      ...replacing(LLayerModel, [zeros(n0, 0), zeros(1, 0), s.dims, options], 0, 'X', ShapeError,
        [['with m = 0 (and Y)', zeros(n0, 0)]]),
      ...replacing(LLayerModel, args, 1, 'Y', ShapeError, [...notMatrices(Y), ['with an extra column', grown(Y, 'col', rng)]]),
      ...replacing(LLayerModel, args, 1, 'Y', ValueError, badLabels(Y, rng)),
      ...replacing(LLayerModel, args, 2, 'layersDims', ValueError, [
        ['with a zero layer', [n0, 0, 1]], ['with a fractional layer', [n0, 2.5, 1]],
        ['with a negative layer', [n0, -1, 1]], ['with a NaN layer', [n0, NaN, 1]],
        ['with a string layer', [n0, '3', 1]], ['of one entry', [n0]], ['as null', null],
        ['ending in 2 units', [n0, 2]],
      ]),
      ...replacing(LLayerModel, args, 3, 'learningRate', ValueError,
        withOption('learningRate', [0, -1, NaN, Infinity, '0.1'])),
      ...replacing(LLayerModel, args, 3, 'numIterations', ValueError, withOption('numIterations', [-1, 1.5, NaN])),
      ...replacing(LLayerModel, args, 3, 'initialParameters', ValueError,
        badParameters(parameters, 'initialParameters', rng)
          .filter(([, , type, arg]) => type === ValueError && arg !== 'initialParameters')
          .map(([label, v]): [string, unknown] => [label, { ...options, initialParameters: v }])),
      ...replacing(LLayerModel, args, 3, 'validationData X', ShapeError,
        [['with validation X of an extra row', { ...options, validationData: [grown(X, 'row', rng), Y] }]]),
      ...replacing(LLayerModel, args, 3, 'validationData Y', ValueError,
        badLabels(Y, rng).map(([label, v]): [string, unknown] => [label, { ...options, validationData: [X, v] }])),
    ];
  }));

  it('by gradientCheck', () => rejectsAll('gradientCheck', (s) => {
    const { X, Y, parameters, rng } = problemOf(s);
    const args = [parameters, X, Y];
    return [
      ...parameterCases(gradientCheck, args, 0, 'parameters', rng),
      ...inputCases(gradientCheck, args, 1, X, rng),
      ...replacing(gradientCheck, [parameters, zeros(s.dims[0], 0), zeros(1, 0)], 1, 'X', ShapeError,
        [['with m = 0 (and Y)', zeros(s.dims[0], 0)]]),
      ...replacing(gradientCheck, args, 2, 'Y', ShapeError, [...notMatrices(Y), ['with an extra column', grown(Y, 'col', rng)]]),
      ...replacing(gradientCheck, args, 2, 'Y', ValueError, badLabels(Y, rng)),
      ...replacing(gradientCheck, [...args, {}], 3, 'epsilon', ValueError,
        [0, 2, NaN, '1e-7'].map((v): [string, unknown] => [`of ${String(v)}`, { epsilon: v }])),
    ];
  }));

  it('by initializeParametersDeep', () => rejectsAll('initializeParametersDeep', (s) => {
    const args = [s.dims, {}];
    return [
      ...replacing(initializeParametersDeep, args, 0, 'layerDims', ValueError, [
        ['with a zero layer', [...s.dims, 0]], ['with a fractional layer', [s.dims[0], 1.5]],
        ['with a negative layer', [-1, ...s.dims]], ['of one entry', [s.dims[0]]], ['as a number', 3],
      ]),
      ...replacing(initializeParametersDeep, args, 1, 'scale', ValueError,
        [NaN, Infinity, 'glorot'].map((v): [string, unknown] => [`of ${String(v)}`, { scale: v }])),
      ...replacing(initializeParametersDeep, args, 1, 'seed', ValueError,
        [-1, 1.5, 2 ** 32, NaN].map((v): [string, unknown] => [`of ${String(v)}`, { seed: v }])),
      ...replacing(initializeParametersDeep, args, 1, 'rng', ValueError, [['that is not a generator', { rng: {} }]]),
      ...replacing(initializeParametersDeep, args, 1, 'options', ValueError, [['as null', null]]),
    ];
  }));

  it('by the matrix helpers', () => {
    fc.assert(fc.property(setupArb, (s) => {
      const { X } = problemOf(s);
      const [rows, cols] = X.shape;
      for (const [fn, f] of [['toRows', toRows], ['copy', copy]] as const) {
        for (const c of replacing(f, [X], 0, 'M', ShapeError, notMatrices(X))) expectRejected(fn, c);
      }
      for (const c of replacing(zeros, [rows, cols], 0, 'rows', ShapeError, [['-1', -1], ['1.5', 1.5], ['NaN', NaN]])) {
        expectRejected('zeros', c);
      }
      for (const c of replacing(zeros, [rows, cols], 1, 'cols', ShapeError, [['-1', -1], ['1.5', 1.5]])) {
        expectRejected('zeros', c);
      }
      const ragged = toRows(X).map((r, i) => (i === rows - 1 ? [...r, 0] : r));
      for (const c of replacing(fromRows, [toRows(X)], 0, 'row', ShapeError, [['ragged', rows > 1 ? ragged : [[1], [1, 2]]]])) {
        expectRejected('fromRows', c);
      }
      for (const c of replacing(fromRows, [toRows(X)], 0, 'rows', ShapeError, [['empty', []], ['as null', null]])) {
        expectRejected('fromRows', c);
      }
      const data = Float64Array.from(toRows(X).flat());
      for (const c of replacing(fromArray, [data, rows, cols], 1, 'data', ShapeError, [['one too many rows', rows + 1]])) {
        expectRejected('fromArray', c);
      }
      for (const c of replacing(fromArray, [data, rows, cols], 0, 'data', ShapeError, [['as numbers', Array.from(data)]])) {
        expectRejected('fromArray', c);
      }
    }), { numRuns: NUM_RUNS });
  });

  it('by createRng and the generator it returns', () => {
    for (const c of replacing(createRng, [1], 0, 'seed', ValueError,
      [-1, 1.5, 2 ** 32, NaN].map((v): [string, unknown] => [String(v), v]))) expectRejected('createRng', c);
    const rng = createRng(1);
    for (const method of ['randn', 'rand'] as const) {
      const f = (r: number, c: number) => rng[method](r, c);
      for (const c of replacing(f, [2, 3], 0, 'rows', ValueError, [['-1', -1], ['1.5', 1.5]])) expectRejected(`Rng.${method}`, c);
      for (const c of replacing(f, [2, 3], 1, 'cols', ValueError, [['-1', -1], ['NaN', NaN]])) expectRejected(`Rng.${method}`, c);
    }
    for (const c of replacing((n: number) => rng.permutation(n), [3], 0, 'n', ValueError, [['-1', -1], ['2.5', 2.5]])) {
      expectRejected('Rng.permutation', c);
    }
  });
});
