// Trains a small network on a synthetic two-class problem, two interleaved half moons,
// and prints the cost as it falls and the accuracy on held-out points.
//
// Run: npx tsx src/two-class.ts   (or: npm run two-class)
import { LLayerModel, type Matrix, type Rng, createRng, fromArray, predict } from 'dnn-lite';

/** m points of two half moons with Gaussian noise: X is (2, m), Y is (1, m); classes alternate. */
function moons(m: number, noise: number, rng: Rng): { X: Matrix; Y: Matrix } {
  const x = new Float64Array(2 * m);
  const y = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    const t = Math.PI * rng.random();
    const label = j % 2;
    // The upper moon is centred at (0, 0); the lower one is flipped and shifted to (1, 0.5).
    x[j] = (label ? 1 - Math.cos(t) : Math.cos(t)) + noise * rng.normal();
    x[m + j] = (label ? 0.5 - Math.sin(t) : Math.sin(t)) + noise * rng.normal();
    y[j] = label;
  }
  return { X: fromArray(x, 2, m), Y: fromArray(y, 1, m) };
}

function accuracy(X: Matrix, Y: Matrix, parameters: ReturnType<typeof LLayerModel>['parameters']): number {
  const P = predict(X, parameters);
  let right = 0;
  for (let j = 0; j < Y.shape[1]; j++) if (P.get(0, j) === Y.get(0, j)) right++;
  return right / Y.shape[1];
}

const rng = createRng(0);
const train = moons(400, 0.15, rng);
const test = moons(200, 0.15, rng);
console.log(`two moons: ${train.X.shape[1]} training and ${test.X.shape[1]} test points, 2 features`);

const { parameters } = LLayerModel(train.X, train.Y, [2, 16, 8, 1], {
  learningRate: 0.01,
  optimizer: 'adam',
  numIterations: 1500,
  init: { seed: 1, scale: 'he' },
  printCost: true, // "Cost after iteration i: c" every 100 iterations and at the last
});

console.log(`train accuracy: ${(100 * accuracy(train.X, train.Y, parameters)).toFixed(1)}%`);
console.log(`test accuracy: ${(100 * accuracy(test.X, test.Y, parameters)).toFixed(1)}%`);
