import { describe, expect, it } from 'vitest';
import { initializeParametersDeep } from '../src/initialization.js';
import { ValueError } from '../src/errors.js';
import { toRows } from '../src/matrix.js';
import { createRng } from '../src/random.js';
import { courseCases, ulpDistance } from './helpers/reference.js';

describe('initializeParametersDeep', () => {
  for (const c of courseCases.initializeParametersDeep) {
    it(`matches the reference case ${c.id}`, () => {
      expect(c.inputs.scaling).toBe('times_0.01');
      const p = initializeParametersDeep(c.inputs.layerDims, { seed: c.inputs.seed }) as Record<string, any>;
      expect(Object.keys(p).sort()).toEqual(Object.keys(c.expected).sort());
      const maxUlp = c.tolerance_if_not_bit_exact.max_ulp;
      for (const [key, e] of Object.entries<any>(c.expected)) {
        expect(p[key].shape).toEqual(e.shape);
        const got = toRows(p[key]);
        const worst = Math.max(0, ...got.flatMap((r, i) => r.map((x, j) => ulpDistance(x, e.data[i][j]))));
        expect(worst, key).toBeLessThanOrEqual(maxUlp);
      }
    });
  }

  it("prints the course's W1 for [5, 4, 3]", () => {
    const W1 = toRows(initializeParametersDeep([5, 4, 3]).W1);
    expect(W1[0].map((x) => Number(x.toFixed(8)))).toEqual([0.01788628, 0.0043651, 0.00096497, -0.01863493, -0.00277388]);
  });

  it('scales like numpy for xavier and he', () => {
    const z = toRows(createRng(3).randn(4, 5)).flat();
    const xavier = toRows(initializeParametersDeep([5, 4], { scale: 'xavier' }).W1).flat();
    const he = toRows(initializeParametersDeep([5, 4], { scale: 'he' }).W1).flat();
    expect(xavier).toEqual(z.map((v) => v / Math.sqrt(5)));
    expect(he).toEqual(z.map((v) => v * Math.sqrt(2 / 5)));
  });

  it('draws from an injected generator in place of the seed', () => {
    const a = initializeParametersDeep([3, 2], { rng: createRng(11) });
    const b = initializeParametersDeep([3, 2], { seed: 11 });
    expect(toRows(a.W1)).toEqual(toRows(b.W1));
  });

  it('gives zero weights and biases for the zeros scale', () => {
    const p = initializeParametersDeep([3, 2, 1], { scale: 'zeros' });
    expect(toRows(p.W1).flat().every((v) => v === 0)).toBe(true);
  });

  it('rejects layer sizes that are not positive integers', () => {
    expect(() => initializeParametersDeep([3, 0, 1])).toThrow('initializeParametersDeep: layerDims[1] is 0; layer sizes must be positive integers');
    expect(() => initializeParametersDeep([3.5, 1])).toThrow(ValueError);
    expect(() => initializeParametersDeep([3])).toThrow(/at least two layer sizes/);
  });

  it('rejects an unknown scale', () => {
    expect(() => initializeParametersDeep([3, 1], { scale: 'glorot' as never })).toThrow(/scale is "glorot"/);
    expect(() => initializeParametersDeep([3, 1], { scale: NaN })).toThrow(ValueError);
  });
});
