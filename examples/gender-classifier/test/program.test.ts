import { copyFile, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import * as tar from 'tar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadImageFolder } from '../src/dataset.js';
import { REFERENCE_FOLDERS } from '../src/download.js';
import { buildProgram, type TrainSummary } from '../src/program.js';
import { loadClassifier, maleProbabilities } from '../src/train.js';
import { GENDER_DATA } from './paths.js';

let dir: string;
let server: Server;
let baseUrl: string;
/** A small ImageFolder: 4 reference photos per class and split, so training takes a moment. */
let small: string;

/** Runs the program on `args`; returns its stdout and stderr lines, and the error if it failed. */
async function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const program = buildProgram({ out: (l) => out.push(l), err: (l) => err.push(l), progress: false });
  program.exitOverride();
  for (const sub of program.commands) sub.exitOverride();
  const error = await program.parseAsync(args, { from: 'user' }).then(() => undefined, (e: unknown) => e as Error);
  return { out, err, error };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gender-program-'));
  // A small archive in the reference layout: one photo per reference folder.
  const root = join(dir, 'stage', 'Gender-Classification-main');
  for (const [folder, part] of Object.entries(REFERENCE_FOLDERS)) {
    await mkdir(join(root, folder), { recursive: true });
    const cls = part.split('/')[1];
    await copyFile(join(GENDER_DATA, 'test', cls, `${cls}1.jpg`), join(root, folder, `${folder}.jpg`));
  }
  const file = join(dir, 'repo.tar.gz');
  await tar.c({ gzip: true, file, cwd: join(dir, 'stage') }, ['Gender-Classification-main']);
  const archive = await readFile(file);
  server = createServer((_req, res) => res.end(archive));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  small = join(dir, 'small');
  for (const split of ['train', 'test']) {
    for (const cls of ['male', 'female']) {
      await mkdir(join(small, split, cls), { recursive: true });
      for (let k = 1; k <= 4; k++) {
        const name = `${cls}${split === 'train' ? k : k + 10}.jpg`;
        await copyFile(join(GENDER_DATA, split, cls, name), join(small, split, cls, name));
      }
    }
  }
});

afterAll(async () => {
  await new Promise((done) => server.close(done));
  await rm(dir, { recursive: true, force: true });
});

describe('gender-classifier command line', () => {
  it('lists its three commands', async () => {
    const { out, error } = await run('--help');
    expect((error as { code?: string }).code).toBe('commander.helpDisplayed');
    const help = out.join('\n');
    for (const command of ['train', 'predict', 'download']) expect(help).toContain(command);
  });

  it('documents the train options with the reference defaults', async () => {
    const { out } = await run('train', '--help');
    const help = out.join('\n');
    for (const flag of ['--data', '--seed', '--iterations', '--learning-rate', '--layers', '--recipe', '--out', '--json']) {
      expect(help).toContain(flag);
    }
    expect(help).toContain('2500');
    expect(help).toContain('0.0075');
  });

  it('rejects a layer list that does not start with 12288', async () => {
    const { err, error } = await run('train', '--layers', '100,5,1');
    expect(error).toBeDefined();
    expect(err.join('\n')).toContain('must start with 12288');
  });

  it('rejects an unknown recipe and a negative learning rate', async () => {
    expect((await run('train', '--recipe', 'magic')).err.join('\n')).toContain('reference, improved, ensemble');
    expect((await run('train', '--learning-rate', '-1')).err.join('\n')).toContain('positive number');
  });

  it('names a missing data folder', async () => {
    const missing = join(dir, 'nowhere');
    const { error } = await run('train', '--data', missing);
    expect(error?.message).toBe(
      `data set folder ${missing} does not exist or is not a folder; it must hold the ImageFolders train/ and test/`);
  });

  it('downloads the data set into --dir and prints where', async () => {
    const target = join(dir, 'data');
    const { out, error } = await run('download', '--dir', target, '--archive-base-url', baseUrl);
    expect(error).toBeUndefined();
    expect(out).toEqual([target]);
    expect((await readdir(join(target, 'train', 'male'))).sort()).toEqual(['newMale.jpg', 'newMale2.jpg']);
  });
});

describe('train and predict', () => {
  /** Few iterations of a small network: a real run that takes a moment. */
  const quick = ['--layers', '12288,4,1', '--iterations', '120', '--seed', '7'];

  it('train --json trains, prints one summary line and writes the model, the plot and the page', async () => {
    const outDir = join(dir, 'json');
    const { out, err, error } = await run('train', '--json', '--data', small, '--out', outDir, ...quick);
    expect(error).toBeUndefined();
    expect(err).toEqual([]);
    expect(out).toHaveLength(1);
    const summary = JSON.parse(out[0]) as TrainSummary;
    expect(Object.keys(summary)).toEqual(['seed', 'recipe', 'trainAccuracy', 'testAccuracy', 'finalCost', 'seconds']);
    expect(summary).toMatchObject({ seed: 7, recipe: 'reference' });
    expect(summary.finalCost).toBeGreaterThan(0);
    expect(summary.finalCost).toBeLessThan(Math.LN2);
    expect(summary.seconds).toBeGreaterThan(0);
    expect((await readdir(outDir)).sort()).toEqual(['cost.svg', 'misclassified.html', 'model.dnnl']);

    // The summary's accuracies and the page are those of the saved model.
    const model = loadClassifier(join(outDir, 'model.dnnl'));
    expect(model.layersDims).toEqual([12288, 4, 1]);
    expect(model.metadata).toMatchObject({ recipe: 'reference', seed: 7, settings: { iterations: 120 } });
    const test = await loadImageFolder(join(small, 'test'));
    const p = maleProbabilities(model, test.X);
    const wrong = p.filter((pj, j) => (pj > 0.5 ? 1 : 0) !== test.Y.get(0, j)).length;
    expect(summary.testAccuracy).toBe(1 - wrong / 8);
    const page = await readFile(join(outDir, 'misclassified.html'), 'utf8');
    expect(page.match(/<img /g) ?? []).toHaveLength(wrong);
    const svg = await readFile(join(outDir, 'cost.svg'), 'utf8');
    expect(/<polyline points="([^"]+)"/.exec(svg)![1].split(' ')).toHaveLength(120);
  });

  it('train prints the cost every 100 iterations, then the train and test accuracy', async () => {
    const { out, error } = await run('train', '--data', small, '--out', join(dir, 'text'), ...quick);
    expect(error).toBeUndefined();
    expect(out.filter((l) => l.startsWith('Cost after iteration'))).toHaveLength(3);
    expect(out).toContainEqual(expect.stringMatching(/^train accuracy [01]\.\d{3} \(8 images\)$/));
    expect(out).toContainEqual(expect.stringMatching(/^test accuracy [01]\.\d{3} \(8 images\)$/));
    expect(out).toContain(`model saved to ${join(dir, 'text', 'model.dnnl')}`);
  });

  it('train --recipe improved trains on mirror images too, with the recipe\'s settings', async () => {
    const outDir = join(dir, 'improved');
    const { out, error } = await run('train', '--json', '--recipe', 'improved', '--data', small,
      '--out', outDir, '--layers', '12288,4,1', '--iterations', '30');
    expect(error).toBeUndefined();
    expect(JSON.parse(out[0])).toMatchObject({ recipe: 'improved', seed: 1 });
    expect(loadClassifier(join(outDir, 'model.dnnl')).metadata).toMatchObject({
      recipe: 'improved', settings: { init: 'he', optimizer: 'momentum', mirrorImages: true, iterations: 30 },
    });
  });

  it('train --recipe ensemble saves its networks in one model file that predict reads', async () => {
    const outDir = join(dir, 'ensemble');
    const { out, error } = await run('train', '--json', '--recipe', 'ensemble', '--members', '2', '--data', small,
      '--out', outDir, '--layers', '12288,4,1', '--iterations', '20');
    expect(error).toBeUndefined();
    expect(JSON.parse(out[0])).toMatchObject({ recipe: 'ensemble', seed: 1 });
    const model = loadClassifier(join(outDir, 'model.dnnl'));
    expect(model.metadata).toMatchObject({ recipe: 'ensemble', members: 2, settings: { members: 2 } });

    const photo = join(small, 'test', 'male', 'male11.jpg');
    const predicted = await run('predict', '--model', join(outDir, 'model.dnnl'), photo);
    expect(predicted.error).toBeUndefined();
    const test = await loadImageFolder(join(small, 'test'));
    const p = maleProbabilities(model, test.X)[test.files.indexOf(photo)];
    expect(predicted.out).toEqual([`${photo}: ${p > 0.5 ? 'male' : 'female'} (P(male) = ${p.toFixed(3)})`]);
  });

  it('train --recipe hog saves a network on HOG features that predict reads', async () => {
    const outDir = join(dir, 'hog');
    const { out, error } = await run('train', '--json', '--recipe', 'hog', '--data', small,
      '--out', outDir, '--layers', '12288,4,1', '--iterations', '20', '--members', '2');
    expect(error).toBeUndefined();
    expect(JSON.parse(out[0])).toMatchObject({ recipe: 'hog', seed: 1 });
    const model = loadClassifier(join(outDir, 'model.dnnl'));
    // Two networks of [1764, 4, 1], packed side by side.
    expect(model.layersDims).toEqual([1764, 8, 2]);
    expect(model.metadata).toMatchObject({
      recipe: 'hog', features: 'hog', settings: { features: 'hog', iterations: 20 },
    });

    const photo = join(small, 'test', 'female', 'female11.jpg');
    const predicted = await run('predict', '--model', join(outDir, 'model.dnnl'), photo);
    expect(predicted.error).toBeUndefined();
    const test = await loadImageFolder(join(small, 'test'));
    const p = maleProbabilities(model, test.X)[test.files.indexOf(photo)];
    expect(predicted.out).toEqual([`${photo}: ${p > 0.5 ? 'male' : 'female'} (P(male) = ${p.toFixed(3)})`]);
  });

  it('predict prints male or female with P(male), for photos of any size and format', async () => {
    const model = join(dir, 'json', 'model.dnnl');
    const male = join(GENDER_DATA, 'test', 'male', 'male11.jpg');
    const female = join(GENDER_DATA, 'test', 'female', 'female11.jpg');
    // The same photo as a lossless 64x64 PNG, and stretched to 150x200.
    const png = join(dir, 'male11.png');
    await sharp(male).png().toFile(png);
    const large = join(dir, 'female11-large.png');
    await sharp(female).resize(150, 200, { fit: 'fill' }).png().toFile(large);

    const { out, error } = await run('predict', '--model', model, male, female, png, large);
    expect(error).toBeUndefined();
    expect(out).toHaveLength(4);
    const line = /^(.*): (male|female) \(P\(male\) = (\d\.\d{3})\)$/;
    const parsed = out.map((l) => line.exec(l)!);
    expect(parsed.map((m) => m[1])).toEqual([male, female, png, large]);

    // The two JPEGs get the probabilities the model gives their columns in the test set.
    const test = await loadImageFolder(join(small, 'test'));
    const p = maleProbabilities(loadClassifier(model), test.X);
    const columns = [join(small, 'test', 'male', 'male11.jpg'), join(small, 'test', 'female', 'female11.jpg')]
      .map((file) => test.files.indexOf(file));
    for (const k of [0, 1]) {
      const pj = p[columns[k]];
      expect(parsed[k][3]).toBe(pj.toFixed(3));
      expect(parsed[k][2]).toBe(pj > 0.5 ? 'male' : 'female');
    }
    // A lossless copy decodes to the same pixels.
    expect(parsed[2][3]).toBe(parsed[0][3]);
  });

  it('predict names a missing model file', async () => {
    const { error } = await run('predict', '--model', join(dir, 'none.dnnl'), join(GENDER_DATA, 'test', 'male', 'male1.jpg'));
    expect(error?.message).toContain(join(dir, 'none.dnnl'));
  });
});
