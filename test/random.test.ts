import { describe, expect, it } from 'vitest';
import { MT19937, createRng } from '../src/random.js';
import { ValueError } from '../src/errors.js';
import { toRows } from '../src/matrix.js';
import { courseCases, ulpDistance } from './helpers/reference.js';

const rngCases = courseCases.rng;

function bitsOf(x: number): string {
  const v = new DataView(new ArrayBuffer(8));
  v.setFloat64(0, x);
  return '0x' + v.getBigUint64(0).toString(16).padStart(16, '0');
}

describe('MT19937 seeded like np.random.seed(int)', () => {
  for (const c of rngCases.raw_uint32) {
    it(`leaves numpy's state after seed ${c.seed}`, () => {
      const { key, pos } = (createRng(c.seed) as MT19937).state();
      expect(Array.from(key.slice(0, 5))).toEqual(c.state_after_seed_key_first5);
      expect(key[623]).toBe(c.state_after_seed_key_last);
      expect(pos).toBe(c.state_after_seed_pos);
    });

    it(`reproduces numpy's raw 32-bit outputs for seed ${c.seed} exactly`, () => {
      const rng = createRng(c.seed);
      expect(c.values.map(() => rng.nextUint32())).toEqual(c.values);
    });
  }

  for (const c of rngCases.random_sample) {
    it(`reproduces np.random.random_sample for seed ${c.seed} bit for bit`, () => {
      const rng = createRng(c.seed);
      const got = c.values.map(() => rng.random());
      expect(got).toEqual(c.values);
      expect(got.map(bitsOf)).toEqual(c.bits);
    });
  }

  for (const c of rngCases.randn) {
    it(`reproduces np.random.randn stream ${c.id} within its tolerance`, () => {
      const rng = createRng(c.seed);
      for (const call of c.calls) {
        const got = toRows(rng.randn(call.shape[0], call.shape[1]));
        const maxUlp = c.tolerance_if_not_bit_exact.max_ulp as number;
        const worst = Math.max(...got.flatMap((row, i) => row.map((x, j) => ulpDistance(x, call.data[i][j]))));
        expect(worst).toBeLessThanOrEqual(maxUlp);
        // Where the fixture says even V8's log is bit exact, demand bit-exactness.
        if (c.log_sensitivity.fdlibm_log_as_in_V8_Math_log.bit_exact) expect(got).toEqual(call.data);
      }
    });
  }
});

describe('createRng', () => {
  it('gives the same stream for the same seed', () => {
    expect(toRows(createRng(7).randn(3, 4))).toEqual(toRows(createRng(7).randn(3, 4)));
  });

  it('fills rand row by row as np.random.rand does', () => {
    const uniforms = createRng(1);
    const expected = Array.from({ length: 6 }, () => uniforms.random());
    expect(toRows(createRng(1).rand(2, 3)).flat()).toEqual(expected);
  });

  it('matches np.random.permutation for seed 1 and 0', () => {
    // np.random.seed(1); np.random.permutation(10) and np.random.seed(0); np.random.permutation(12)
    expect(createRng(1).permutation(10)).toEqual([2, 9, 6, 4, 0, 3, 1, 7, 8, 5]);
    expect(createRng(0).permutation(12)).toEqual([6, 11, 4, 10, 2, 8, 1, 7, 9, 3, 0, 5]);
  });

  it('draws an interval value within [0, max] and 0 for max 0 without drawing', () => {
    const rng = createRng(5);
    for (let i = 0; i < 200; i++) {
      const v = rng.interval(6);
      expect(v >= 0 && v <= 6 && Number.isInteger(v)).toBe(true);
    }
    const a = createRng(9), b = createRng(9);
    expect(a.interval(0)).toBe(0);
    expect(a.nextUint32()).toBe(b.nextUint32());
  });

  it('rejects seeds numpy rejects', () => {
    expect(() => createRng(-1)).toThrow(ValueError);
    expect(() => createRng(2 ** 32)).toThrow(/seed is 4294967296; it must be an integer in \[0, 2\^32 - 1\]/);
    expect(() => createRng(1.5)).toThrow(ValueError);
  });

  it('rejects negative or fractional sizes', () => {
    expect(() => createRng(1).randn(-1, 2)).toThrow(/Rng.randn: rows is -1/);
    expect(() => createRng(1).permutation(2.5)).toThrow(ValueError);
  });
});
