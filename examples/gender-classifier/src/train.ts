/**
 * Training, evaluating, saving and loading the classifier: the only file of the example
 * that calls dnn-lite's network code.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  accuracy, LLayerModel, loadModel, predict, predictProbabilities, saveModel,
  type JsonValue, type Matrix, type Parameters, type TrainResult,
} from 'dnn-lite';
import { withMirrorImages } from './augment.js';
import type { CostPoint } from './costPlot.js';
import { GENDER_CLASSES, type GenderDataset } from './dataset.js';
import { silentLogger, type Logger } from './logger.js';
import type { TrainSettings } from './settings.js';

export interface TrainHooks {
  /** receives "Cost after iteration i: c" every 100 iterations */
  readonly logger?: Logger;
  /** called after every iteration with its cost */
  readonly onIteration?: (point: CostPoint) => void;
  /** images to report the accuracy on after every iteration (in `history`), X (12288, k), Y (1, k) */
  readonly validation?: readonly [X: Matrix, Y: Matrix];
}

/** A trained classifier as saved to and loaded from a model file. */
export interface GenderModel {
  readonly layersDims: readonly number[];
  readonly parameters: Parameters;
  /** how it was trained: the settings, the class labels, the accuracies */
  readonly metadata?: { readonly [key: string]: JsonValue };
}

/** What a training run produced and how well it does. */
export interface TrainReport {
  readonly model: GenderModel;
  /** the cost of every iteration */
  readonly costs: readonly CostPoint[];
  readonly finalCost: number;
  readonly trainAccuracy: number;
  readonly testAccuracy: number;
  /** P(male) of each test image, in the order of the test files */
  readonly testProbabilities: readonly number[];
  /** wall-clock seconds spent in training, evaluation excluded */
  readonly seconds: number;
}

/**
 * Trains a network on (X, Y) as `settings` say: mirror images added if the recipe asks,
 * weights drawn with `settings.seed`, full-batch gradient descent (with momentum 0.9 if
 * the recipe asks), L2 if lambd > 0.
 *
 * The reference recipe is the reference's L_layer_model: weights drawn as
 * randn / sqrt(n[l-1]) (`'xavier'`), which is what the reference code ran. Its report
 * shows randn * 0.01 instead; with that scale the signal shrinks about a hundredfold per
 * layer, and this five-layer network stays at cost ln 2.
 *
 * @param X - training images, shape (12288, m)
 * @param Y - their labels, shape (1, m)
 * @param settings - recipe, seed and the values it fixes
 * @param hooks - cost logger, per-iteration callback, validation images
 * @returns dnn-lite's training result: parameters, costs, history
 */
export function fitNetwork(X: Matrix, Y: Matrix, settings: TrainSettings, hooks: TrainHooks = {}): TrainResult {
  const data = settings.mirrorImages ? withMirrorImages(X, Y) : { X, Y };
  return LLayerModel(data.X, data.Y, settings.layers, {
    learningRate: settings.learningRate,
    numIterations: settings.iterations,
    optimizer: settings.optimizer,
    lambd: settings.lambd,
    // Full batches: one iteration is one epoch, so the per-epoch decay applies per iteration.
    decay: settings.decayRate > 0 ? { decayRate: settings.decayRate } : undefined,
    printCost: hooks.logger !== undefined,
    logger: hooks.logger ?? silentLogger,
    init: { seed: settings.seed, scale: settings.init },
    validationData: hooks.validation && [hooks.validation[0], hooks.validation[1]],
    callback: hooks.onIteration && (({ iteration, cost }) => hooks.onIteration!({ iteration, cost })),
  });
}

/**
 * Trains on `data.train` and evaluates on both splits.
 *
 * @param data - train and test images, X (12288, m)
 * @param settings - recipe, seed, iterations, learning rate, layers
 * @param hooks - cost logger and per-iteration callback
 * @returns the model, its cost curve and its accuracies
 */
export function trainClassifier(data: GenderDataset, settings: TrainSettings, hooks: TrainHooks = {}): TrainReport {
  const costs: CostPoint[] = [];

  const start = performance.now();
  const { parameters } = fitNetwork(data.train.X, data.train.Y, settings, {
    ...hooks,
    onIteration: (point) => {
      costs.push(point);
      hooks.onIteration?.(point);
    },
  });
  const seconds = (performance.now() - start) / 1000;

  const trainAccuracy = accuracy(predict(data.train.X, parameters), data.train.Y);
  const testAccuracy = accuracy(predict(data.test.X, parameters), data.test.Y);
  const metadata: { [key: string]: JsonValue } = {
    recipe: settings.recipe,
    seed: settings.seed,
    settings: {
      init: settings.init,
      optimizer: settings.optimizer,
      learningRate: settings.learningRate,
      iterations: settings.iterations,
      lambd: settings.lambd,
      decayRate: settings.decayRate,
      mirrorImages: settings.mirrorImages,
    },
    classes: Object.fromEntries(GENDER_CLASSES.map(({ name, label }) => [name, label])),
    trainAccuracy,
    testAccuracy,
  };
  return {
    model: { layersDims: [...settings.layers], parameters, metadata },
    costs,
    finalCost: costs.length > 0 ? costs[costs.length - 1].cost : NaN,
    trainAccuracy,
    testAccuracy,
    testProbabilities: row(predictProbabilities(data.test.X, parameters)),
    seconds,
  };
}

/**
 * P(male) for each column of X.
 *
 * @param model - a trained classifier
 * @param X - images, shape (12288, m)
 * @returns m probabilities
 */
export function maleProbabilities(model: GenderModel, X: Matrix): number[] {
  return row(predictProbabilities(X, model.parameters));
}

/** Saves a trained classifier to `path` (a dnn-lite model file), creating its folder if needed. */
export function saveClassifier(path: string, model: GenderModel): void {
  mkdirSync(dirname(path), { recursive: true });
  saveModel(path, {
    layersDims: [...model.layersDims],
    parameters: model.parameters,
    ...(model.metadata === undefined ? {} : { metadata: { ...model.metadata } }),
  });
}

/**
 * Loads a classifier saved by {@link saveClassifier}.
 *
 * @throws dnn-lite's ModelFileError if the file is missing, damaged or not a model file
 * @throws Error if the model does not take 64x64 RGB images to one output
 */
export function loadClassifier(path: string): GenderModel {
  const { layersDims, parameters, metadata } = loadModel(path);
  if (layersDims[0] !== 12288 || layersDims[layersDims.length - 1] !== 1) {
    throw new Error(`${path} holds a network of layer sizes [${layersDims.join(', ')}]; ` +
      'a gender classifier takes 12288 inputs (64 x 64 x 3) to 1 output');
  }
  return { layersDims, parameters, metadata };
}

function row(M: Matrix): number[] {
  return Array.from({ length: M.shape[1] }, (_, j) => M.get(0, j));
}
