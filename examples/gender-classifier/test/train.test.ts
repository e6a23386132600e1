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
import { selectColumns } from '../src/folds.js';
import { trainSettings } from '../src/settings.js';
import {
  fitNetwork, loadClassifier, maleProbabilities, saveClassifier, trainClassifier,
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

  it('refuses a model that does not take 12288 inputs', () => {
    const path = join(dir, 'three-inputs.dnnl');
    saveClassifier(path, { layersDims: [3, 1], parameters: initializeParametersDeep([3, 1], { seed: 1 }) });
    expect(() => loadClassifier(path)).toThrow(/layer sizes \[3, 1\].*12288 inputs/);
  });

  it('names a file that is not a model', () => {
    expect(() => loadClassifier(join(GENDER_DATA, 'test', 'male', 'male1.jpg'))).toThrow(/male1\.jpg/);
  });
});
