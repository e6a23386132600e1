// The built package, as a user installs it: `npm pack`, installed into a fresh project,
// then used through both ESM `import` and CommonJS `require`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from './helpers/reference.js';

let project: string;

const snippet = (load: string) => `${load}
const X = fromRows([[0, 0, 1, 1], [0, 1, 0, 1]]);
const Y = fromRows([[0, 1, 1, 1]]);
const { parameters, costs } = LLayerModel(X, Y, [2, 4, 1], { learningRate: 0.5, numIterations: 1000, init: { seed: 1, scale: 'he' } });
console.log(JSON.stringify({ costs: costs.length, predictions: toRows(predict(X, parameters)),
  init: toRows(initializeParametersDeep([5, 4, 3]).W1)[0][0], shapeError: (() => {
    try { linearForward(zeros(5, 2), zeros(4, 3), zeros(4, 1)); } catch (e) { return e instanceof ShapeError && e.message; }
  })() }));
`;

beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), 'dnn-lite-pack-'));
  const packed = execFileSync('npm', ['pack', '--silent', '--pack-destination', project], { cwd: repoRoot, encoding: 'utf8' });
  const tarball = join(project, packed.trim().split('\n').pop()!);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball], { cwd: project, stdio: 'pipe' });
}, 180_000);

afterAll(() => rmSync(project, { recursive: true, force: true }));

describe('the packed package', () => {
  const names = '{ LLayerModel, fromRows, toRows, predict, initializeParametersDeep, linearForward, zeros, ShapeError }';
  const expected = {
    costs: 10, predictions: [[0, 1, 1, 1]], init: 0.017886284734303187,
    shapeError: "linearForward: W is [4, 3] but A_prev is [5, 2]; W's columns must equal A_prev's rows",
  };

  it('works through ESM import', () => {
    writeFileSync(join(project, 'esm.mjs'), snippet(`import ${names} from 'dnn-lite';`));
    const out = execFileSync(process.execPath, ['esm.mjs'], { cwd: project, encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual(expected);
  });

  it('works through CommonJS require', () => {
    writeFileSync(join(project, 'cjs.cjs'), snippet(`const ${names} = require('dnn-lite');`));
    const out = execFileSync(process.execPath, ['cjs.cjs'], { cwd: project, encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual(expected);
  });

  it('ships type declarations that a TypeScript consumer compiles against', () => {
    writeFileSync(join(project, 'use.ts'), `import { LLayerModel, type Matrix, type TrainResult, fromRows } from 'dnn-lite';
const X: Matrix = fromRows([[1, 2]]);
const r: TrainResult = LLayerModel(X, fromRows([[1, 0]]), [1, 1], { numIterations: 1 });
const n: number = r.costs[0];
export { n };
`);
    writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { strict: true, module: 'NodeNext', moduleResolution: 'NodeNext', noEmit: true, skipLibCheck: false, types: [] },
      files: ['use.ts'],
    }));
    const tsc = join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
    expect(() => execFileSync(process.execPath, [tsc, '-p', project], { cwd: project, encoding: 'utf8' })).not.toThrow();
  });
});
