/**
 * Training, evaluating, saving and loading the classifier: the only file of the example
 * that calls dnn-lite's network code.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  LLayerModel, loadModel, predictProbabilities, saveModel, zeros,
  type JsonValue, type Matrix, type Parameters, type TrainResult,
} from 'dnn-lite';
import { withMirrorImages } from './augment.js';
import { hogFeatures } from './hog.js';
import type { CostPoint } from './costPlot.js';
import { GENDER_CLASSES, type GenderDataset } from './dataset.js';
import { silentLogger, type Logger } from './logger.js';
import { type InputFeatures, memberSeed, networkLayers, type TrainSettings } from './settings.js';

export interface TrainHooks {
  /** receives "Cost after iteration i: c" every 100 iterations */
  readonly logger?: Logger;
  /** called after every iteration with its cost; `parameters()` copies the updated parameters */
  readonly onIteration?: (point: CostPoint, parameters: () => Parameters) => void;
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
 * Trains a network on (X, Y) as `settings` say: mirror images added and HOG features
 * computed if the recipe asks, weights drawn with `settings.seed`, full-batch gradient descent (with momentum 0.9 if
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
  return fitInputs(trainingInputs(X, Y, settings), settings, hooks);
}

/**
 * What the network is trained on: the photos and, if the recipe asks, their mirror images,
 * as pixels or as HOG features.
 */
function trainingInputs(X: Matrix, Y: Matrix, settings: TrainSettings): { X: Matrix; Y: Matrix } {
  // Mirroring acts on the photos, so it comes before the features are computed.
  const data = settings.mirrorImages ? withMirrorImages(X, Y) : { X, Y };
  return { X: networkInputs(data.X, settings), Y: data.Y };
}

function fitInputs(data: { X: Matrix; Y: Matrix }, settings: TrainSettings, hooks: TrainHooks): TrainResult {
  return LLayerModel(data.X, data.Y, networkLayers(settings), {
    learningRate: settings.learningRate,
    numIterations: settings.iterations,
    optimizer: settings.optimizer,
    lambd: settings.lambd,
    // Full batches: one iteration is one epoch, so the per-epoch decay applies per iteration.
    decay: settings.decayRate > 0 ? { decayRate: settings.decayRate } : undefined,
    printCost: hooks.logger !== undefined,
    logger: hooks.logger ?? silentLogger,
    init: { seed: settings.seed, scale: settings.init },
    validationData: hooks.validation && [networkInputs(hooks.validation[0], settings), hooks.validation[1]],
    callback: hooks.onIteration &&
      (({ iteration, cost, parameters }) => hooks.onIteration!({ iteration, cost }, parameters)),
  });
}

/**
 * Trains `settings.members` networks (one unless the recipe is an ensemble), with init seeds
 * {@link memberSeed}, and packs them into one classifier (see {@link packMembers}).
 *
 * @param X - training images, shape (12288, m)
 * @param Y - their labels, shape (1, m)
 * @param settings - recipe, seed and the values it fixes
 * @param hooks - cost logger and per-iteration callback; iterations count on across members
 * @returns the packed parameters and layer sizes, and each iteration's cost averaged over members
 */
export function fitEnsemble(
  X: Matrix, Y: Matrix, settings: TrainSettings, hooks: TrainHooks = {},
): { layersDims: number[]; parameters: Parameters; meanCosts: number[] } {
  const k = settings.members;
  const members: Parameters[] = [];
  const costSums = new Array<number>(settings.iterations).fill(0);
  // The members differ only in their initial weights, so they share one set of inputs.
  const inputs = trainingInputs(X, Y, settings);
  for (let j = 1; j <= k; j++) {
    const seed = memberSeed(settings.seed, j, k);
    if (k > 1) hooks.logger?.(`network ${j} of ${k} (init seed ${seed})`);
    const offset = (j - 1) * settings.iterations;
    const { parameters } = fitInputs(inputs, { ...settings, seed }, {
      logger: hooks.logger,
      onIteration: (point, current) => {
        costSums[point.iteration] += point.cost;
        hooks.onIteration?.({ iteration: offset + point.iteration, cost: point.cost }, current);
      },
    });
    members.push(parameters);
  }
  return {
    ...packMembers(members, networkLayers(settings)),
    meanCosts: costSums.map((c) => c / k),
  };
}

/**
 * Packs k networks of the same layer sizes [n0, n1, ..., nL] side by side into one network
 * of sizes [n0, k n1, ..., k nL]: W1 stacks the members' W1 rows, the later W are block
 * diagonal, so each member's units see only its own. Output row j is member j's
 * probability; {@link maleProbabilities} averages the rows. A dnn-lite model file holds
 * the packed network as it holds any other.
 *
 * @param members - k >= 1 parameter sets of layer sizes `layers`
 * @param layers - [n0, n1, ..., nL]
 * @returns the packed parameters and their layer sizes; for k = 1 the member itself
 */
export function packMembers(
  members: readonly Parameters[], layers: readonly number[],
): { layersDims: number[]; parameters: Parameters } {
  const k = members.length;
  if (k === 1) return { layersDims: [...layers], parameters: members[0] };
  const layersDims = layers.map((n, l) => (l === 0 ? n : k * n));
  const parameters: Parameters = {};
  for (let l = 1; l < layers.length; l++) {
    const [rows, cols] = [layers[l], layers[l - 1]];
    const packedCols = l === 1 ? cols : k * cols;
    const W = zeros(k * rows, packedCols);
    const b = zeros(k * rows, 1);
    members.forEach((p, j) => {
      const colOffset = l === 1 ? 0 : j * cols;
      for (let r = 0; r < rows; r++) {
        for (let c = 0; c < cols; c++) W.set(j * rows + r, colOffset + c, p[`W${l}`].get(r, c));
        b.set(j * rows + r, 0, p[`b${l}`].get(r, 0));
      }
    });
    parameters[`W${l}`] = W;
    parameters[`b${l}`] = b;
  }
  return { layersDims, parameters };
}

/**
 * Trains on `data.train` and evaluates on both splits.
 *
 * @param data - train and test images, X (12288, m)
 * @param settings - recipe, seed, iterations, learning rate, layers
 * @param hooks - cost logger and per-iteration callback
 * @returns the model, its cost curve (averaged over the members of an ensemble) and its accuracies
 */
export function trainClassifier(data: GenderDataset, settings: TrainSettings, hooks: TrainHooks = {}): TrainReport {
  const start = performance.now();
  const { layersDims, parameters, meanCosts } = fitEnsemble(data.train.X, data.train.Y, settings, hooks);
  const seconds = (performance.now() - start) / 1000;
  const costs: CostPoint[] = meanCosts.map((cost, iteration) => ({ iteration, cost }));

  const unlabelled: GenderModel = {
    layersDims, parameters, metadata: { features: settings.features, hogCell: settings.hogCell },
  };
  const trainAccuracy = labelAccuracy(maleProbabilities(unlabelled, data.train.X), data.train.Y);
  const testProbabilities = maleProbabilities(unlabelled, data.test.X);
  const testAccuracy = labelAccuracy(testProbabilities, data.test.Y);
  const metadata: { [key: string]: JsonValue } = {
    recipe: settings.recipe,
    seed: settings.seed,
    settings: {
      features: settings.features,
      hogCell: settings.hogCell,
      init: settings.init,
      optimizer: settings.optimizer,
      learningRate: settings.learningRate,
      iterations: settings.iterations,
      lambd: settings.lambd,
      decayRate: settings.decayRate,
      mirrorImages: settings.mirrorImages,
      members: settings.members,
      layers: [...settings.layers],
    },
    members: settings.members,
    features: settings.features,
    hogCell: settings.hogCell,
    classes: Object.fromEntries(GENDER_CLASSES.map(({ name, label }) => [name, label])),
    trainAccuracy,
    testAccuracy,
  };
  return {
    model: { layersDims, parameters, metadata },
    costs,
    finalCost: costs.length > 0 ? costs[costs.length - 1].cost : NaN,
    trainAccuracy,
    testAccuracy,
    testProbabilities,
    seconds,
  };
}

/**
 * P(male) for each column of X: the network's output, or for an ensemble (k output rows,
 * see {@link packMembers}) the mean of its members' outputs.
 *
 * @param model - a trained classifier
 * @param X - images, shape (12288, m)
 * @returns m probabilities
 */
export function maleProbabilities(model: GenderModel, X: Matrix): number[] {
  const P = predictProbabilities(networkInputs(X, modelInputs(model)), model.parameters);
  const [k, m] = P.shape;
  return Array.from({ length: m }, (_, j) => {
    let sum = 0;
    for (let i = 0; i < k; i++) sum += P.get(i, j);
    return sum / k;
  });
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
  // An ensemble of k networks is saved packed, with k outputs, and says so in its metadata.
  const members = typeof metadata.members === 'number' ? metadata.members : 1;
  const model: GenderModel = { layersDims, parameters, metadata };
  const inputs = modelInputs(model);
  const expected = networkLayers({ layers: [0], ...inputs })[0];
  if (layersDims[0] !== expected || layersDims[layersDims.length - 1] !== members) {
    const what = inputs.features === 'hog' ? `${expected} HOG features (cells of ${inputs.hogCell} pixels)`
      : `${expected} inputs (64 x 64 x 3)`;
    throw new Error(`${path} holds a network of layer sizes [${layersDims.join(', ')}]; ` +
      `a gender classifier takes ${what} to 1 output ` +
      `per network (${members} network(s) according to its metadata)`);
  }
  return model;
}

/** What a saved model's first layer takes in, from its metadata; pixels for files that do not say. */
function modelInputs(model: GenderModel): { features: InputFeatures; hogCell: number } {
  const { features, hogCell } = model.metadata ?? {};
  if (features === 'hog') {
    if (typeof hogCell !== 'number') throw new Error('a model on HOG features must give hogCell in its metadata');
    return { features, hogCell };
  }
  if (features !== undefined && features !== 'pixels') {
    throw new Error(`model metadata: features is ${JSON.stringify(features)}; it must be "pixels" or "hog"`);
  }
  return { features: 'pixels', hogCell: 8 };
}

/** The network's inputs for photos X (12288, m): X itself, or its HOG features. */
function networkInputs(X: Matrix, inputs: { features: InputFeatures; hogCell: number }): Matrix {
  return inputs.features === 'hog' ? hogFeatures(X, inputs.hogCell) : X;
}

/** Share of photos whose P(male) > 0.5 matches the label. */
function labelAccuracy(p: readonly number[], Y: Matrix): number {
  let right = 0;
  p.forEach((pj, j) => {
    if ((pj > 0.5 ? 1 : 0) === Y.get(0, j)) right++;
  });
  return right / p.length;
}
