// The reference job in TensorFlow.js on its WebAssembly backend: the same network, data,
// initial weights and formulas as reference_numpy.py, one tf.tidy per iteration.
//
//   tsx tfjs-job.ts DIR ITERATIONS
//
// Prints one JSON line: iteration times, the backend and its SIMD and thread flags.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { readJobData } from './data.js';

const [dir, iterations] = process.argv.slice(2);
const data = readJobData(dir);
await tf.setBackend('wasm');
await tf.ready();

const tensor = (M: { data: Float64Array; shape: number[] }): tf.Tensor2D =>
  tf.tensor2d(Float32Array.from(M.data), [M.shape[0], M.shape[1]]);
const X = tensor(data.trainX);
const Y = tensor(data.trainY);
const m = data.trainX.shape[1];
const L = data.meta.layers.length - 1;
let W: tf.Tensor2D[] = [];
let b: tf.Tensor2D[] = [];
for (let l = 1; l <= L; l++) {
  W[l] = tensor(data.initial[`W${l}`]);
  b[l] = tensor(data.initial[`b${l}`]);
}

/** One iteration: forward, cost, backward (dA0 included, as the reference does), update. */
function step(): number {
  const result = tf.tidy(() => {
    const A: tf.Tensor2D[] = [X];
    const Z: tf.Tensor2D[] = [];
    for (let l = 1; l <= L; l++) {
      Z[l] = tf.add(tf.matMul(W[l], A[l - 1]), b[l]);
      A[l] = l === L ? tf.sigmoid(Z[l]) : tf.relu(Z[l]);
    }
    const AL = A[L];
    const cost = tf.neg(tf.mean(tf.add(tf.mul(Y, tf.log(AL)), tf.mul(tf.sub(1, Y), tf.log(tf.sub(1, AL))))));
    let dA: tf.Tensor2D = tf.neg(tf.sub(tf.div(Y, AL), tf.div(tf.sub(1, Y), tf.sub(1, AL))));
    const nextW: tf.Tensor2D[] = [];
    const nextB: tf.Tensor2D[] = [];
    for (let l = L; l >= 1; l--) {
      const dZ = l === L
        ? tf.mul(dA, tf.mul(AL, tf.sub(1, AL)))
        : tf.mul(dA, tf.step(Z[l]));
      const dW = tf.div(tf.matMul(dZ, A[l - 1], false, true), m);
      const db = tf.div(tf.sum(dZ, 1, true), m);
      dA = tf.matMul(W[l], dZ, true, false);
      nextW[l] = tf.sub(W[l], tf.mul(data.meta.learningRate, dW));
      nextB[l] = tf.sub(b[l], tf.mul(data.meta.learningRate, db));
    }
    return { cost, nextW, nextB };
  });
  for (let l = 1; l <= L; l++) {
    W[l].dispose();
    b[l].dispose();
  }
  W = result.nextW;
  b = result.nextB;
  const cost = result.cost.dataSync()[0];
  result.cost.dispose();
  return cost;
}

const iterationMs: number[] = [];
let cost = NaN;
for (let i = 0; i < Number(iterations); i++) {
  const start = performance.now();
  cost = step();
  iterationMs.push(performance.now() - start);
}
const flags = tf.env().features;
console.log(JSON.stringify({
  iterationMs,
  cost,
  backend: tf.getBackend(),
  simd: flags.WASM_HAS_SIMD_SUPPORT ?? null,
  threads: flags.WASM_HAS_MULTITHREAD_SUPPORT ?? null,
}));
