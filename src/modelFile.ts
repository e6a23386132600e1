/**
 * Model files: a trained network's layer sizes, activations and float64 weights, saved
 * losslessly with a checksum and loaded back with every part validated. The format,
 * "dnn-lite-model" version 1, is specified in docs/model-format.md:
 *
 * 1. a header line: UTF-8 JSON beginning `{"format":"dnn-lite-model",`, padded with spaces
 *    so that the line, with its final `\n`, is a multiple of 8 bytes long;
 * 2. the payload: W1, b1, ..., WL, bL, each row-major little-endian float64, at the byte
 *    offsets the header lists (relative to the payload's start);
 * 3. a trailer line: `sha256:` and 64 lowercase hex digits of the SHA-256 of everything
 *    before it, then `\n`.
 *
 * Legend: L = layers with weights; layersDims = [n_x, n[1], ..., n[L]].
 *
 * @packageDocumentation
 */
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import ndarray from 'ndarray';
import { contiguousCopy, type Matrix } from './matrix.js';
import type { Parameters } from './parameters.js';
import { ModelFileError, ShapeError, ValueError, type ModelFileProblem } from './errors.js';
import { assertLayerDims, fmtShape } from './internal/check.js';
import { assertParameters } from './internal/dictCheck.js';
import { assertPath, writeFileAtomic, type WriteFileSystem } from './internal/atomicWrite.js';
import { VERSION } from './version.js';

export type { WriteFileSystem } from './internal/atomicWrite.js';

/** The format name every model file's header starts with. */
export const MODEL_FORMAT = 'dnn-lite-model';
/** The version of the model file format this library writes and reads. */
export const MODEL_FORMAT_VERSION = 1;

const MAGIC = `{"format":"${MODEL_FORMAT}",`;
const TRAILER_BYTES = 'sha256:'.length + 64 + 1;

/** The activation of one layer. */
export type ModelActivation = 'relu' | 'sigmoid';

const ACTIVATIONS: readonly ModelActivation[] = ['relu', 'sigmoid'];

/** A value JSON represents exactly: what model metadata may hold. */
export type JsonValue =
  | null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** A network to save. */
export interface Model {
  /** Layer sizes [n_x, n[1], ..., n[L]], positive integers, at least two. */
  layersDims: number[];
  /** `{ W1, b1, ..., WL, bL }` matching layersDims, finite. */
  parameters: Parameters;
  /** One activation per layer; default: 'relu' for layers 1 .. L-1 and 'sigmoid' for L. */
  activations?: ModelActivation[];
  /** Anything else to keep with the model (training options, scaler statistics, notes). */
  metadata?: { [key: string]: JsonValue };
}

/** A network read back by {@link loadModel}. */
export interface LoadedModel extends Model {
  activations: ModelActivation[];
  metadata: { [key: string]: JsonValue };
  /** The dnn-lite version that wrote the file. */
  libraryVersion: string;
  /** The file's format version. */
  formatVersion: number;
}

/** Options of {@link saveModel}. */
export interface SaveModelOptions {
  /** File-system calls to write through; default `node:fs`. */
  fs?: WriteFileSystem;
}

const MODEL_KEYS = new Set(['layersDims', 'parameters', 'activations', 'metadata', 'libraryVersion',
  'formatVersion']);

/**
 * Writes a model to exactly `path`, atomically: the bytes go to a temporary file in the
 * same directory, are flushed to disk and renamed over `path`, so a crash or a full disk
 * leaves any previous file there intact. Saving the same model again gives the same bytes.
 *
 * @param path - the file to write, e.g. `'model.dnnl'`; its directory must exist
 * @param model - layer sizes, parameters, optional activations and metadata
 * @param options - `fs`: the file-system calls to use (for tests that simulate failures)
 * @throws {@link ValueError} for a bad path, layer sizes, activations, metadata that JSON
 *   cannot hold exactly, a missing or extra parameter, an unknown model key, non-finite weights
 * @throws {@link ShapeError} if a parameter's shape does not match layersDims
 * @throws {@link ModelFileError} (problem 'io') if the file cannot be written
 * @example
 * ```ts
 * const parameters = initializeParametersDeep([2, 3, 1]);
 * saveModel('model.dnnl', { layersDims: [2, 3, 1], parameters, metadata: { epochs: 10 } });
 * loadModel('model.dnnl').activations; // ['relu', 'sigmoid']
 * ```
 */
export function saveModel(path: string, model: Model, options: SaveModelOptions = {}): void {
  const fn = 'saveModel';
  assertPath(fn, path);
  writeFileAtomic(fn, path, encodeModel(fn, model), options.fs);
}

/** The bytes of a model file, as chunks: header line, one per array, trailer. */
function encodeModel(fn: string, model: Model): Uint8Array[] {
  if (model === null || typeof model !== 'object') {
    throw new ValueError(fn, `model is ${model === null ? 'null' : typeof model}; ` +
      'it must be an object { layersDims, parameters, activations?, metadata? }');
  }
  for (const key of Object.keys(model)) {
    if (!MODEL_KEYS.has(key)) {
      throw new ValueError(fn, `model has an unknown key '${key}'; ` +
        'it may hold layersDims, parameters, activations and metadata ' +
        '(put other data in metadata)');
    }
  }
  const { layersDims, parameters } = model;
  assertLayerDims(fn, 'model.layersDims', layersDims);
  const L = layersDims.length - 1;
  const activations = model.activations ?? defaultActivations(L);
  checkActivations(fn, 'model.activations', activations, L);
  const metadata = model.metadata ?? {};
  checkMetadata(fn, metadata, 'model.metadata');
  const found = assertParameters(fn, 'model.parameters', parameters);
  if (found !== L) {
    throw new ShapeError(fn, `model.parameters has ${found} layer(s) but model.layersDims ` +
      `[${layersDims.join(', ')}] describes ${L}; they must agree`);
  }

  const arrays: { name: string; shape: [number, number]; offset: number }[] = [];
  const chunks: Uint8Array[] = [];
  let offset = 0;
  for (const [name, shape] of expectedArrays(layersDims)) {
    const M = parameters[name as `W${number}`];
    if (M.shape[0] !== shape[0] || M.shape[1] !== shape[1]) {
      throw new ShapeError(fn, `model.parameters.${name} is ${fmtShape(M)} but model.layersDims ` +
        `[${layersDims.join(', ')}] needs [${shape.join(', ')}]`);
    }
    arrays.push({ name, shape, offset });
    chunks.push(littleEndian(contiguousCopy(M).data));
    offset += shape[0] * shape[1] * 8;
  }

  const header = {
    format: MODEL_FORMAT,
    formatVersion: MODEL_FORMAT_VERSION,
    libraryVersion: VERSION,
    dtype: 'float64',
    byteOrder: 'little',
    layersDims,
    activations,
    arrays,
    payloadBytes: offset,
    metadata,
  };
  const json = JSON.stringify(header);
  const bodyLength = Buffer.byteLength(json) + 1;
  const headerLine = Buffer.from(json + ' '.repeat((8 - (bodyLength % 8)) % 8) + '\n');
  const hash = createHash('sha256').update(headerLine);
  for (const c of chunks) hash.update(c);
  const trailer = Buffer.from(`sha256:${hash.digest('hex')}\n`);
  return [headerLine, ...chunks, trailer];
}

function defaultActivations(L: number): ModelActivation[] {
  return Array.from({ length: L }, (_, l) => (l === L - 1 ? 'sigmoid' : 'relu'));
}

/** [name, shape] of W1, b1, ..., WL, bL for these layer sizes, in file order. */
function expectedArrays(layersDims: readonly number[]): [string, [number, number]][] {
  const out: [string, [number, number]][] = [];
  for (let l = 1; l < layersDims.length; l++) {
    out.push([`W${l}`, [layersDims[l], layersDims[l - 1]]]);
    out.push([`b${l}`, [layersDims[l], 1]]);
  }
  return out;
}

function littleEndian(values: Float64Array): Uint8Array {
  const bytes = new Uint8Array(values.length * 8);
  const view = new DataView(bytes.buffer);
  for (let k = 0; k < values.length; k++) view.setFloat64(k * 8, values[k], true);
  return bytes;
}

function checkActivations(
  fn: string, name: string, activations: unknown, L: number,
): asserts activations is ModelActivation[] {
  if (!Array.isArray(activations) || activations.length !== L) {
    throw new ValueError(fn, `${name} must be an array of ${L} activation(s), one per layer, got ` +
      `${Array.isArray(activations) ? `${activations.length}` : typeof activations}`);
  }
  activations.forEach((a, l) => {
    if (!(ACTIVATIONS as readonly unknown[]).includes(a)) {
      throw new ValueError(fn, `${name}[${l}] is ${JSON.stringify(a) ?? String(a)}; ` +
        `it must be one of ${ACTIVATIONS.map((s) => `'${s}'`).join(', ')}`);
    }
  });
}

/** Throws unless `metadata` is a plain object that JSON round-trips exactly. */
function checkMetadata(fn: string, metadata: unknown, name: string): void {
  const visit = (v: unknown, where: string): void => {
    if (v === null || typeof v === 'boolean' || typeof v === 'string') return;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) {
        throw new ValueError(fn, `${where} is ${v}; ` +
          'JSON cannot store it, so metadata numbers must be finite');
      }
      return;
    }
    if (Array.isArray(v)) {
      v.forEach((x, i) => visit(x, `${where}[${i}]`));
      return;
    }
    const proto = typeof v === 'object' ? Object.getPrototypeOf(v) : undefined;
    if (proto === Object.prototype || proto === null) {
      for (const [k, x] of Object.entries(v as object)) visit(x, `${where}.${k}`);
      return;
    }
    const kind = typeof v === 'object' ? 'an object of a class' : `a ${typeof v}`;
    throw new ValueError(fn, `${where} is ${kind}; ` +
      'metadata may hold only null, booleans, finite numbers, strings, arrays and plain objects');
  };
  if (metadata === null || typeof metadata !== 'object' || Array.isArray(metadata)) {
    throw new ValueError(fn, `${name} must be a plain object`);
  }
  visit(metadata, name);
}

/**
 * Reads a model file written by {@link saveModel}, checking that it is complete and
 * unchanged (length and SHA-256), of a format version this library reads, and consistent:
 * every array present, shaped by layersDims, and finite. Weights come back bit for bit.
 *
 * @param path - the file to read
 * @returns `{ layersDims, activations, parameters, metadata, libraryVersion, formatVersion }`
 * @throws {@link ModelFileError} with `problem`: 'io' (cannot be read), 'empty',
 *   'not-a-model', 'truncated', 'corrupted' (bad checksum, garbled header, extra bytes),
 *   'unsupported-version', 'invalid-content' (shapes, activations or values that do not hold)
 * @throws {@link ValueError} if `path` is not a non-empty string
 * @example
 * ```ts
 * const model = loadModel('model.dnnl');
 * model.layersDims;        // [2, 3, 1]
 * model.parameters.W1.shape; // [3, 2]
 * ```
 */
export function loadModel(path: string): LoadedModel {
  const fn = 'loadModel';
  assertPath(fn, path);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new ModelFileError(fn, path, 'io', `could not read the file (${reason})`, err);
  }
  return decodeModel(fn, path, bytes);
}

function decodeModel(fn: string, path: string, bytes: Buffer): LoadedModel {
  const fail = (problem: ModelFileProblem, message: string): never => {
    throw new ModelFileError(fn, path, problem, message);
  };
  if (bytes.length === 0) fail('empty', 'the file is empty; it is not a saved model');
  const magic = Buffer.from(MAGIC);
  const start = Math.min(magic.length, bytes.length);
  if (!bytes.subarray(0, start).equals(magic.subarray(0, start))) {
    fail('not-a-model', `the file does not start with ${MAGIC}; it is not a ${MODEL_FORMAT} file`);
  }
  if (bytes.length < magic.length) {
    fail('truncated', `the file ends after ${bytes.length} bytes, inside its header`);
  }
  const newline = bytes.indexOf(0x0a);
  if (newline < 0) fail('truncated', 'the header line has no end; the file is cut short');

  const headerLine = bytes.subarray(0, newline + 1);
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(headerLine.toString('utf8')) as Record<string, unknown>;
  } catch {
    return fail('corrupted', 'the header line is not valid JSON; the file is damaged');
  }
  if (header === null || typeof header !== 'object' || Array.isArray(header)) {
    return fail('corrupted', 'the header is not a JSON object; the file is damaged');
  }
  const version = header.formatVersion;
  if (version !== MODEL_FORMAT_VERSION) {
    const newer = Number.isInteger(version) && (version as number) > MODEL_FORMAT_VERSION;
    fail('unsupported-version', `formatVersion is ${JSON.stringify(version) ?? 'missing'}` +
      `${newer ? ` (written by dnn-lite ${String(header.libraryVersion)})` : ''}; ` +
      `this dnn-lite (${VERSION}) reads formatVersion ${MODEL_FORMAT_VERSION} only`);
  }

  const payloadBytes = header.payloadBytes;
  if (!Number.isInteger(payloadBytes) || (payloadBytes as number) < 0) {
    fail('corrupted', `payloadBytes is ${JSON.stringify(payloadBytes)}; the header is damaged`);
  }
  const payloadStart = headerLine.length;
  const expected = payloadStart + (payloadBytes as number) + TRAILER_BYTES;
  if (bytes.length < expected) {
    fail('truncated', `the file has ${bytes.length} bytes but its header announces ${expected}; ` +
      'it is cut short (an interrupted copy or download?)');
  }
  if (bytes.length > expected) {
    fail('corrupted', `the file has ${bytes.length - expected} byte(s) after its announced ` +
      `end of ${expected}`);
  }
  const trailer = bytes.subarray(expected - TRAILER_BYTES).toString('latin1');
  const match = /^sha256:([0-9a-f]{64})\n$/.exec(trailer);
  if (!match) fail('corrupted', 'the checksum line at the end is damaged');
  const checked = bytes.subarray(0, expected - TRAILER_BYTES);
  const digest = createHash('sha256').update(checked).digest('hex');
  if (digest !== match![1]) {
    fail('corrupted', `the SHA-256 of the content is ${digest} but the file records ${match![1]}; ` +
      'the file was changed or damaged after it was written');
  }

  const payload = bytes.subarray(payloadStart, payloadStart + (payloadBytes as number));
  return readContent(fn, path, header, payload);
}

/** Validates a checksummed header against the format and decodes the arrays. */
function readContent(
  fn: string, path: string, header: Record<string, unknown>, payload: Buffer,
): LoadedModel {
  const invalid = (message: string): never => {
    throw new ModelFileError(fn, path, 'invalid-content', message);
  };
  if (header.dtype !== 'float64' || header.byteOrder !== 'little') {
    invalid(`dtype is ${JSON.stringify(header.dtype)} and ` +
      `byteOrder ${JSON.stringify(header.byteOrder)}; ` +
      "this format stores 'float64' in 'little' byte order only");
  }
  if (typeof header.libraryVersion !== 'string') invalid('libraryVersion is missing');
  const layersDims = header.layersDims;
  try {
    assertLayerDims(fn, 'layersDims', layersDims);
    checkActivations(fn, 'activations', header.activations, (layersDims as number[]).length - 1);
    checkMetadata(fn, header.metadata, 'metadata');
  } catch (err) {
    invalid(err instanceof Error ? err.message.replace(`${fn}: `, '') : String(err));
  }
  const dims = layersDims as number[];

  const expected = expectedArrays(dims);
  const listed = header.arrays;
  if (!Array.isArray(listed) || listed.length !== expected.length) {
    const count = Array.isArray(listed) ? listed.length : 'no';
    invalid(`the header lists ${count} arrays but layersDims ` +
      `[${dims.join(', ')}] needs ${expected.length} (W1, b1, ..., bL)`);
  }
  const parameters: Record<string, Matrix> = {};
  let offset = 0;
  expected.forEach(([name, shape], i) => {
    const entry = (listed as Record<string, unknown>[])[i];
    const s = entry?.shape as unknown[] | undefined;
    const sameShape = Array.isArray(s) && s.length === 2 && s[0] === shape[0] && s[1] === shape[1];
    if (entry?.name !== name || !sameShape) {
      invalid(`array ${i} is ${JSON.stringify(entry?.name)} of shape ${JSON.stringify(s)} ` +
        'but layersDims ' +
        `[${dims.join(', ')}] needs ${name} of shape [${shape.join(', ')}]`);
    }
    if (entry.offset !== offset) {
      invalid(`${name} is at offset ${JSON.stringify(entry.offset)} but must follow ` +
        `the previous array at ${offset}`);
    }
    const values = new Float64Array(shape[0] * shape[1]);
    const view = new DataView(payload.buffer, payload.byteOffset + offset, values.length * 8);
    for (let k = 0; k < values.length; k++) {
      const v = view.getFloat64(k * 8, true);
      if (!Number.isFinite(v)) {
        const at = `${Math.floor(k / shape[1])}, ${k % shape[1]}`;
        invalid(`${name}[${at}] is ${v}; weights must be finite`);
      }
      values[k] = v;
    }
    parameters[name] = ndarray(values, shape);
    offset += values.length * 8;
  });
  if (offset !== payload.length) {
    invalid(`the arrays take ${offset} bytes but payloadBytes is ${payload.length}`);
  }

  return {
    layersDims: dims,
    activations: header.activations as ModelActivation[],
    parameters: parameters as Parameters,
    metadata: header.metadata as { [key: string]: JsonValue },
    libraryVersion: header.libraryVersion as string,
    formatVersion: MODEL_FORMAT_VERSION,
  };
}
