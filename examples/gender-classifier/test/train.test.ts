/**
 * Real training runs of dnn-lite on a small subset of the reference photos: a few
 * iterations of a small network, so each test takes well under a second of training.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  accuracy, initializeParametersDeep, LLayerModel, predict, predictProbabilities, toRows,
} from 'dnn-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GenderDataset } from '../src/dataset.js';
import { loadGenderDataset } from '../src/dataset.js';
import { withMirrorImages } from '../src/augment.js';
import { selectColumns } from '../src/folds.js';
import { hogFeatures } from '../src/hog.js';
import { trainSettings } from '../src/settings.js';
import {
  fitEnsemble, fitNetwork, loadClassifier, maleProbabilities, packMembers, saveClassifier, trainClassifier,
} from '../src/train.js';
import { GENDER_DATA } from './paths.js';

/** A small network and few iterations: enough to move the cost, quick to run. */
const SMALL = { layers: [12288, 4, 1], iterations: 40 };

let data: GenderDataset;
let dir: string;
beforeAll(async () => {
  // 6 photos per class from each split of the reference data set.
  const full = await loadGenderDataset(GENDER_DATA);
  // Males come first, then as many females.
  const pick = (split: GenderDataset['train'], perClass: number) => {
    const half = split.files.length / 2;
    const columns = [...Array(perClass).keys()].flatMap((j) => [j, half + j]);
    return {
      X: selectColumns(split.X, columns),
      Y: selectColumns(split.Y, columns),
      files: columns.map((j) => split.files[j]),
    };
  };
  data = { train: pick(full.train, 6), test: pick(full.test, 6) };
  dir = await mkdtemp(join(tmpdir(), 'gender-train-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('fitNetwork', () => {
  it('trains the reference recipe exactly as LLayerModel with the reference options', () => {
    const settings = trainSettings('reference', 3, SMALL);
    const ours = fitNetwork(data.train.X, data.train.Y, settings);
    const direct = LLayerModel(data.train.X, data.train.Y, SMALL.layers, {
      learningRate: 0.0075, numIterations: SMALL.iterations, init: { seed: 3, scale: 'xavier' },
    });
    expect(toRows(ours.parameters.W2)).toEqual(toRows(direct.parameters.W2));
    expect(ours.history.cost).toEqual(direct.history.cost);
  });

  it('trains the improved recipe on the photos and their mirror images', () => {
    const settings = trainSettings('improved', 3, SMALL);
    let seen = 0;
    const result = fitNetwork(data.train.X, data.train.Y, settings, {
      validation: [data.test.X, data.test.Y],
      onIteration: () => { seen++; },
    });
    expect(seen).toBe(SMALL.iterations);
    expect(result.history.validationAccuracy).toHaveLength(SMALL.iterations);
    // The cost is a mean over 24 columns (12 photos, 12 mirror images); it falls.
    expect(result.history.cost.at(-1)!).toBeLessThan(result.history.cost[0]);
  });
});

describe('fitNetwork on HOG features', () => {
  it('trains on the HOG features of the photos and of their mirror images, and validates on features too', () => {
    const settings = trainSettings('hog', 3, SMALL);
    const ours = fitNetwork(data.train.X, data.train.Y, settings, { validation: [data.test.X, data.test.Y] });
    const mirrored = withMirrorImages(data.train.X, data.train.Y);
    const direct = LLayerModel(hogFeatures(mirrored.X), mirrored.Y, [1764, 4, 1], {
      learningRate: settings.learningRate, numIterations: SMALL.iterations, optimizer: 'momentum', lambd: settings.lambd,
      init: { seed: 3, scale: 'he' }, validationData: [hogFeatures(data.test.X), data.test.Y],
    });
    expect(ours.parameters.W1.shape).toEqual([4, 1764]);
    expect(toRows(ours.parameters.W1)).toEqual(toRows(direct.parameters.W1));
    expect(ours.history.validationAccuracy).toEqual(direct.history.validationAccuracy);
  });
});

describe('packMembers', () => {
  it('packs networks side by side: output row j is network j\'s probability', () => {
    const layers = [12288, 4, 3, 1];
    const members = [1, 2, 3].map((seed) => initializeParametersDeep(layers, { seed, scale: 'he' }));
    const { layersDims, parameters } = packMembers(members, layers);
    expect(layersDims).toEqual([12288, 12, 9, 3]);
    expect(parameters.W2.shape).toEqual([9, 12]);
    const packed = toRows(predictProbabilities(data.test.X, parameters));
    members.forEach((p, j) => {
      const alone = toRows(predictProbabilities(data.test.X, p))[0];
      packed[j].forEach((x, i) => expect(x).toBeCloseTo(alone[i], 12));
    });
  });

  it('leaves a single network as it is', () => {
    const p = initializeParametersDeep([12288, 2, 1], { seed: 1 });
    expect(packMembers([p], [12288, 2, 1]).parameters).toBe(p);
  });
});

describe('fitEnsemble', () => {
  it('trains the members from init seeds seed * 1000 + j and averages their costs', () => {
    const settings = trainSettings('ensemble', 4, { ...SMALL, members: 2 });
    const iterations: number[] = [];
    const ensemble = fitEnsemble(data.train.X, data.train.Y, settings, {
      onIteration: ({ iteration }) => iterations.push(iteration),
    });
    expect(iterations).toEqual([...Array(2 * SMALL.iterations).keys()]);
    const alone = [4001, 4002].map((seed) => fitNetwork(data.train.X, data.train.Y, { ...settings, seed }));
    expect(ensemble.meanCosts[7]).toBeCloseTo((alone[0].history.cost[7] + alone[1].history.cost[7]) / 2, 12);
    const P = toRows(predictProbabilities(data.test.X, ensemble.parameters));
    const expected = alone.map((r) => toRows(predictProbabilities(data.test.X, r.parameters))[0]);
    const mean = maleProbabilities({ layersDims: ensemble.layersDims, parameters: ensemble.parameters }, data.test.X);
    mean.forEach((p, i) => {
      expect(P[1][i]).toBeCloseTo(expected[1][i], 12);
      expect(p).toBeCloseTo((expected[0][i] + expected[1][i]) / 2, 12);
    });
  });
});

describe('trainClassifier', () => {
  it('reports the cost of every iteration and the accuracies of its parameters', () => {
    const lines: string[] = [];
    const report = trainClassifier(data, trainSettings('reference', 1, { ...SMALL, iterations: 101 }), {
      logger: (line) => lines.push(line),
    });
    expect(report.costs.map((c) => c.iteration)).toEqual([...Array(101).keys()]);
    expect(report.finalCost).toBe(report.costs[100].cost);
    expect(lines.map((l) => l.split(':')[0])).toEqual([
      'Cost after iteration 0', 'Cost after iteration 100',
    ]);

    const { parameters } = report.model;
    expect(report.trainAccuracy).toBe(accuracy(predict(data.train.X, parameters), data.train.Y));
    expect(report.testAccuracy).toBe(accuracy(predict(data.test.X, parameters), data.test.Y));
    expect(report.testProbabilities).toEqual(toRows(predictProbabilities(data.test.X, parameters))[0]);
    expect(report.model.metadata).toMatchObject({
      recipe: 'reference', seed: 1, classes: { male: 1, female: 0 },
      settings: { init: 'xavier', optimizer: 'gd', iterations: 101, learningRate: 0.0075 },
    });
  });
});

describe('saveClassifier and loadClassifier', () => {
  it('round-trip a model: same predictions, same metadata, same bytes when saved again', () => {
    const report = trainClassifier(data, trainSettings('improved', 2, SMALL));
    const first = join(dir, 'new', 'folder', 'model.dnnl');
    saveClassifier(first, report.model);

    const loaded = loadClassifier(first);
    expect(loaded.layersDims).toEqual(SMALL.layers);
    expect(loaded.metadata).toEqual(report.model.metadata);
    expect(maleProbabilities(loaded, data.test.X)).toEqual(report.testProbabilities);

    const second = join(dir, 'again.dnnl');
    saveClassifier(second, loaded);
    expect(readFileSync(second).equals(readFileSync(first))).toBe(true);
  });

  it('round-trip an ensemble, packed in one file with its number of networks in the metadata', () => {
    const report = trainClassifier(data, trainSettings('ensemble', 1, { ...SMALL, members: 3 }));
    const path = join(dir, 'ensemble.dnnl');
    saveClassifier(path, report.model);
    const loaded = loadClassifier(path);
    expect(loaded.layersDims).toEqual([12288, 12, 3]);
    expect(loaded.metadata).toMatchObject({ recipe: 'ensemble', members: 3 });
    expect(maleProbabilities(loaded, data.test.X)).toEqual(report.testProbabilities);
    const right = report.testProbabilities.filter((p, j) => (p > 0.5 ? 1 : 0) === data.test.Y.get(0, j));
    expect(report.testAccuracy).toBe(right.length / data.test.files.length);
  });

  it('round-trip an ensemble on HOG features: predict computes the features the metadata names', () => {
    const report = trainClassifier(data, trainSettings('hog', 1, { ...SMALL, members: 2 }));
    const path = join(dir, 'hog.dnnl');
    saveClassifier(path, report.model);
    const loaded = loadClassifier(path);
    expect(loaded.layersDims).toEqual([1764, 8, 2]);
    expect(loaded.metadata).toMatchObject({ recipe: 'hog', members: 2, features: 'hog', hogCell: 8 });
    expect(maleProbabilities(loaded, data.test.X)).toEqual(report.testProbabilities);
  });

  it('refuses a HOG model whose inputs are not the HOG features its metadata names', () => {
    const path = join(dir, 'hog-mismatch.dnnl');
    const layers = [1764, 2, 1];
    saveClassifier(path, {
      layersDims: layers, parameters: initializeParametersDeep(layers, { seed: 1 }),
      metadata: { features: 'hog', hogCell: 16 },
    });
    expect(() => loadClassifier(path)).toThrow(/\[1764, 2, 1\].*324 HOG features \(cells of 16 pixels\)/);
  });

  it('refuses a model whose outputs do not match its number of networks', () => {
    const path = join(dir, 'two-outputs.dnnl');
    const layers = [12288, 2, 2];
    saveClassifier(path, { layersDims: layers, parameters: initializeParametersDeep(layers, { seed: 1 }) });
    expect(() => loadClassifier(path)).toThrow(/layer sizes \[12288, 2, 2\].*1 network/);
  });

  it('refuses a model that does not take 12288 inputs', () => {
    const path = join(dir, 'three-inputs.dnnl');
    saveClassifier(path, { layersDims: [3, 1], parameters: initializeParametersDeep([3, 1], { seed: 1 }) });
    expect(() => loadClassifier(path)).toThrow(/layer sizes \[3, 1\].*12288 inputs/);
  });

  it('names a file that is not a model', () => {
    expect(() => loadClassifier(join(GENDER_DATA, 'test', 'male', 'male1.jpg'))).toThrow(/male1\.jpg/);
  });
});
