/**
 * Typed errors thrown by dnn-lite, so callers can tell misuse (a wrong shape or value)
 * from a failure of training itself.
 *
 * @packageDocumentation
 */
import type { Parameters } from './parameters.js';

/**
 * Base class of every error dnn-lite throws on purpose.
 *
 * @example
 * ```ts
 * try { linearForward(A, W, b); } catch (e) { if (e instanceof DnnLiteError) console.log(e.message); }
 * ```
 */
export class DnnLiteError extends Error {
  // Each class spells out its name: a minifier renames classes, so the name of
  // new.target would turn 'ShapeError' into something like 'M' in a minified bundle.
  /** Always `'DnnLiteError'`, stated here so minified builds keep it. */
  override name = 'DnnLiteError';

  /** The public function that refused its input, e.g. `'linearForward'`. */
  readonly fn: string;

  /**
   * An error whose message is prefixed with the name of the function that threw it.
   *
   * @param fn - name of the public function that failed
   * @param message - what is wrong and what must hold
   */
  constructor(fn: string, message: string) {
    super(`${fn}: ${message}`);
    this.fn = fn;
  }
}

/**
 * An argument has the wrong number of dimensions or a shape that does not fit another
 * argument.
 *
 * @example
 * ```ts
 * linearForward(zeros(5, 2), zeros(4, 3), zeros(4, 1));
 * // ShapeError: linearForward: W is [4, 3] but A_prev is [5, 2]; W's columns must equal A_prev's rows
 * ```
 */
export class ShapeError extends DnnLiteError {
  /** Always `'ShapeError'`, stated here so minified builds keep it. */
  override name = 'ShapeError';
}

/**
 * An argument has the right shape but a value that is not allowed: NaN, a label outside
 * {0, 1}, a learning rate that is not positive, a missing parameter key.
 *
 * @example
 * ```ts
 * computeCost(fromRows([[0.5]]), fromRows([[2]]));
 * // ValueError: computeCost: Y[0, 0] is 2; labels must be 0 or 1
 * ```
 */
export class ValueError extends DnnLiteError {
  /** Always `'ValueError'`, stated here so minified builds keep it. */
  override name = 'ValueError';
}

/**
 * Training produced a non-finite cost or parameter. The last parameters that were
 * finite travel with the error so the work done so far is not lost.
 *
 * @example
 * ```ts
 * try { LLayerModel(X, Y, dims, { learningRate: 1e6 }); }
 * catch (e) { if (e instanceof DivergenceError) console.log(e.iteration, Object.keys(e.lastFiniteParameters)); }
 * ```
 */
export class DivergenceError extends DnnLiteError {
  /** Always `'DivergenceError'`, stated here so minified builds keep it. */
  override name = 'DivergenceError';

  /** Iteration at which the cost or a parameter stopped being finite. */
  readonly iteration: number;
  /** The parameters before the step that diverged. */
  readonly lastFiniteParameters: Parameters;

  /**
   * An error whose message names the iteration and tells to lower the learning rate.
   *
   * @param fn - the trainer that diverged
   * @param iteration - the iteration whose cost or update was not finite
   * @param lastFiniteParameters - parameters before that iteration's update
   * @param detail - what was found not finite
   */
  constructor(fn: string, iteration: number, lastFiniteParameters: Parameters, detail: string) {
    super(fn, `training diverged at iteration ${iteration}: ${detail}; ` +
      'lower the learning rate; the last finite parameters are in error.lastFiniteParameters');
    this.iteration = iteration;
    this.lastFiniteParameters = lastFiniteParameters;
  }
}

/** Why a model or array file could not be read or written. */
export type ModelFileProblem =
  | 'io'
  | 'empty'
  | 'not-a-model'
  | 'truncated'
  | 'corrupted'
  | 'unsupported-version'
  | 'invalid-content';

/**
 * A model file could not be written, or a file given to the loader is not a valid,
 * complete model file of a version this library reads. `problem` says which, so a caller
 * can tell a truncated download from a file of a newer format.
 *
 * @example
 * ```ts
 * try { loadModel('model.dnnl'); }
 * catch (e) { if (e instanceof ModelFileError) console.log(e.problem, e.path); }
 * // truncated model.dnnl
 * ```
 */
export class ModelFileError extends DnnLiteError {
  /** The file that was being read or written. */
  readonly path: string;
  /** What is wrong with it. */
  readonly problem: ModelFileProblem;
  /** Always `'ModelFileError'`, stated here so minified builds keep it. */
  override name = 'ModelFileError';

  /**
   * A model file could not be written or read back.
   *
   * @param fn - the public function that failed, e.g. `'loadModel'`
   * @param path - the file concerned
   * @param problem - the kind of failure
   * @param message - what was found and what must hold
   * @param cause - the underlying error, for I/O failures
   */
  constructor(fn: string, path: string, problem: ModelFileProblem, message: string, cause?: unknown) {
    super(fn, `${path}: ${message}`);
    this.path = path;
    this.problem = problem;
    if (cause !== undefined) (this as { cause?: unknown }).cause = cause;
  }
}
