// The building blocks of the reference notebook ("Building your Deep Neural Network: Step
// by Step"), one by one, on the notebook's own test cases. Each case draws its inputs the
// way the course's testCases_v4a.py does: np.random.seed(s), then np.random.randn(...) in
// order, which createRng(s).randn(...) reproduces. The printed values are the notebook's
// expected outputs.
//
// Run: npx tsx src/building-blocks.ts   (or: npm run building-blocks)
import {
  type LinearActivationCache, LModelBackward, LModelForward, computeCost, createRng, fromRows,
  initializeParametersDeep, linearActivationBackward, linearActivationForward, linearBackward,
  linearForward, updateParameters,
} from 'dnn-lite';
import { show } from './print.js';

function section(title: string): void {
  console.log(`\n== ${title}`);
}

section('initialize_parameters_deep([5, 4, 3]), np.random.seed(3), weights * 0.01');
{
  const p = initializeParametersDeep([5, 4, 3], { seed: 3 });
  show('W1', p.W1);
  show('b1', p.b1);
  show('W2', p.W2);
  show('b2', p.b2);
}

section('linear_forward: Z = W A + b (linear_forward_test_case, seed 1)');
{
  const rng = createRng(1);
  const A = rng.randn(3, 2), W = rng.randn(1, 3), b = rng.randn(1, 1);
  const [Z] = linearForward(A, W, b);
  show('Z', Z);
}

section('linear_activation_forward (linear_activation_forward_test_case, seed 2)');
{
  const rng = createRng(2);
  const Aprev = rng.randn(3, 2), W = rng.randn(1, 3), b = rng.randn(1, 1);
  const [Asigmoid] = linearActivationForward(Aprev, W, b, 'sigmoid');
  show('With sigmoid: A', Asigmoid);
  const [Arelu] = linearActivationForward(Aprev, W, b, 'relu');
  show('With ReLU: A', Arelu);
}

section('L_model_forward, 3 layers (L_model_forward_test_case_2hidden, seed 6)');
{
  const rng = createRng(6);
  const X = rng.randn(5, 4);
  const W1 = rng.randn(4, 5), b1 = rng.randn(4, 1);
  const W2 = rng.randn(3, 4), b2 = rng.randn(3, 1);
  const W3 = rng.randn(1, 3), b3 = rng.randn(1, 1);
  const [AL, caches] = LModelForward(X, { W1, b1, W2, b2, W3, b3 });
  show('AL', AL);
  console.log(`Length of caches list = ${caches.length}`);
}

section('compute_cost (compute_cost_test_case)');
{
  const Y = fromRows([[1, 1, 0]]);
  const AL = fromRows([[0.8, 0.9, 0.4]]);
  show('cost', computeCost(AL, Y));
}

section('linear_backward (linear_backward_test_case, seed 1)');
{
  const rng = createRng(1);
  const dZ = rng.randn(3, 4);
  const A = rng.randn(5, 4), W = rng.randn(3, 5), b = rng.randn(3, 1);
  const [dAprev, dW, db] = linearBackward(dZ, [A, W, b]);
  show('dA_prev', dAprev);
  show('dW', dW);
  show('db', db);
}

section('linear_activation_backward (linear_activation_backward_test_case, seed 2)');
{
  const rng = createRng(2);
  const dA = rng.randn(1, 2);
  const A = rng.randn(3, 2), W = rng.randn(1, 3), b = rng.randn(1, 1);
  const Z = rng.randn(1, 2);
  const cache: LinearActivationCache = [[A, W, b], Z];
  for (const activation of ['sigmoid', 'relu'] as const) {
    const [dAprev, dW, db] = linearActivationBackward(dA, cache, activation);
    console.log(activation);
    show('dA_prev', dAprev);
    show('dW', dW);
    show('db', db);
  }
}

section('L_model_backward (L_model_backward_test_case, seed 3)');
{
  // As in the course, AL is a raw draw rather than a probability and each Z is drawn too:
  // the backward pass must use its caches as given.
  const rng = createRng(3);
  const AL = rng.randn(1, 2);
  const Y = fromRows([[1, 0]]);
  const A1 = rng.randn(4, 2), W1 = rng.randn(3, 4), b1 = rng.randn(3, 1), Z1 = rng.randn(3, 2);
  const A2 = rng.randn(3, 2), W2 = rng.randn(1, 3), b2 = rng.randn(1, 1), Z2 = rng.randn(1, 2);
  const caches: LinearActivationCache[] = [[[A1, W1, b1], Z1], [[A2, W2, b2], Z2]];
  const grads = LModelBackward(AL, Y, caches);
  show('dA0', grads.dA0);
  show('dA1', grads.dA1);
  show('dW1', grads.dW1);
  show('db1', grads.db1);
  show('dW2', grads.dW2);
  show('db2', grads.db2);
}

section('update_parameters, learning rate 0.1 (update_parameters_test_case, seeds 2 and 3)');
{
  const p = createRng(2);
  const parameters = { W1: p.randn(3, 4), b1: p.randn(3, 1), W2: p.randn(1, 3), b2: p.randn(1, 1) };
  const g = createRng(3);
  const grads = { dW1: g.randn(3, 4), db1: g.randn(3, 1), dW2: g.randn(1, 3), db2: g.randn(1, 1) };
  const updated = updateParameters(parameters, grads, 0.1);
  show('W1', updated.W1);
  show('b1', updated.b1);
  show('W2', updated.W2);
  show('b2', updated.b2);
}
