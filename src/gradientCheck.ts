/**
 * Finite-difference checking of the analytic gradients.
 *
 * @packageDocumentation
 */
import { computeCost } from './cost.js';
import { ValueError } from './errors.js';
import { assertFinite, assertHasExamples, assertLabels, assertMatrix, assertShape } from './internal/check.js';
import { checkParameters } from './internal/checkParameters.js';
import { copy, type Matrix } from './matrix.js';
import { LModelBackward, LModelForward } from './model.js';
import type { Parameters } from './parameters.js';

/** Options of {@link gradientCheck}. */
export interface GradientCheckOptions {
  /** Step of the central differences. Default 1e-7, as in the course. */
  epsilon?: number;
  /** Largest relative difference reported as a pass. Default 1e-7. */
  threshold?: number;
}

/** What {@link gradientCheck} reports. */
export interface GradientCheckResult {
  /** ||analytic - numeric|| / (||analytic|| + ||numeric||) over all parameters. */
  difference: number;
  /** Whether `difference` is below the threshold. */
  passed: boolean;
  /** The threshold used. */
  threshold: number;
  /** The parameter entry where the two gradients differ most, e.g. `{ key: 'W2', row: 0, col: 1, ... }`. */
  worst: {
    /** The parameter's key, e.g. `'W2'`. */
    key: string;
    /** Row of the entry. */
    row: number;
    /** Column of the entry. */
    col: number;
    /** The gradient from {@link LModelBackward}. */
    analytic: number;
    /** The central-difference estimate. */
    numeric: number;
  };
}

/**
 * Compares the gradients of {@link LModelBackward} with central differences of
 * {@link computeCost}, (J(theta + eps) - J(theta - eps)) / (2 eps), one parameter at a time.
 * It runs two forward passes per parameter, so keep the network small.
 *
 * @param parameters - `{ W1, b1, ..., WL, bL }`, left untouched
 * @param X - inputs, shape (n_x, m)
 * @param Y - labels 0 or 1, shape (1, m)
 * @param options - epsilon and threshold; see {@link GradientCheckOptions}
 * @returns the relative difference, whether it passed, and the worst entry
 * @throws {@link ShapeError} if X, Y and the parameters do not fit together
 * @throws {@link ValueError} if a value is invalid or epsilon is not a small positive number
 * @see the course's gradient_check_n; relative difference as in CS231n's notes on gradient checks.
 * @example
 * ```ts
 * const parameters = initializeParametersDeep([3, 4, 1], { seed: 1, scale: 'he' });
 * const X = createRng(2).randn(3, 5);
 * const Y = fromRows([[1, 0, 1, 1, 0]]);
 * const { difference, passed } = gradientCheck(parameters, X, Y);
 * passed;           // true
 * difference < 1e-8; // true (it is about 2.4e-9 here)
 * ```
 */
export function gradientCheck(
  parameters: Parameters, X: Matrix, Y: Matrix, options: GradientCheckOptions = {},
): GradientCheckResult {
  const fn = 'gradientCheck';
  const epsilon = options.epsilon ?? 1e-7;
  const threshold = options.threshold ?? 1e-7;
  if (typeof epsilon !== 'number' || !(epsilon > 0 && epsilon < 1)) {
    throw new ValueError(fn, `epsilon is ${String(epsilon)}; it must lie in (0, 1)`);
  }
  if (typeof threshold !== 'number' || !(threshold > 0)) {
    throw new ValueError(fn, `threshold is ${String(threshold)}; it must be positive`);
  }
  const dims = checkParameters(fn, parameters);
  assertMatrix(fn, 'X', X);
  assertMatrix(fn, 'Y', Y);
  assertShape(fn, 'X', X, dims[0], null, `X must have one row per column of W1 (${dims[0]})`);
  assertShape(fn, 'Y', Y, 1, X.shape[1], 'Y must be one row with one label per column of X');
  assertHasExamples(fn, 'X', X);
  assertFinite(fn, 'X', X);
  assertLabels(fn, 'Y', Y);

  const [AL, caches] = LModelForward(X, parameters);
  const grads = LModelBackward(AL, Y, caches) as Record<string, Matrix>;
  const probe: Record<string, Matrix> = {};
  for (const [k, v] of Object.entries(parameters)) probe[k] = copy(v);
  const cost = () => computeCost(LModelForward(X, probe as Parameters)[0], Y);

  let diff2 = 0, analytic2 = 0, numeric2 = 0;
  let worst = { key: '', row: 0, col: 0, analytic: 0, numeric: 0 };
  for (const key of Object.keys(probe)) {
    const P = probe[key];
    const G = grads[`d${key}`];
    for (let i = 0; i < P.shape[0]; i++) {
      for (let j = 0; j < P.shape[1]; j++) {
        const theta = P.get(i, j);
        P.set(i, j, theta + epsilon);
        const plus = cost();
        P.set(i, j, theta - epsilon);
        const minus = cost();
        P.set(i, j, theta);
        const numeric = (plus - minus) / (2 * epsilon);
        const analytic = G.get(i, j);
        const d = analytic - numeric;
        if (Math.abs(d) >= Math.abs(worst.analytic - worst.numeric)) worst = { key, row: i, col: j, analytic, numeric };
        diff2 += d * d;
        analytic2 += analytic * analytic;
        numeric2 += numeric * numeric;
      }
    }
  }
  const denominator = Math.sqrt(analytic2) + Math.sqrt(numeric2);
  const difference = denominator === 0 ? 0 : Math.sqrt(diff2) / denominator;
  return { difference, passed: difference < threshold, threshold, worst };
}
