// Every cwise kernel of dnn-lite lives in this module.
//
// cwise compiles a kernel by re-parsing its source text with an old parser, so kernel
// bodies are written here as source strings: a minifier cannot rename, inline or drop
// what it sees only as a string (a minified `function (a, b) { a = ... }` can lose the
// assignment as dead code). Each body uses only its own arguments: cwise silently
// turns outer variables into undefined.
import cwise from 'cwise/lib/cwise-esprima.js';
import type { NdArray } from '../ndarray.js';

type Arr = NdArray<Float64Array | Float32Array>;

const reluKernel = cwise({
  funcName: 'relu',
  args: ['array', 'array'],
  body: 'function (a, z) { a = z > 0 ? z : 0; }',
}) as (A: Arr, Z: Arr) => void;

const sigmoidKernel = cwise({
  funcName: 'sigmoid',
  args: ['array', 'array'],
  body: 'function (a, z) { a = 1 / (1 + Math.exp(-z)); }',
}) as (A: Arr, Z: Arr) => void;

const reluBackwardKernel = cwise({
  funcName: 'reluBackward',
  args: ['array', 'array', 'array'],
  body: 'function (dz, da, z) { dz = z > 0 ? da : 0; }',
}) as (dZ: Arr, dA: Arr, Z: Arr) => void;

const sigmoidBackwardKernel = cwise({
  funcName: 'sigmoidBackward',
  args: ['array', 'array', 'array'],
  body: 'function (dz, da, z) { var s = 1 / (1 + Math.exp(-z)); dz = da * s * (1 - s); }',
}) as (dZ: Arr, dA: Arr, Z: Arr) => void;

const crossEntropyGradKernel = cwise({
  funcName: 'crossEntropyGrad',
  args: ['array', 'array', 'array'],
  body: 'function (da, y, a) { da = -(y / a - (1 - y) / (1 - a)); }',
}) as (dA: Arr, Y: Arr, AL: Arr) => void;

const crossEntropySumKernel = cwise({
  funcName: 'crossEntropySum',
  args: ['array', 'array'],
  pre: 'function () { this.s = 0; }',
  body: 'function (y, a) {' +
    ' var t = 0;' +
    ' if (y !== 0) { t = y * Math.log(a); }' +
    ' if (y !== 1) { t = t + (1 - y) * Math.log(1 - a); }' +
    ' this.s += t; }',
  post: 'function () { return this.s; }',
}) as (Y: Arr, AL: Arr) => number;

/** A = max(0, Z); Z == 0 maps to 0 as in the reference. */
export function reluInto(A: Arr, Z: Arr): void { reluKernel(A, Z); }

/** A = 1 / (1 + exp(-Z)). exp(800) overflows to Infinity and 1 / Infinity is 0, never NaN. */
export function sigmoidInto(A: Arr, Z: Arr): void { sigmoidKernel(A, Z); }

/** dZ = dA where Z > 0, else 0. */
export function reluBackwardInto(dZ: Arr, dA: Arr, Z: Arr): void { reluBackwardKernel(dZ, dA, Z); }

/** dZ = dA * s * (1 - s) with s = sigmoid(Z). */
export function sigmoidBackwardInto(dZ: Arr, dA: Arr, Z: Arr): void { sigmoidBackwardKernel(dZ, dA, Z); }

/** dAL = -(Y / AL - (1 - Y) / (1 - AL)), the reference's starting gradient. */
export function crossEntropyGradInto(dAL: Arr, Y: Arr, AL: Arr): void { crossEntropyGradKernel(dAL, Y, AL); }

/**
 * Sum of Y log AL + (1 - Y) log(1 - AL). A term whose label weight is exactly zero is
 * skipped, so 0 * log 0 counts as 0 instead of NaN; a label of 1 with AL = 0 still
 * gives -Infinity, as it must.
 */
export function crossEntropySum(Y: Arr, AL: Arr): number { return crossEntropySumKernel(Y, AL); }
