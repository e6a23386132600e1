// Checks the analytic gradients of LModelBackward against central differences of the cost,
// (J(theta + eps) - J(theta - eps)) / (2 eps), one parameter at a time, on a small network.
//
// Run: npx tsx src/gradient-check.ts   (or: npm run gradient-check)
import { createRng, fromRows, gradientCheck, initializeParametersDeep } from 'dnn-lite';

// Three layers, [LINEAR -> RELU] x 2 -> LINEAR -> SIGMOID, with 4 inputs and 6 examples.
const layerDims = [4, 5, 3, 1];
const parameters = initializeParametersDeep(layerDims, { seed: 1, scale: 'he' });
const X = createRng(2).randn(4, 6); // (n_x, m)
const Y = fromRows([[1, 0, 1, 1, 0, 0]]); // (1, m)

const count = Object.values(parameters).reduce((n, P) => n + P.size, 0);
console.log(`network ${JSON.stringify(layerDims)}: ${count} parameters, ${2 * count} extra forward passes`);

const { difference, passed, threshold, worst } = gradientCheck(parameters, X, Y);
console.log(`relative difference = ${difference.toExponential(2)} (threshold ${threshold})`);
console.log(`passed = ${passed}`);
console.log(`largest gap at ${worst.key}[${worst.row}, ${worst.col}]: ` +
  `analytic ${worst.analytic.toFixed(10)}, numeric ${worst.numeric.toFixed(10)}`);
