import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { simdAvailable } from '../../../src/internal/kernels/simd.js';

const root = join(import.meta.dirname, '..', '..', '..');
const scratch = mkdtempSync(join(tmpdir(), 'dnn-lite-kernels-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// A two-thread product (large enough to split) checked against a triple loop; prints the
// kernel that ran. `load` is how the script obtains the module.
function script(load: string): string {
  return `${load}
g.setGemmThreads(2);
const m = 40, n = 70, k = 900;
const A = Float64Array.from({ length: m * k }, (_, i) => Math.sin(i));
const B = Float64Array.from({ length: k * n }, (_, i) => Math.cos(i));
const C = new Float64Array(m * n);
g.gemm(false, false, m, n, k, 1, A, k, B, n, 0, C, n);
let worst = 0;
for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) {
  let s = 0;
  for (let p = 0; p < k; p++) s += A[i * k + p] * B[p * n + j];
  worst = Math.max(worst, Math.abs(s - C[i * n + j]));
}
console.log(g.gemmBackend() + ' ' + (worst < 1e-9 ? 'ok' : 'wrong ' + worst));
`;
}

function runNode(file: string, noSimd: boolean): string {
  const env = { ...process.env };
  if (noSimd) env.DNN_LITE_NO_SIMD = '1';
  else delete env.DNN_LITE_NO_SIMD;
  // The helper threads are unref'd: the process must exit on its own, within the timeout.
  return execFileSync(process.execPath, [file], { env, encoding: 'utf8', timeout: 30_000 }).trim();
}

describe('simdAvailable', () => {
  it('detects WebAssembly SIMD on Node 20+', () => {
    expect(simdAvailable()).toBe(true);
  });
});

describe.skipIf(!existsSync(join(root, 'dist', 'cjs', 'internal', 'gemm.js')))('built kernels', () => {
  const esm = join(root, 'dist', 'esm', 'internal', 'gemm.js');
  const cjs = join(root, 'dist', 'cjs', 'internal', 'gemm.js');
  const entries = {
    'the ESM build': () => {
      const file = join(scratch, 'esm.mjs');
      writeFileSync(file, script(`import * as g from ${JSON.stringify(esm)};`));
      return file;
    },
    'the CommonJS build': () => {
      const file = join(scratch, 'cjs.cjs');
      writeFileSync(file, script(`const g = require(${JSON.stringify(cjs)});`));
      return file;
    },
    'a minified one-file bundle': () => {
      const file = join(scratch, 'bundle.cjs');
      const entry = join(scratch, 'entry.cjs');
      writeFileSync(entry, script(`const g = require(${JSON.stringify(cjs)});`));
      buildSync({
        entryPoints: [entry], bundle: true, minify: true, platform: 'node', format: 'cjs',
        outfile: file, logLevel: 'silent',
      });
      return file;
    },
  };
  for (const [name, make] of Object.entries(entries)) {
    it(`load the embedded module and start helper threads from ${name}`, () => {
      const file = make();
      expect(runNode(file, false)).toBe('wasm-simd ok');
      expect(runNode(file, true)).toBe('typescript ok');
    });
  }
});
