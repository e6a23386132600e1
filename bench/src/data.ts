// The reference job's inputs, written once to a folder of raw little-endian float64 files
// (row-major) plus meta.json, so every implementation reads the same pixels and the same
// initial weights without decoding images again.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromArray, initializeParametersDeep, type Matrix, type Parameters } from 'dnn-lite';
import { loadGenderDataset } from '../../examples/gender-classifier/src/dataset.js';

/** The reference network: 12288 inputs, four hidden layers, one sigmoid output. */
export const LAYERS = [12288, 30, 20, 7, 5, 1];
export const LEARNING_RATE = 0.0075;
export const ITERATIONS = 2500;

export interface Meta {
  layers: number[];
  learningRate: number;
  /** name -> [rows, cols]; each array is in name + '.f64'. */
  shapes: Record<string, [number, number]>;
}

export interface JobData {
  meta: Meta;
  trainX: Matrix;
  trainY: Matrix;
  testX: Matrix;
  testY: Matrix;
  initial: Parameters;
}

function rowMajor(M: Matrix): Float64Array {
  const [rows, cols] = M.shape;
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[i * cols + j] = M.get(i, j);
  return out;
}

/** Decodes the images under `dataRoot`, draws the initial weights (seed 1) and writes both to `dir`. */
export async function exportJobData(dataRoot: string, dir: string): Promise<Meta> {
  mkdirSync(dir, { recursive: true });
  const data = await loadGenderDataset(dataRoot);
  const initial = initializeParametersDeep(LAYERS, { seed: 1, scale: 'xavier' });
  const arrays: Record<string, Matrix> = {
    trainX: data.train.X, trainY: data.train.Y, testX: data.test.X, testY: data.test.Y,
    ...(initial as unknown as Record<string, Matrix>),
  };
  const meta: Meta = { layers: LAYERS, learningRate: LEARNING_RATE, shapes: {} };
  for (const [name, M] of Object.entries(arrays)) {
    meta.shapes[name] = [M.shape[0], M.shape[1]];
    const bytes = rowMajor(M);
    writeFileSync(join(dir, `${name}.f64`), new Uint8Array(bytes.buffer));
  }
  writeFileSync(join(dir, 'meta.json'), JSON.stringify(meta));
  return meta;
}

/** Reads what {@link exportJobData} wrote. */
export function readJobData(dir: string): JobData {
  const meta = JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8')) as Meta;
  const load = (name: string): Matrix => {
    const bytes = readFileSync(join(dir, `${name}.f64`));
    const data = new Float64Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    return fromArray(data, ...meta.shapes[name]);
  };
  const initial: Record<string, Matrix> = {};
  for (let l = 1; l < meta.layers.length; l++) {
    initial[`W${l}`] = load(`W${l}`);
    initial[`b${l}`] = load(`b${l}`);
  }
  return {
    meta, trainX: load('trainX'), trainY: load('trainY'), testX: load('testX'), testY: load('testY'),
    initial: initial as unknown as Parameters,
  };
}
