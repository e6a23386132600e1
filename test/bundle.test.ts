// The built library after bundling and minification. cwise compiles its kernels from
// source text at run time, which minifiers can break; so each bundle runs the course's
// forward and backward cases and a short training run in a child process, and must give
// exactly the numbers the unbundled build gives.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { type MinifyOptions, minify } from 'terser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { courseCases, repoRoot, sharedDir } from './helpers/reference.js';

const builtEntry = join(repoRoot, 'dist', 'esm', 'index.js');
const builtCjsEntry = join(repoRoot, 'dist', 'cjs', 'index.js');
const fixtures = join(sharedDir, 'fixtures', 'course-cases.json');

// Runs in a child process: loads a library file (ESM, or CommonJS for .cjs), prints every
// result as exact decimal strings (String round-trips a double; -0 is kept apart).
const runner = `
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
const [file, fixtures] = process.argv.slice(2);
const lib = file.endsWith('.cjs') ? createRequire(import.meta.url)(file) : await import(pathToFileURL(file).href);
const cases = JSON.parse(readFileSync(fixtures, 'utf8'));
const M = (m) => lib.fromRows(m.data);
const num = (x) => (Object.is(x, -0) ? '-0' : String(x));
const enc = (v) => {
  if (typeof v === 'number') return num(v);
  if (Array.isArray(v)) return v.map(enc);
  if (v && typeof v === 'object' && 'stride' in v) return { shape: v.shape, rows: enc(lib.toRows(v)) };
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, enc(x)]));
  return v;
};
const params = (raw) => Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, M(v)]));
const out = {};
out.forward = cases.LModelForward.map((c) => enc(lib.LModelForward(M(c.inputs.X), params(c.inputs.parameters))));
out.backward = cases.LModelBackward.map((c) => enc(lib.LModelBackward(M(c.inputs.AL), M(c.inputs.Y),
  c.inputs.caches.map((k) => [[M(k.A_prev), M(k.W), M(k.b)], M(k.Z)]))));
const rng = lib.createRng(7);
const X = rng.randn(3, 12);
const Y = lib.fromRows([[0, 1, 1, 0, 1, 0, 0, 1, 1, 1, 0, 0]]);
const trained = lib.LLayerModel(X, Y, [3, 4, 1], { numIterations: 201, learningRate: 0.1, init: { seed: 2, scale: 'he' } });
out.training = enc({ costs: trained.costs, parameters: trained.parameters, predictions: lib.predict(X, trained.parameters) });
// Every cwise kernel, on a transposed view.
const Z = lib.copy(rng.randn(4, 3).transpose(1, 0));
const dA = rng.randn(3, 4);
out.kernels = enc({
  sigmoid: lib.sigmoid(Z)[0], relu: lib.relu(Z)[0],
  sigmoidBackward: lib.sigmoidBackward(dA, Z), reluBackward: lib.reluBackward(dA, Z),
  cost: lib.computeCost(lib.fromRows([[0.8, 0.9, 0.4, 1, 0]]), lib.fromRows([[1, 1, 0, 1, 0]])),
});
out.errors = [
  () => lib.linearForward(lib.zeros(5, 2), lib.zeros(4, 3), lib.zeros(4, 1)),
  () => lib.computeCost(lib.fromRows([[0.5]]), lib.fromRows([[2]])),
].map((f) => {
  try { f(); return null; } catch (e) {
    return { name: e.name, message: e.message, shape: e instanceof lib.ShapeError, value: e instanceof lib.ValueError };
  }
});
process.stdout.write(JSON.stringify(out));
`;

let dir: string;
let reference: Record<string, unknown>;
const sizes: Record<string, number> = {};

function run(file: string): Record<string, unknown> {
  const stdout = execFileSync(process.execPath, [join(dir, 'runner.mjs'), file, fixtures], { encoding: 'utf8' });
  return JSON.parse(stdout) as Record<string, unknown>;
}

async function esbuildBundle(format: 'esm' | 'cjs', minified: boolean): Promise<string> {
  const result = await build({
    entryPoints: [builtEntry], bundle: true, minify: minified, platform: 'node', format, write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

const terserConfigs: Record<string, MinifyOptions | undefined> = {
  'terser-default': undefined,
  'terser-passes2-unsafe': { compress: { passes: 2, unsafe: true }, mangle: true },
};

beforeAll(async () => {
  if (!existsSync(builtEntry)) throw new Error(`${builtEntry} is missing; run npm run build (npm test does)`);
  dir = mkdtempSync(join(tmpdir(), 'dnn-lite-bundle-'));
  writeFileSync(join(dir, 'runner.mjs'), runner);
  const write = (name: string, code: string) => {
    writeFileSync(join(dir, name), code);
    sizes[name] = code.length;
  };
  write('esbuild-minified.mjs', await esbuildBundle('esm', true));
  write('esbuild-minified.cjs', await esbuildBundle('cjs', true));
  const plain = await esbuildBundle('esm', false);
  write('esbuild-plain.mjs', plain);
  for (const [name, options] of Object.entries(terserConfigs)) {
    const { code } = await minify(plain, options);
    write(`${name}.mjs`, code!);
  }
  reference = run(builtEntry);
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the built library, bundled and minified', () => {
  it('gives reference results that are complete and finite when unbundled', () => {
    expect((reference.forward as unknown[]).length).toBe(courseCases.LModelForward.length);
    const [grads] = reference.backward as Record<string, unknown>[];
    expect(Object.keys(grads).sort()).toEqual(Object.keys(courseCases.LModelBackward[0].expected.grads).sort());
    const numbers = JSON.stringify(reference).match(/"-?\d[^"]*"/g) ?? [];
    expect(numbers.length).toBeGreaterThan(100);
    expect(JSON.stringify(reference)).not.toMatch(/"(NaN|-?Infinity)"/);
    expect(reference.errors).toEqual([
      { name: 'ShapeError', shape: true, value: false,
        message: "linearForward: W is [4, 3] but A_prev is [5, 2]; W's columns must equal A_prev's rows" },
      { name: 'ValueError', shape: false, value: true, message: 'computeCost: Y[0, 0] is 2; labels must be 0 or 1' },
    ]);
  });

  it('gives the same results through the CommonJS build', () => {
    expect(run(builtCjsEntry)).toEqual(reference);
  });

  const bundles = ['esbuild-minified.mjs', 'esbuild-minified.cjs', 'esbuild-plain.mjs',
    ...Object.keys(terserConfigs).map((name) => `${name}.mjs`)];
  for (const name of bundles) {
    it(`gives exactly the unbundled results through ${name}`, () => {
      expect(run(join(dir, name))).toEqual(reference);
    });
  }

  it('really minifies: each minified bundle is far smaller than the plain one', () => {
    for (const name of bundles.filter((b) => b !== 'esbuild-plain.mjs')) {
      expect(sizes[name], name).toBeLessThan(0.6 * sizes['esbuild-plain.mjs']);
    }
    expect(readFileSync(join(dir, 'esbuild-minified.mjs'), 'utf8')).not.toContain('function linearForward(');
  });
});
