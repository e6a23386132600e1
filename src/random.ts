/**
 * A seedable random generator that reproduces numpy's legacy `np.random` streams.
 *
 * Legend: MT19937 is the Mersenne Twister of Matsumoto and Nishimura; numpy's
 * `np.random.seed(s)` with an integer s seeds it with the `init_genrand` recurrence.
 *
 * @packageDocumentation
 */
import ndarray from 'ndarray';
import { ValueError } from './errors.js';
import type { Matrix } from './matrix.js';

const N = 624;
const M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;

/**
 * A random stream with numpy's legacy semantics. Create one with {@link createRng}.
 *
 * @example
 * ```ts
 * const rng = createRng(1);
 * toRows(rng.randn(1, 3)); // [[1.6243453636632417, -0.6117564136500754, -0.5281717522634557]]
 * ```
 */
export interface Rng {
  /** The next raw 32-bit output of MT19937, as numpy's `randint`-level generator gives it. */
  nextUint32(): number;
  /** A uniform double in [0, 1) with 53 random bits, as `np.random.random_sample()`. */
  random(): number;
  /** A standard normal draw, as `np.random.randn()` (polar method, second value cached). */
  normal(): number;
  /** A uniform integer in [0, max], as numpy's legacy `random_interval` (masked rejection). */
  interval(max: number): number;
  /**
   * A (rows, cols) matrix of standard normals filled row by row, as `np.random.randn(rows, cols)`.
   * @throws {@link ValueError} if a size is not a non-negative integer
   */
  randn(rows: number, cols: number): Matrix;
  /**
   * A (rows, cols) matrix of uniforms in [0, 1) filled row by row, as `np.random.rand(rows, cols)`.
   * @throws {@link ValueError} if a size is not a non-negative integer
   */
  rand(rows: number, cols: number): Matrix;
  /**
   * A random ordering of 0 .. n-1, as `np.random.permutation(n)` (legacy Fisher-Yates shuffle).
   * @throws {@link ValueError} if n is not a non-negative integer
   */
  permutation(n: number): number[];
}

/**
 * MT19937 seeded like numpy's legacy `np.random.seed(seed)`.
 *
 * Raw 32-bit outputs and uniform doubles match numpy bit for bit. Normals match to a
 * few units in the last place: numpy's polar method calls the C library's `log`, and
 * `Math.log` may round its last bit differently for a few percent of inputs.
 *
 * @see M. Matsumoto and T. Nishimura, "Mersenne Twister", ACM TOMACS 8(1), 1998.
 * @see numpy/random/src/legacy/legacy-distributions.c, `legacy_gauss`.
 * @example
 * ```ts
 * const rng = new MT19937(1);
 * rng.random(); // 0.417022004702574 (np.random.seed(1); np.random.random_sample())
 * ```
 */
export class MT19937 implements Rng {
  private readonly mt = new Uint32Array(N);
  private pos = N;
  private gauss = 0;
  private hasGauss = false;

  /**
   * @param seed - an integer in [0, 2^32 - 1], as numpy accepts
   * @throws {@link ValueError} if the seed is outside that range
   */
  constructor(seed: number) {
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
      throw new ValueError('createRng', `seed is ${String(seed)}; it must be an integer in [0, 2^32 - 1] as numpy requires`);
    }
    const mt = this.mt;
    mt[0] = seed >>> 0;
    for (let i = 1; i < N; i++) {
      const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
      mt[i] = (Math.imul(1812433253, prev) + i) >>> 0;
    }
  }

  /** The 624-word state and position, for tests against numpy's `get_state()`. */
  state(): {
    /** The 624 words of the Mersenne Twister state, numpy's `get_state()[1]`. */
    key: Uint32Array;
    /** Index of the next word to temper, numpy's `get_state()[2]`; 624 means twist first. */
    pos: number;
  } {
    return { key: this.mt.slice(), pos: this.pos };
  }

  private twist(): void {
    const mt = this.mt;
    for (let i = 0; i < N; i++) {
      const y = (mt[i] & UPPER_MASK) | (mt[(i + 1) % N] & LOWER_MASK);
      mt[i] = mt[(i + M) % N] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    this.pos = 0;
  }

  nextUint32(): number {
    if (this.pos >= N) this.twist();
    let y = this.mt[this.pos++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  random(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  normal(): number {
    if (this.hasGauss) {
      this.hasGauss = false;
      return this.gauss;
    }
    let x1: number, x2: number, r2: number;
    do {
      x1 = 2 * this.random() - 1;
      x2 = 2 * this.random() - 1;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1 || r2 === 0);
    const f = Math.sqrt((-2 * Math.log(r2)) / r2);
    this.gauss = f * x1;
    this.hasGauss = true;
    return f * x2;
  }

  interval(max: number): number {
    if (!Number.isInteger(max) || max < 0 || max > 0xffffffff) {
      throw new ValueError('Rng.interval', `max is ${String(max)}; it must be an integer in [0, 2^32 - 1]`);
    }
    if (max === 0) return 0;
    let mask = max;
    mask |= mask >>> 1;
    mask |= mask >>> 2;
    mask |= mask >>> 4;
    mask |= mask >>> 8;
    mask |= mask >>> 16;
    mask >>>= 0;
    let value: number;
    do {
      value = (this.nextUint32() & mask) >>> 0;
    } while (value > max);
    return value;
  }

  randn(rows: number, cols: number): Matrix {
    return this.fill('randn', rows, cols, () => this.normal());
  }

  rand(rows: number, cols: number): Matrix {
    return this.fill('rand', rows, cols, () => this.random());
  }

  permutation(n: number): number[] {
    checkSize('permutation', 'n', n);
    const out = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i >= 1; i--) {
      const j = this.interval(i);
      const t = out[i];
      out[i] = out[j];
      out[j] = t;
    }
    return out;
  }

  private fill(fn: string, rows: number, cols: number, draw: () => number): Matrix {
    checkSize(fn, 'rows', rows);
    checkSize(fn, 'cols', cols);
    const data = new Float64Array(rows * cols);
    for (let k = 0; k < data.length; k++) data[k] = draw();
    return ndarray(data, [rows, cols]);
  }
}

function checkSize(fn: string, name: string, n: number): void {
  if (!Number.isInteger(n) || n < 0) {
    throw new ValueError(`Rng.${fn}`, `${name} is ${String(n)}; it must be a non-negative integer`);
  }
}

/**
 * A new generator in the state `np.random.seed(seed)` leaves numpy's legacy generator in.
 *
 * @param seed - an integer in [0, 2^32 - 1]
 * @returns a fresh {@link Rng}
 * @throws {@link ValueError} if the seed is not such an integer
 * @example
 * ```ts
 * const rng = createRng(3);
 * toRows(rng.randn(1, 2)); // [[1.7886284734303186, 0.43650985051198943]]
 * rng.permutation(5); // [2, 1, 3, 4, 0] (numpy gives [2 1 3 4 0] after the same draws)
 * ```
 */
export function createRng(seed: number): Rng {
  return new MT19937(seed);
}
