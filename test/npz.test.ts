import * as fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { crc32, exportNpz, npyBytes } from '../src/npz.js';
import type { WriteFileSystem } from '../src/internal/atomicWrite.js';
import { fromRows, toRows, zeros, type Matrix } from '../src/matrix.js';
import { createRng } from '../src/random.js';
import { ModelFileError, ShapeError, ValueError } from '../src/errors.js';
import { asTransposedView } from './helpers/trainingFixture.js';

let dir: string;
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'dnn-lite-npz-')); });
afterEach(() => { rmSync(dir, { recursive: true, force: true }); });

/** Runs python3 with numpy; `script` reads sys.argv[1:] and prints JSON. */
function python(script: string, ...args: string[]): unknown {
  const out = execFileSync('python3', ['-c', script, ...args], { encoding: 'utf8' });
  return JSON.parse(out);
}

function littleEndianHex(M: Matrix): string {
  const values = new Float64Array(toRows(M).flat());
  const bytes = Buffer.alloc(values.length * 8);
  values.forEach((v, k) => bytes.writeDoubleLE(v, k * 8));
  return bytes.toString('hex');
}

function parameters(): Record<string, Matrix> {
  const rng = createRng(11);
  const W1 = rng.randn(5, 3);
  W1.set(0, 0, -0);
  W1.set(4, 2, 5e-324);
  return {
    W1,
    b1: rng.randn(5, 1),
    W2: asTransposedView(rng.randn(1, 5)).transpose(1, 0), // a view of a view
    b2: fromRows([[1.7976931348623157e308]]),
    Wt: rng.randn(3, 4).transpose(1, 0), // transposed view: (4, 3)
    Ws: rng.randn(6, 6).hi(5, 4).lo(1, 1).step(2, 1), // strided slice: (2, 3)
  };
}

const LOAD_NPZ = `
import json, sys, zipfile
import numpy as np
path = sys.argv[1]
with zipfile.ZipFile(path) as z:
    bad = z.testzip()
    names = z.namelist()
with np.load(path, allow_pickle=False) as f:
    arrays = {k: {'dtype': f[k].dtype.str, 'shape': list(f[k].shape), 'fortran': bool(np.isfortran(f[k])),
                  'hex': f[k].astype('<f8').tobytes().hex()} for k in f.files}
print(json.dumps({'bad': bad, 'names': names, 'keys': list(arrays), 'arrays': arrays}))
`;

describe('exportNpz', () => {
  it('writes a file numpy.load reads back, every array bit for bit, views included', () => {
    const path = join(dir, 'parameters.npz');
    const p = parameters();
    exportNpz(path, p);
    const result = python(LOAD_NPZ, path) as {
      bad: string | null; names: string[]; keys: string[];
      arrays: Record<string, { dtype: string; shape: number[]; fortran: boolean; hex: string }>;
    };
    expect(result.bad).toBeNull(); // every CRC-32 checks out
    expect(result.names).toEqual(Object.keys(p).map((k) => `${k}.npy`));
    expect(result.keys).toEqual(Object.keys(p));
    for (const [key, M] of Object.entries(p)) {
      expect(result.arrays[key]).toEqual({ dtype: '<f8', shape: M.shape, fortran: false, hex: littleEndianHex(M) });
    }
  });

  it('writes each entry exactly as numpy.save would', () => {
    const p = parameters();
    const expected = python(`
import io, json, sys
import numpy as np
out = {}
for name, spec in json.loads(sys.argv[1]).items():
    buf = io.BytesIO()
    np.save(buf, np.frombuffer(bytes.fromhex(spec['hex']), dtype='<f8').reshape(spec['shape']))
    out[name] = buf.getvalue().hex()
print(json.dumps(out))
`, JSON.stringify(Object.fromEntries(Object.entries(p).map(([k, M]) => [k, { shape: M.shape, hex: littleEndianHex(M) }]))));
    const ours = Object.fromEntries(Object.entries(p).map(([k, M]) => [k, Buffer.from(npyBytes(M)).toString('hex')]));
    expect(ours).toEqual(expected);
  });

  it('gives identical bytes for the same arrays', () => {
    exportNpz(join(dir, 'a.npz'), parameters());
    exportNpz(join(dir, 'b.npz'), parameters());
    expect(readFileSync(join(dir, 'a.npz')).equals(readFileSync(join(dir, 'b.npz')))).toBe(true);
  });

  it('leaves a previous file intact and no temporary file when a write fails', () => {
    const path = join(dir, 'parameters.npz');
    exportNpz(path, { W1: fromRows([[1, 2]]) });
    const before = readFileSync(path);
    let writes = 0;
    const failing: WriteFileSystem = {
      ...fs,
      writeSync: (fd, buffer, offset, length, position) => {
        if (writes++ > 0) throw new Error('EIO: i/o error, write');
        return fs.writeSync(fd, buffer, offset, length, position);
      },
    };
    expect(() => exportNpz(path, parameters(), { fs: failing })).toThrow(ModelFileError);
    expect(readdirSync(dir)).toEqual(['parameters.npz']);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('refuses no arrays, unsafe names, non-matrices and non-finite values', () => {
    const path = join(dir, 'x.npz');
    expect(() => exportNpz(path, {})).toThrow('exportNpz: parameters must be an object holding at least one matrix');
    expect(() => exportNpz(path, { '../W1': zeros(1, 1) })).toThrow(ValueError);
    expect(() => exportNpz(path, { '../W1': zeros(1, 1) })).toThrow(/names must be identifiers/);
    expect(() => exportNpz(path, { W1: [[1]] as never })).toThrow(ShapeError);
    expect(() => exportNpz(path, { W1: fromRows([[1, NaN]]) })).toThrow(
      'exportNpz: parameters.W1[0, 1] is NaN; every value must be finite');
    expect(() => exportNpz('', { W1: zeros(1, 1) })).toThrow(/path is an empty string/);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('crc32', () => {
  it('gives the standard check value and agrees with zlib', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    const data = npyBytes(parameters().W1);
    const zlibValue = python('import sys, zlib, json; print(json.dumps(zlib.crc32(bytes.fromhex(sys.argv[1]))))',
      Buffer.from(data).toString('hex'));
    expect(crc32(data)).toBe(zlibValue);
  });
});
