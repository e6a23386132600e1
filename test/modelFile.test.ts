import * as fs from 'node:fs';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  loadModel, MODEL_FORMAT_VERSION, saveModel, type Model, type WriteFileSystem,
} from '../src/modelFile.js';
import { fromRows, toRows, zeros } from '../src/matrix.js';
import { createRng } from '../src/random.js';
import type { Parameters } from '../src/parameters.js';
import { ModelFileError, ShapeError, ValueError, type ModelFileProblem } from '../src/errors.js';
import { VERSION } from '../src/version.js';
import { asTransposedView } from './helpers/trainingFixture.js';

let dir: string;
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'dnn-lite-model-')); });
afterEach(() => { rmSync(dir, { recursive: true, force: true }); });

function network(seed = 1, dims = [4, 3, 2, 1]): Model {
  const rng = createRng(seed);
  const parameters: Record<string, ReturnType<typeof zeros>> = {};
  for (let l = 1; l < dims.length; l++) {
    parameters[`W${l}`] = rng.randn(dims[l], dims[l - 1]);
    parameters[`b${l}`] = rng.randn(dims[l], 1);
  }
  // Values that a decimal text format could lose: -0, a subnormal, the largest double.
  parameters.W1.set(0, 0, -0);
  parameters.W1.set(0, 1, 5e-324);
  parameters.W1.set(1, 0, 1.7976931348623157e308);
  parameters.b1.set(0, 0, Math.PI);
  return { layersDims: dims, parameters: parameters as Parameters };
}

function bits(rows: number[][]): string[] {
  return rows.flat().map((x) => Buffer.from(new Float64Array([x]).buffer).toString('hex'));
}

function expectSameBits(a: Parameters, b: Parameters): void {
  expect(Object.keys(b)).toEqual(Object.keys(a));
  for (const key of Object.keys(a) as (keyof Parameters)[]) {
    expect(b[key].shape).toEqual(a[key].shape);
    expect(bits(toRows(b[key]))).toEqual(bits(toRows(a[key])));
  }
}

function problemOf(path: string): { problem: ModelFileProblem; message: string } {
  try {
    loadModel(path);
  } catch (e) {
    expect(e).toBeInstanceOf(ModelFileError);
    const err = e as ModelFileError;
    expect(err.path).toBe(path);
    expect(err.message.startsWith(`loadModel: ${path}: `)).toBe(true);
    return { problem: err.problem, message: err.message };
  }
  throw new Error('loadModel accepted the file');
}

/** Rewrites a saved file with a changed header and a recomputed checksum. */
function rewriteHeader(path: string, change: (header: Record<string, unknown>) => void): void {
  const bytes = readFileSync(path);
  const newline = bytes.indexOf(0x0a);
  const header = JSON.parse(bytes.subarray(0, newline).toString('utf8'));
  const payload = bytes.subarray(newline + 1, bytes.length - 72);
  change(header);
  const json = JSON.stringify(header);
  const line = Buffer.from(json + ' '.repeat((8 - ((json.length + 1) % 8)) % 8) + '\n');
  const digest = createHash('sha256').update(line).update(payload).digest('hex');
  writeFileSync(path, Buffer.concat([line, payload, Buffer.from(`sha256:${digest}\n`)]));
}

describe('saveModel and loadModel', () => {
  it('round-trip every weight bit for bit, with layer sizes, activations and metadata', () => {
    const path = join(dir, 'model.dnnl');
    const model = { ...network(), metadata: { epochs: 3, note: 'π', costs: [0.7, 0.1], nested: { a: null } } };
    saveModel(path, model);
    const loaded = loadModel(path);
    expectSameBits(model.parameters, loaded.parameters);
    expect(Object.is(loaded.parameters.W1.get(0, 0), -0)).toBe(true);
    expect(loaded.layersDims).toEqual([4, 3, 2, 1]);
    expect(loaded.activations).toEqual(['relu', 'relu', 'sigmoid']);
    expect(loaded.metadata).toEqual(model.metadata);
    expect(loaded.libraryVersion).toBe(VERSION);
    expect(loaded.formatVersion).toBe(MODEL_FORMAT_VERSION);
  });

  it('re-saves a loaded model to identical bytes', () => {
    const first = join(dir, 'first.dnnl');
    const second = join(dir, 'second.dnnl');
    saveModel(first, { ...network(2), activations: ['relu', 'sigmoid', 'sigmoid'], metadata: { k: 1 } });
    saveModel(second, loadModel(first));
    expect(readFileSync(second).equals(readFileSync(first))).toBe(true);
  });

  it('writes exactly at the given path, with a readable header line and aligned payload', () => {
    const path = join(dir, 'no-extension');
    saveModel(path, network());
    expect(readdirSync(dir)).toEqual(['no-extension']);
    const bytes = readFileSync(path);
    const newline = bytes.indexOf(0x0a);
    expect((newline + 1) % 8).toBe(0);
    const header = JSON.parse(bytes.subarray(0, newline).toString('utf8'));
    expect(header).toMatchObject({
      format: 'dnn-lite-model', formatVersion: 1, libraryVersion: VERSION, dtype: 'float64',
      byteOrder: 'little', layersDims: [4, 3, 2, 1],
    });
    expect(header.arrays[0]).toEqual({ name: 'W1', shape: [3, 4], offset: 0 });
    // W1[0, 1] as little-endian float64 sits right after W1[0, 0].
    expect(bytes.readDoubleLE(newline + 1 + 8)).toBe(5e-324);
    expect(bytes.subarray(bytes.length - 72).toString('latin1')).toMatch(/^sha256:[0-9a-f]{64}\n$/);
  });

  it('saves views by their values and overwrites a previous file', () => {
    const path = join(dir, 'model.dnnl');
    saveModel(path, network(3));
    const model = network(4);
    const views = Object.fromEntries(
      Object.entries(model.parameters).map(([k, M]) => [k, asTransposedView(M)])) as Parameters;
    saveModel(path, { layersDims: model.layersDims, parameters: views });
    expectSameBits(model.parameters, loadModel(path).parameters);
  });

  describe('a save that fails midway', () => {
    function failingFs(step: keyof WriteFileSystem, afterCalls = 0): WriteFileSystem & { tmp: string[] } {
      let calls = 0;
      const tmp: string[] = [];
      const real: WriteFileSystem = fs;
      const wrapped: WriteFileSystem = {
        openSync: (p, flags, mode) => { tmp.push(p); return real.openSync(p, flags, mode); },
        writeSync: (...a) => real.writeSync(...a),
        fsyncSync: (fd) => real.fsyncSync(fd),
        closeSync: (fd) => real.closeSync(fd),
        renameSync: (a, b) => real.renameSync(a, b),
        unlinkSync: (p) => real.unlinkSync(p),
      };
      const original = wrapped[step] as (...args: unknown[]) => unknown;
      (wrapped as unknown as Record<string, unknown>)[step] = (...args: unknown[]) => {
        if (calls++ >= afterCalls) throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
        return original(...args);
      };
      return Object.assign(wrapped, { tmp });
    }

    for (const [step, afterCalls] of [['writeSync', 1], ['fsyncSync', 0], ['renameSync', 0]] as const) {
      it(`leaves the previous file intact and no temporary file when ${step} fails`, () => {
        const path = join(dir, 'model.dnnl');
        saveModel(path, network(5));
        const before = readFileSync(path);
        const injected = failingFs(step, afterCalls);
        let error: unknown;
        try {
          saveModel(path, network(6), { fs: injected });
        } catch (e) { error = e; }
        expect(error).toBeInstanceOf(ModelFileError);
        expect((error as ModelFileError).problem).toBe('io');
        expect((error as Error).message).toContain('ENOSPC');
        expect((error as Error).message).toContain('previous file at this path is unchanged');
        expect(injected.tmp).toHaveLength(1);
        expect(injected.tmp[0].startsWith(join(dir, '.model.dnnl.'))).toBe(true);
        expect(readdirSync(dir)).toEqual(['model.dnnl']);
        expect(readFileSync(path).equals(before)).toBe(true);
        expectSameBits(network(5).parameters, loadModel(path).parameters);
      });
    }

    it('reports a missing directory as an I/O error naming the path', () => {
      const path = join(dir, 'missing', 'model.dnnl');
      expect(() => saveModel(path, network())).toThrow(ModelFileError);
      expect(() => saveModel(path, network())).toThrow(`saveModel: ${path}: could not write the file`);
    });
  });

  describe('loadModel refuses a damaged or foreign file with a ModelFileError', () => {
    let path: string;
    let good: Buffer;
    beforeEach(() => {
      path = join(dir, 'model.dnnl');
      saveModel(path, { ...network(7), metadata: { name: 'abc' } });
      good = readFileSync(path);
    });

    it('an empty file', () => {
      writeFileSync(path, '');
      expect(problemOf(path)).toEqual({ problem: 'empty', message: expect.stringContaining('the file is empty') });
    });

    it('a file cut short anywhere', () => {
      const newline = good.indexOf(0x0a);
      for (const cut of [5, 40, newline, newline + 1, newline + 20, good.length - 72, good.length - 1]) {
        writeFileSync(path, good.subarray(0, cut));
        const { problem, message } = problemOf(path);
        expect(problem).toBe('truncated');
        expect(message).toMatch(/cut short|ends after/);
      }
    });

    it('a flipped byte in the header, the weights or the checksum', () => {
      const newline = good.indexOf(0x0a);
      const nameAt = good.indexOf('abc');
      for (const at of [nameAt, newline + 3, good.length - 10]) {
        const bad = Buffer.from(good);
        bad[at] ^= 0x01;
        writeFileSync(path, bad);
        const { problem, message } = problemOf(path);
        expect(problem).toBe('corrupted');
        expect(message).toMatch(/SHA-256|checksum/);
      }
    });

    it('bytes appended after the end', () => {
      writeFileSync(path, Buffer.concat([good, Buffer.from('x')]));
      expect(problemOf(path)).toEqual({ problem: 'corrupted', message: expect.stringContaining('1 byte(s) after') });
    });

    it('a newer format version', () => {
      rewriteHeader(path, (h) => { h.formatVersion = 2; h.libraryVersion = '9.0.0'; });
      const { problem, message } = problemOf(path);
      expect(problem).toBe('unsupported-version');
      expect(message).toContain('formatVersion is 2 (written by dnn-lite 9.0.0)');
      expect(message).toContain('reads formatVersion 1 only');
    });

    it('random JSON and other files', () => {
      writeFileSync(path, JSON.stringify({ layersDims: [2, 1], W1: [[1, 2]] }));
      expect(problemOf(path).problem).toBe('not-a-model');
      writeFileSync(path, Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]));
      expect(problemOf(path)).toEqual({ problem: 'not-a-model', message: expect.stringContaining('not a dnn-lite-model file') });
    });

    it('a garbled header line', () => {
      writeFileSync(path, Buffer.concat([Buffer.from('{"format":"dnn-lite-model",oops\n'), good.subarray(100)]));
      expect(problemOf(path)).toEqual({ problem: 'corrupted', message: expect.stringContaining('not valid JSON') });
    });

    it('shapes inconsistent with layersDims, even under a valid checksum', () => {
      rewriteHeader(path, (h) => { h.layersDims = [4, 3, 3, 1]; });
      const { problem, message } = problemOf(path);
      expect(problem).toBe('invalid-content');
      expect(message).toContain('needs W2 of shape [3, 3]');
    });

    it('activations and dtype it does not know', () => {
      rewriteHeader(path, (h) => { h.activations = ['relu', 'tanh', 'sigmoid']; });
      expect(problemOf(path)).toEqual({ problem: 'invalid-content', message: expect.stringContaining("activations[1] is \"tanh\"") });
      saveModel(path, network(7));
      rewriteHeader(path, (h) => { h.dtype = 'float32'; });
      expect(problemOf(path).problem).toBe('invalid-content');
    });

    it('a non-finite weight, even under a valid checksum', () => {
      const bytes = readFileSync(path);
      const newline = bytes.indexOf(0x0a);
      bytes.writeDoubleLE(NaN, newline + 1 + 16);
      const digest = createHash('sha256').update(bytes.subarray(0, bytes.length - 72)).digest('hex');
      bytes.write(`sha256:${digest}\n`, bytes.length - 72, 'latin1');
      writeFileSync(path, bytes);
      expect(problemOf(path)).toEqual({ problem: 'invalid-content', message: expect.stringContaining('W1[0, 2] is NaN') });
    });

    it('a file that does not exist', () => {
      expect(problemOf(join(dir, 'nothing.dnnl')).problem).toBe('io');
    });
  });

  describe('saveModel refuses a model it could not load back, writing nothing', () => {
    const refuses = (model: unknown, Err: typeof ValueError | typeof ShapeError, message: string | RegExp) => {
      const path = join(dir, 'model.dnnl');
      expect(() => saveModel(path, model as Model)).toThrow(Err);
      expect(() => saveModel(path, model as Model)).toThrow(message);
      expect(readdirSync(dir)).toEqual([]);
    };

    it('layer sizes that are not positive integers', () => {
      refuses({ ...network(), layersDims: [4, 0, 2, 1] }, ValueError,
        'saveModel: model.layersDims[1] is 0; layer sizes must be positive integers');
    });

    it('parameters that do not match layersDims', () => {
      refuses({ ...network(), layersDims: [4, 3, 2, 2] }, ShapeError,
        'saveModel: model.parameters.W3 is [1, 2] but model.layersDims [4, 3, 2, 2] needs [2, 2]');
      refuses({ ...network(), layersDims: [4, 3, 2] }, ShapeError, /has 3 layer\(s\) but model.layersDims/);
    });

    it('a non-finite weight, an unknown activation, an unknown key, metadata JSON cannot hold', () => {
      const bad = network();
      bad.parameters.b2.set(1, 0, Infinity);
      refuses(bad, ValueError, 'saveModel: model.parameters.b2[1, 0] is Infinity; every value must be finite');
      refuses({ ...network(), activations: ['relu', 'tanh', 'sigmoid'] }, ValueError, /activations\[1\] is "tanh"/);
      refuses({ ...network(), activations: ['relu'] }, ValueError, /array of 3 activation/);
      refuses({ ...network(), epochs: 3 }, ValueError, "saveModel: model has an unknown key 'epochs'");
      refuses({ ...network(), metadata: { lr: NaN } }, ValueError, 'model.metadata.lr is NaN');
      refuses({ ...network(), metadata: { when: new Date(0) } }, ValueError, /model.metadata.when is an object of a class/);
      refuses({ ...network(), parameters: { ...network().parameters, W4: zeros(1, 1) } }, ValueError,
        'saveModel: model.parameters has W4 but no b4');
    });

    it('a path that is not a non-empty string', () => {
      expect(() => saveModel('', network())).toThrow('saveModel: path is an empty string');
      expect(() => loadModel(undefined as never)).toThrow(ValueError);
    });
  });

  it('keeps a small example working: weights chosen by hand come back unchanged', () => {
    const path = join(dir, 'tiny.dnnl');
    const parameters = { W1: fromRows([[0.1, -0.2]]), b1: fromRows([[0.3]]) } as Parameters;
    saveModel(path, { layersDims: [2, 1], parameters });
    const loaded = loadModel(path);
    expect(toRows(loaded.parameters.W1)).toEqual([[0.1, -0.2]]);
    expect(loaded.activations).toEqual(['sigmoid']);
  });
});
