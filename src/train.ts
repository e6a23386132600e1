/**
 * The trainer: L_layer_model of the reference, with the standard toolkit around it.
 *
 * Legend: X (n_x, m) inputs, Y (1, m) labels, L layers with weights, an iteration is one
 * parameter update, an epoch is one pass over the training columns.
 *
 * @packageDocumentation
 */
import { DivergenceError, ValueError } from './errors.js';
import {
  assertFinite, assertHasExamples, assertInteger, assertLabels, assertLayerDims, assertMatrix,
  assertPositiveNumber, assertShape, fmtShape,
} from './internal/check.js';
import { checkParameters } from './internal/checkParameters.js';
import { gemmThreadSetting, setGemmThreads } from './internal/kernels/settings.js';
import { type Dtype, type FirstLayerForm, Network } from './internal/network.js';
import { type OptimizerName, OptimizerState } from './internal/optimizerStep.js';
import { type InitOptions, initializeParametersDeep } from './initialization.js';
import { scheduleLrDecay, updateLr } from './learningRateDecay.js';
import { splitTrainValidation } from './dataSplit.js';
import type { Matrix } from './matrix.js';
import type { Parameters } from './parameters.js';
import { createRng } from './random.js';

/** What the per-iteration callback receives. */
export interface IterationInfo {
  /** Iterations done so far, counting from 0 for the first update. */
  iteration: number;
  /** The epoch this iteration belongs to, from 0. */
  epoch: number;
  /** Cost of the batch this iteration trained on, before its update (with the L2 term). */
  cost: number;
  /** The learning rate used for this update. */
  learningRate: number;
  /**
   * A copy of the parameters after the update (computed only when called). Call it inside
   * the callback: once LLayerModel has returned, it throws a DnnLiteError.
   */
  parameters(): Parameters;
}

/** What the per-epoch callback receives. */
export interface EpochInfo {
  /** Epochs done so far, from 0. */
  epoch: number;
  /** Iterations done so far in total. */
  iterations: number;
  /** Mean training cost over the epoch's batches. */
  cost: number;
  /** Cost on the validation data, when there is any. */
  validationCost?: number;
  /** Accuracy on the validation data, when there is any. */
  validationAccuracy?: number;
  /**
   * A copy of the parameters after the epoch (computed only when called). Call it inside
   * the callback: once LLayerModel has returned, it throws a DnnLiteError.
   */
  parameters(): Parameters;
}

/** Early stopping on the validation cost (or the training cost without validation data). */
export interface EarlyStopping {
  /** Epochs without improvement to wait before stopping. */
  patience: number;
  /** Smallest decrease of the monitored cost that counts as an improvement. Default 0. */
  minDelta?: number;
  /**
   * Whether to return the parameters with the lowest monitored cost instead of the last ones,
   * both when training stops early and when it runs its course. With full batches and no
   * validation data, these are the parameters that lowest training cost was computed for,
   * before that iteration's update. Default true.
   */
  restoreBest?: boolean;
}

/**
 * A learning-rate schedule over epochs: inverse-time decay as {@link updateLr} (or, with a
 * timeInterval, {@link scheduleLrDecay}) computes it, or any function of the epoch and the
 * initial rate.
 */
export type LearningRateDecay =
  | {
    /** lr = lr0 / (1 + decayRate * k), k the epoch (or the epoch / timeInterval, floored). */
    decayRate: number;
    /** Epochs between decay steps (scheduled decay). Default 1: decay every epoch. */
    timeInterval?: number;
  }
  | ((epoch: number, learningRate0: number) => number);

/** Options of {@link LLayerModel}. Defaults are the reference's. */
export interface TrainOptions {
  /** Step size. Default 0.0075. */
  learningRate?: number;
  /** Number of parameter updates when `numEpochs` is not given. Default 3000. */
  numIterations?: number;
  /** Number of passes over the data; overrides `numIterations`. */
  numEpochs?: number;
  /** Log "Cost after iteration i: c" every 100 iterations and at the last one. Default false. */
  printCost?: boolean;
  /** Where printed lines go. Default `console.log`. */
  logger?: (line: string) => void;
  /** How to draw the initial weights (seed default 3, scale default 0.01). */
  init?: InitOptions;
  /** Start from these parameters instead of drawing new ones (they are copied, not changed). */
  initialParameters?: Parameters;
  /** Called after every iteration; return `false` to stop training. */
  callback?: (info: IterationInfo) => boolean | void;
  /** Called after every epoch; return `false` to stop training. */
  onEpoch?: (info: EpochInfo) => boolean | void;
  /** `'gd'` (default), `'momentum'` or `'adam'`. */
  optimizer?: OptimizerName;
  /** Momentum's beta. Default 0.9. */
  beta?: number;
  /** Adam's beta1. Default 0.9. */
  beta1?: number;
  /** Adam's beta2. Default 0.999. */
  beta2?: number;
  /** Adam's epsilon. Default 1e-8. */
  epsilon?: number;
  /** Examples per mini-batch; default all of them (full-batch gradient descent). */
  miniBatchSize?: number;
  /**
   * Seed of the mini-batch shuffles: epoch e (from 0) shuffles with seed + e + 1, as the
   * course's model() does. Default 10.
   */
  shuffleSeed?: number;
  /** L2 regularisation strength lambda. Default 0. */
  lambd?: number;
  /** Inverted-dropout keep probability for hidden layers. Default 1 (no dropout). */
  keepProb?: number;
  /** Seed of the dropout masks. Default 1. */
  dropoutSeed?: number;
  /** Learning-rate decay per epoch. Default none. */
  decay?: LearningRateDecay;
  /** Data to report validation cost and accuracy on after every epoch. */
  validationData?: [X: Matrix, Y: Matrix];
  /**
   * Instead of `validationData`: hold out this share of the training columns, per label,
   * chosen with `splitTrainValidation(X, Y, { fraction, seed: shuffleSeed })`, and train
   * on the rest.
   */
  validationSplit?: number;
  /** Early stopping, evaluated once per epoch. */
  earlyStopping?: EarlyStopping;
  /**
   * Arithmetic of training: `'float64'` (default, the reference's) or `'float32'` (faster,
   * about 7 significant digits). The returned parameters are float64 either way.
   */
  dtype?: Dtype;
  /**
   * How the first layer is computed. `'primal'` stores W1; `'dual'` keeps W1 as
   * s W1_0 + C X^T and works with the Gram matrix X^T X, much cheaper when examples are
   * fewer than input features (valid for `'gd'` and `'momentum'`, not `'adam'`). Default
   * `'auto'`: dual when it is valid and estimated cheaper and its Gram matrix takes at most
   * 256 MiB.
   */
  firstLayer?: 'auto' | FirstLayerForm;
  /**
   * Threads the large matrix products may use during this call, the calling thread
   * included: an integer in [1, 64]. Default: the process-wide setting, min(2, cores).
   */
  threads?: number;
}

/** What {@link LLayerModel} returns. */
export interface TrainResult {
  /** The trained parameters (or the best epoch's, with early stopping's restoreBest). */
  parameters: Parameters;
  /** The cost at iterations 0, 100, 200, ... as the reference records it (epochs, with mini-batches). */
  costs: number[];
  /** Training cost of every epoch (with full batches, of every iteration). */
  history: {
    /** Training cost per epoch (per iteration with full batches). */
    cost: number[];
    /** Validation cost per epoch; empty without `validationData`. */
    validationCost: number[];
    /** Validation accuracy per epoch, in [0, 1]; empty without `validationData`. */
    validationAccuracy: number[];
  };
  /** Iterations run. */
  iterations: number;
  /** Epochs run (the last possibly partial). */
  epochs: number;
  /** Why training ended. */
  stoppedBy: 'completed' | 'callback' | 'earlyStopping';
}

/**
 * Trains [LINEAR -> RELU] x (L-1) -> LINEAR -> SIGMOID on (X, Y), by default exactly as the
 * reference L_layer_model: weights from {@link initializeParametersDeep}, full-batch
 * gradient descent with learning rate 0.0075 for 3000 iterations, the cost recorded every
 * 100 iterations.
 *
 * The cost and the last layer's gradient are computed from Z[L] rather than from AL, so
 * they stay finite when the sigmoid saturates; otherwise they equal the reference's.
 *
 * @param X - training inputs, shape (n_x, m), finite
 * @param Y - labels 0 or 1, shape (1, m)
 * @param layersDims - [n_x, n[1], ..., 1]: the input size, hidden sizes and one output
 * @param options - see {@link TrainOptions}
 * @returns parameters, the recorded costs and the history; see {@link TrainResult}
 * @throws {@link ShapeError} if X, Y and layersDims do not fit together
 * @throws {@link ValueError} if a value or an option is invalid
 * @throws {@link DivergenceError} if a cost or an update stops being finite; it carries the
 *   iteration and the last finite parameters
 * @example
 * ```ts
 * const X = fromRows([[0, 0, 1, 1], [0, 1, 0, 1]]);
 * const Y = fromRows([[0, 1, 1, 1]]);
 * const { parameters, costs } = LLayerModel(X, Y, [2, 4, 1], {
 *   learningRate: 0.5, numIterations: 1000, init: { seed: 1, scale: 'he' },
 * });
 * costs.length;                    // 10
 * toRows(predict(X, parameters));  // [[0, 1, 1, 1]]
 * ```
 */
export function LLayerModel(X: Matrix, Y: Matrix, layersDims: readonly number[], options: TrainOptions = {}): TrainResult {
  const fn = 'LLayerModel';
  const cfg = resolveOptions(fn, options);
  if (cfg.threads === undefined) return train(fn, X, Y, layersDims, cfg);
  const saved = gemmThreadSetting();
  setGemmThreads(cfg.threads);
  try {
    return train(fn, X, Y, layersDims, cfg);
  } finally {
    setGemmThreads(saved);
  }
}

function train(fn: string, X: Matrix, Y: Matrix, layersDims: readonly number[], cfg: ResolvedOptions): TrainResult {
  checkData(fn, X, Y, 'X', 'Y');
  if (cfg.validationSplit !== undefined) {
    if (cfg.validationData) {
      throw new ValueError(fn, 'options.validationSplit and options.validationData are both given; use one');
    }
    if (!(cfg.validationSplit > 0 && cfg.validationSplit < 1)) {
      throw new ValueError(fn, `options.validationSplit is ${String(cfg.validationSplit)}; it must lie in (0, 1)`);
    }
    const split = splitTrainValidation(X, Y, { fraction: cfg.validationSplit, seed: cfg.shuffleSeed });
    return train(fn, split.X, split.Y, layersDims, {
      ...cfg, validationSplit: undefined, validationData: [split.Xval, split.Yval],
    });
  }
  assertLayerDims(fn, 'layersDims', layersDims);
  assertShape(fn, 'X', X, layersDims[0], null, `X must have layersDims[0] = ${layersDims[0]} rows`);
  if (layersDims[layersDims.length - 1] !== 1) {
    throw new ValueError(fn, `layersDims ends in ${layersDims[layersDims.length - 1]}; the sigmoid output must be 1 unit`);
  }
  if (cfg.validationData) {
    assertShape(fn, 'validationData X', cfg.validationData[0], layersDims[0], null,
      `validationData X must have layersDims[0] = ${layersDims[0]} rows, as X has`);
  }
  const m = X.shape[1];
  const batch = Math.min(cfg.miniBatchSize ?? m, m);

  const initial = cfg.initialParameters ?? initializeParametersDeep(layersDims, cfg.init);
  if (cfg.initialParameters) {
    const dims = checkParameters(fn, cfg.initialParameters, 'initialParameters');
    if (dims.join() !== layersDims.join()) {
      throw new ValueError(fn, `initialParameters have layer sizes [${dims.join(', ')}] but layersDims is ` +
        `[${layersDims.join(', ')}]; they must agree`);
    }
  }
  const totalIterations = cfg.numEpochs === undefined ? cfg.numIterations : Infinity;
  const totalEpochs = cfg.numEpochs ?? Infinity;
  const updates = Math.min(totalIterations, totalEpochs * Math.ceil(m / batch));
  const firstLayer = chooseFirstLayer(fn, cfg, layersDims, m, batch, updates);
  const evaluated = Math.max(batch, cfg.validationData?.[0].shape[1] ?? 0);
  const net = new Network(initial, X, Y, { dtype: cfg.dtype, firstLayer, batchSize: batch, maxBatch: evaluated });
  try {
    return trainNetwork(fn, net, cfg, initial, m, batch, totalIterations, totalEpochs);
  } finally {
    // Kernel memory is freed here, not left to garbage collection (see Network.dispose).
    net.dispose();
  }
}

/** Whether `cost` beats the best so far by early stopping's minDelta. */
function improves(cfg: ResolvedOptions, cost: number, bestCost: number): boolean {
  return cost < bestCost - (cfg.earlyStopping?.minDelta ?? 0);
}

/** The loop of {@link LLayerModel} over a built network: epochs, batches, validation, stopping. */
function trainNetwork(
  fn: string, net: Network, cfg: ResolvedOptions, initial: Parameters,
  m: number, batch: number, totalIterations: number, totalEpochs: number,
): TrainResult {
  const optimizer = new OptimizerState(net, cfg);
  const validation = cfg.validationData && net.prepare(cfg.validationData[0], cfg.validationData[1]);
  const dropoutRng = cfg.keepProb < 1 ? createRng(cfg.dropoutSeed) : undefined;
  const fullBatch = batch === m;

  const result: TrainResult = {
    parameters: initial, costs: [], iterations: 0, epochs: 0, stoppedBy: 'completed',
    history: { cost: [], validationCost: [], validationAccuracy: [] },
  };
  let best = { cost: Infinity, epoch: -1, parameters: null as (() => Parameters) | null };
  const restoreBest = cfg.earlyStopping !== undefined && cfg.earlyStopping.restoreBest !== false;
  const monitorsTrainingCost = restoreBest && fullBatch && !validation;
  let preUpdateOfEpoch: (() => Parameters) | null = null;
  let iteration = 0;

  training:
  for (let epoch = 0; epoch < totalEpochs && iteration < totalIterations; epoch++) {
    const learningRate = decayedRate(cfg, epoch);
    const order = fullBatch ? null : createRng(cfg.shuffleSeed + epoch + 1).permutation(m);
    let epochCost = 0;

    for (let start = 0; start < m && iteration < totalIterations; start += batch) {
      // Forward and cost on this batch (order: the course's permuted columns, short last batch).
      const mb = Math.min(batch, m - start);
      net.selectBatch(order, start, mb);
      const batchSum = net.forward(cfg.keepProb, dropoutRng);
      const l2 = cfg.lambd > 0 ? (cfg.lambd / (2 * mb)) * net.squaredWeights() : 0;
      const cost = batchSum / mb + l2;
      if (!Number.isFinite(cost)) throw new DivergenceError(fn, iteration, net.parameters(), `the cost is ${cost}`);
      // A full batch's cost is that of the parameters before this update: keep those, not the
      // updated ones, in case this turns out to be the best epoch.
      if (monitorsTrainingCost) preUpdateOfEpoch = improves(cfg, cost, best.cost) ? net.snapshot() : null;
      epochCost += batchSum + l2 * mb;
      if (fullBatch) report(cfg, result, iteration, cost, totalIterations);

      // Backward and update.
      net.backward(cfg);
      if (!optimizer.step(learningRate)) {
        throw new DivergenceError(fn, iteration, net.parameters(), 'an updated parameter is not finite');
      }
      iteration++;
      const keepGoing = cfg.callback?.({
        iteration: iteration - 1, epoch, cost, learningRate, parameters: () => net.parameters(),
      });
      if (keepGoing === false) {
        result.stoppedBy = 'callback';
        result.epochs = epoch + 1;
        break training;
      }
    }

    // End of epoch: history, validation, early stopping.
    const cost = epochCost / m;
    result.history.cost.push(cost);
    result.epochs = epoch + 1;
    if (!fullBatch) report(cfg, result, epoch, cost, totalEpochs, 'epoch');
    const info: EpochInfo = { epoch, iterations: iteration, cost, parameters: () => net.parameters() };
    if (validation) {
      const { cost: validationCost, accuracy } = net.evaluate(validation);
      info.validationCost = validationCost;
      info.validationAccuracy = accuracy;
      result.history.validationCost.push(info.validationCost);
      result.history.validationAccuracy.push(info.validationAccuracy);
    }
    if (cfg.onEpoch?.(info) === false) {
      result.stoppedBy = 'callback';
      break;
    }
    if (cfg.earlyStopping) {
      const monitored = info.validationCost ?? cost;
      if (improves(cfg, monitored, best.cost)) {
        best = { cost: monitored, epoch, parameters: restoreBest ? preUpdateOfEpoch ?? net.snapshot() : null };
      } else if (epoch - best.epoch >= cfg.earlyStopping.patience) {
        result.stoppedBy = 'earlyStopping';
        break;
      }
    }
  }

  result.iterations = iteration;
  // The best epoch's parameters, whether training stopped early or ran to the end.
  result.parameters = restoreBest && best.parameters ? best.parameters() : net.parameters();
  return result;
}

interface ResolvedOptions extends Required<Pick<TrainOptions,
  'learningRate' | 'numIterations' | 'printCost' | 'logger' | 'optimizer' | 'beta' | 'beta1' | 'beta2' |
  'epsilon' | 'shuffleSeed' | 'lambd' | 'keepProb' | 'dropoutSeed' | 'dtype' | 'firstLayer'>>,
  Pick<TrainOptions, 'numEpochs' | 'init' | 'initialParameters' | 'callback' | 'onEpoch' | 'miniBatchSize' |
  'decay' | 'validationData' | 'validationSplit' | 'earlyStopping' | 'threads'> {}

function resolveOptions(fn: string, o: TrainOptions): ResolvedOptions {
  if (o === null || typeof o !== 'object') throw new ValueError(fn, 'options must be an object');
  const cfg: ResolvedOptions = {
    learningRate: 0.0075, numIterations: 3000, printCost: false, logger: console.log, optimizer: 'gd',
    beta: 0.9, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, shuffleSeed: 10, lambd: 0, keepProb: 1, dropoutSeed: 1,
    dtype: 'float64', firstLayer: 'auto',
    ...stripUndefined(o),
  };
  assertPositiveNumber(fn, 'options.learningRate', cfg.learningRate);
  assertInteger(fn, 'options.numIterations', cfg.numIterations, 0);
  if (cfg.numEpochs !== undefined) assertInteger(fn, 'options.numEpochs', cfg.numEpochs, 0);
  if (cfg.miniBatchSize !== undefined) assertInteger(fn, 'options.miniBatchSize', cfg.miniBatchSize, 1);
  assertInteger(fn, 'options.shuffleSeed', cfg.shuffleSeed, 0);
  assertInteger(fn, 'options.dropoutSeed', cfg.dropoutSeed, 0);
  if (!['gd', 'momentum', 'adam'].includes(cfg.optimizer)) {
    throw new ValueError(fn, `options.optimizer is ${JSON.stringify(cfg.optimizer)}; it must be 'gd', 'momentum' or 'adam'`);
  }
  for (const key of ['beta', 'beta1', 'beta2'] as const) {
    const v = cfg[key];
    if (typeof v !== 'number' || !(v >= 0 && v < 1)) {
      throw new ValueError(fn, `options.${key} is ${String(v)}; it must lie in [0, 1)`);
    }
  }
  assertPositiveNumber(fn, 'options.epsilon', cfg.epsilon);
  if (typeof cfg.lambd !== 'number' || !(cfg.lambd >= 0) || !Number.isFinite(cfg.lambd)) {
    throw new ValueError(fn, `options.lambd is ${String(cfg.lambd)}; it must be a finite number >= 0`);
  }
  if (typeof cfg.keepProb !== 'number' || !(cfg.keepProb > 0 && cfg.keepProb <= 1)) {
    throw new ValueError(fn, `options.keepProb is ${String(cfg.keepProb)}; it must lie in (0, 1]`);
  }
  if (cfg.dtype !== 'float64' && cfg.dtype !== 'float32') {
    throw new ValueError(fn, `options.dtype is ${JSON.stringify(cfg.dtype)}; it must be 'float64' or 'float32'`);
  }
  if (!['auto', 'primal', 'dual'].includes(cfg.firstLayer)) {
    throw new ValueError(fn, `options.firstLayer is ${JSON.stringify(cfg.firstLayer)}; it must be 'auto', 'primal' or 'dual'`);
  }
  if (cfg.threads !== undefined) {
    if (!(Number.isInteger(cfg.threads) && cfg.threads >= 1 && cfg.threads <= 64)) {
      throw new ValueError(fn, `options.threads is ${String(cfg.threads)}; it must be an integer in [1, 64]`);
    }
  }
  if (typeof cfg.logger !== 'function') throw new ValueError(fn, 'options.logger must be a function');
  if (cfg.decay !== undefined && typeof cfg.decay !== 'function') {
    const { decayRate, timeInterval } = cfg.decay;
    if (typeof decayRate !== 'number' || !(decayRate >= 0) || !Number.isFinite(decayRate)) {
      throw new ValueError(fn, `options.decay.decayRate is ${String(decayRate)}; it must be a finite number >= 0`);
    }
    if (timeInterval !== undefined) assertInteger(fn, 'options.decay.timeInterval', timeInterval, 1);
  }
  if (cfg.earlyStopping) assertInteger(fn, 'options.earlyStopping.patience', cfg.earlyStopping.patience, 0);
  if (cfg.validationData) {
    if (!Array.isArray(cfg.validationData) || cfg.validationData.length !== 2) {
      throw new ValueError(fn, 'options.validationData must be a pair [X, Y]');
    }
    checkData(fn, cfg.validationData[0], cfg.validationData[1], 'validationData X', 'validationData Y');
  }
  return cfg;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function checkData(fn: string, X: Matrix, Y: Matrix, xName: string, yName: string): void {
  assertMatrix(fn, xName, X);
  assertMatrix(fn, yName, Y);
  assertShape(fn, yName, Y, 1, X.shape[1], `${yName} must be one row of labels, one per column of ${xName} ${fmtShape(X)}`);
  assertHasExamples(fn, xName, X);
  assertFinite(fn, xName, X);
  assertLabels(fn, yName, Y);
}

function decayedRate(cfg: ResolvedOptions, epoch: number): number {
  const { decay, learningRate } = cfg;
  if (decay === undefined) return learningRate;
  if (typeof decay === 'function') {
    const lr = decay(epoch, learningRate);
    assertPositiveNumber('LLayerModel', `options.decay(${epoch}, ${learningRate})`, lr);
    return lr;
  }
  return decay.timeInterval === undefined
    ? updateLr(learningRate, epoch, decay.decayRate)
    : scheduleLrDecay(learningRate, epoch, decay.decayRate, decay.timeInterval);
}

function report(cfg: ResolvedOptions, result: TrainResult, i: number, cost: number, total: number, unit = 'iteration'): void {
  if (i % 100 === 0) result.costs.push(cost);
  if (cfg.printCost && (i % 100 === 0 || i === total - 1)) cfg.logger(`Cost after ${unit} ${i}: ${cost}`);
}

/** Largest Gram matrix X^T X the automatic choice will allocate. */
const MAX_GRAM_BYTES = 256 * 2 ** 20;

/**
 * The dual first layer is valid for optimizers whose updates are linear in the gradient.
 * It costs the Gram matrix once (2 m^2 n_x flops) and 4 n1 m mb per update, against the
 * primal 6 n1 n_x mb per update.
 */
function chooseFirstLayer(
  fn: string, cfg: ResolvedOptions, dims: readonly number[], m: number, batch: number, updates: number,
): FirstLayerForm {
  const valid = cfg.optimizer !== 'adam';
  if (cfg.firstLayer === 'dual' && !valid) {
    throw new ValueError(fn, "options.firstLayer is 'dual' but options.optimizer is 'adam'; " +
      "Adam's updates leave the span of the training columns, so use 'primal' or 'auto'");
  }
  if (cfg.firstLayer !== 'auto') return cfg.firstLayer;
  const [nx, n1] = [dims[0], dims[1]];
  const bytes = m * m * (cfg.dtype === 'float32' ? 4 : 8);
  const dual = 2 * m * m * nx + 2 * n1 * nx * m + updates * 4 * n1 * m * batch;
  const primal = updates * 6 * n1 * nx * batch;
  return valid && m < nx && bytes <= MAX_GRAM_BYTES && dual < primal ? 'dual' : 'primal';
}
