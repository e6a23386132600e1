/**
 * The train and predict commands from data to files, with the core trainer replaced by
 * a stand-in whose "probability" is an image's first pixel: this checks the command's
 * plumbing (options reaching the trainer, the JSON line, the three output files, the
 * choice of misclassified images), not learning.
 */
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadImageFolder } from '../src/dataset.js';
import { buildProgram } from '../src/program.js';
import { GENDER_DATA } from './paths.js';

const calls: { layers: number[]; options: Record<string, unknown> }[] = [];

vi.mock('dnn-lite', async (importOriginal) => {
  const real = await importOriginal<typeof import('dnn-lite')>();
  type M = import('dnn-lite').Matrix;
  const firstPixel = (X: M) => real.fromArray(
    Float64Array.from({ length: X.shape[1] }, (_, j) => X.get(0, j)), 1, X.shape[1]);
  return {
    ...real,
    LLayerModel: (_X: M, _Y: M, layers: number[], options: Record<string, unknown>) => {
      calls.push({ layers, options });
      const n = options.numIterations as number;
      for (let i = 0; i < n; i++) {
        if (options.printCost && i % 100 === 0) (options.logger as (l: string) => void)(`Cost after iteration ${i}: 0.5`);
        (options.callback as (info: { iteration: number; cost: number }) => void)({ iteration: i, cost: 0.7 - i / 1000 });
      }
      return { parameters: {}, costs: [0.7] };
    },
    predictProbabilities: firstPixel,
    predict: (X: M) => real.fromArray(
      Float64Array.from({ length: X.shape[1] }, (_, j) => (X.get(0, j) > 0.5 ? 1 : 0)), 1, X.shape[1]),
    accuracy: (P: M, Y: M) => {
      let hits = 0;
      for (let j = 0; j < Y.shape[1]; j++) hits += P.get(0, j) === Y.get(0, j) ? 1 : 0;
      return hits / Y.shape[1];
    },
    saveModel: (path: string, model: { layersDims: number[] }) => writeFile(path, JSON.stringify(model)),
    loadModel: async (path: string) => JSON.parse(await readFile(path, 'utf8')),
  };
});

let dir: string;
let data: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gender-train-'));
  // A small ImageFolder keeps these tests fast: 4 photos per class and split.
  data = join(dir, 'data');
  for (const split of ['train', 'test']) {
    for (const cls of ['male', 'female']) {
      await mkdir(join(data, split, cls), { recursive: true });
      for (let k = 1; k <= 4; k++) {
        const name = `${cls}${split === 'train' ? k : k + 10}.jpg`;
        await copyFile(join(GENDER_DATA, split, cls, name), join(data, split, cls, name));
      }
    }
  }
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const program = buildProgram({ out: (l) => out.push(l), err: (l) => err.push(l), progress: false });
  const error = await program.parseAsync(args, { from: 'user' }).then(() => undefined, (e: unknown) => e as Error);
  return { out, err, error };
}

describe('train and predict commands', () => {
  it('train --json prints one summary line and writes the model, the plot and the page', async () => {
    const outDir = join(dir, 'json');
    const { out, error } = await run('train', '--json', '--data', data, '--out', outDir,
      '--seed', '7', '--iterations', '120', '--learning-rate', '0.01', '--layers', '12288,4,1');
    expect(error).toBeUndefined();

    const call = calls.at(-1)!;
    expect(call.layers).toEqual([12288, 4, 1]);
    expect(call.options).toMatchObject({ numIterations: 120, learningRate: 0.01, init: { seed: 7, scale: 'xavier' } });

    const test = await loadImageFolder(join(data, 'test'));
    const wrong = test.files.filter((_, j) => (test.X.get(0, j) > 0.5 ? 1 : 0) !== test.Y.get(0, j));
    expect(out).toHaveLength(1);
    const summary = JSON.parse(out[0]);
    expect(Object.keys(summary)).toEqual(['seed', 'recipe', 'trainAccuracy', 'testAccuracy', 'finalCost', 'seconds']);
    expect(summary).toMatchObject({ seed: 7, recipe: 'reference', finalCost: 0.7 - 119 / 1000 });
    expect(summary.testAccuracy).toBeCloseTo(1 - wrong.length / 8, 12);

    expect((await readdir(outDir)).sort()).toEqual(['cost.svg', 'misclassified.html', 'model.json']);
    expect(wrong.length).toBeGreaterThan(0);
    const page = await readFile(join(outDir, 'misclassified.html'), 'utf8');
    expect(page.match(/<img /g) ?? []).toHaveLength(wrong.length);
    const svg = await readFile(join(outDir, 'cost.svg'), 'utf8');
    expect(/<polyline points="([^"]+)"/.exec(svg)![1].split(' ')).toHaveLength(120);
  });

  it('train reports the cost every 100 iterations and the accuracies', async () => {
    const { out, error } = await run('train', '--data', data, '--out', join(dir, 'text'), '--iterations', '201');
    expect(error).toBeUndefined();
    expect(out.filter((l) => l.startsWith('Cost after iteration'))).toHaveLength(3);
    expect(out.some((l) => /^train accuracy \d\.\d{3}, test accuracy \d\.\d{3}/.test(l))).toBe(true);
    expect(calls.at(-1)!.options).toMatchObject({ numIterations: 201, learningRate: 0.0075, init: { seed: 1, scale: 'xavier' } });
    expect(calls.at(-1)!.layers).toEqual([12288, 30, 20, 7, 5, 1]);
  });

  it('predict prints male or female with the probability for each photo', async () => {
    const model = join(dir, 'json', 'model.json');
    const photos = [join(GENDER_DATA, 'test', 'male', 'male1.jpg'), join(GENDER_DATA, 'test', 'female', 'female1.jpg')];
    const { out, error } = await run('predict', '--model', model, ...photos);
    expect(error).toBeUndefined();
    expect(out).toHaveLength(2);
    out.forEach((line, j) => expect(line).toMatch(new RegExp(`^${photos[j]}: (male|female) \\(P\\(male\\) = \\d\\.\\d{3}\\)$`)));
  });

  it('says the improved recipe is not available yet', async () => {
    const { error } = await run('train', '--data', data, '--out', join(dir, 'improved'), '--recipe', 'improved');
    expect(error?.message).toContain('improved');
  });
});
