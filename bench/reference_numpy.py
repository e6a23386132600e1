"""The reference implementation of the job, in numpy, as the deeplearning.ai course writes it.

Usage: python3 reference_numpy.py DIR ITERATIONS RUNS

Reads the pixels and initial weights that bench/src/data.ts wrote to DIR, trains with
full-batch gradient descent (L_model_forward, compute_cost, L_model_backward including dA0,
update_parameters), and prints one JSON line: the wall time of each run, the median
iteration time, the last cost, the accuracies and the BLAS it ran on.
"""
import ctypes
import glob
import json
import os
import sys
import time

import numpy as np


def load(directory, meta, name):
    rows, cols = meta["shapes"][name]
    return np.fromfile(os.path.join(directory, name + ".f64"), dtype="<f8").reshape(rows, cols)


def sigmoid(Z):
    return 1 / (1 + np.exp(-Z)), Z


def relu(Z):
    return np.maximum(0, Z), Z


def linear_activation_forward(A_prev, W, b, activation):
    Z = np.dot(W, A_prev) + b
    A, activation_cache = sigmoid(Z) if activation == "sigmoid" else relu(Z)
    return A, ((A_prev, W, b), activation_cache)


def L_model_forward(X, parameters):
    caches = []
    A = X
    L = len(parameters) // 2
    for l in range(1, L):
        A, cache = linear_activation_forward(A, parameters["W" + str(l)], parameters["b" + str(l)], "relu")
        caches.append(cache)
    AL, cache = linear_activation_forward(A, parameters["W" + str(L)], parameters["b" + str(L)], "sigmoid")
    caches.append(cache)
    return AL, caches


def compute_cost(AL, Y):
    m = Y.shape[1]
    cost = -np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)) / m
    return float(np.squeeze(cost))


def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = np.dot(dZ, A_prev.T) / m
    db = np.sum(dZ, axis=1, keepdims=True) / m
    dA_prev = np.dot(W.T, dZ)
    return dA_prev, dW, db


def linear_activation_backward(dA, cache, activation):
    linear_cache, Z = cache
    if activation == "relu":
        dZ = np.array(dA, copy=True)
        dZ[Z <= 0] = 0
    else:
        s = 1 / (1 + np.exp(-Z))
        dZ = dA * s * (1 - s)
    return linear_backward(dZ, linear_cache)


def L_model_backward(AL, Y, caches):
    grads = {}
    L = len(caches)
    Y = Y.reshape(AL.shape)
    dAL = -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))
    grads["dA" + str(L - 1)], grads["dW" + str(L)], grads["db" + str(L)] = \
        linear_activation_backward(dAL, caches[L - 1], "sigmoid")
    for l in reversed(range(L - 1)):
        dA_prev, dW, db = linear_activation_backward(grads["dA" + str(l + 1)], caches[l], "relu")
        grads["dA" + str(l)], grads["dW" + str(l + 1)], grads["db" + str(l + 1)] = dA_prev, dW, db
    return grads


def update_parameters(parameters, grads, learning_rate):
    L = len(parameters) // 2
    for l in range(L):
        parameters["W" + str(l + 1)] = parameters["W" + str(l + 1)] - learning_rate * grads["dW" + str(l + 1)]
        parameters["b" + str(l + 1)] = parameters["b" + str(l + 1)] - learning_rate * grads["db" + str(l + 1)]
    return parameters


def accuracy(X, Y, parameters):
    AL, _ = L_model_forward(X, parameters)
    return float(np.mean((AL > 0.5).astype(float) == Y))


def openblas_info():
    """Threads and kernel of the OpenBLAS numpy bundles, read from the library itself."""
    here = os.path.dirname(np.__file__)
    for path in glob.glob(os.path.join(here, "..", "numpy.libs", "*openblas*")):
        lib = ctypes.CDLL(path)
        for prefix, suffix in (("scipy_openblas_", "64_"), ("scipy_openblas_", ""), ("openblas_", "")):
            try:
                threads = getattr(lib, prefix + "get_num_threads" + suffix)
                corename = getattr(lib, prefix + "get_corename" + suffix)
            except AttributeError:
                continue
            corename.restype = ctypes.c_char_p
            return {"library": os.path.basename(path), "threads": threads(),
                    "coretype": corename().decode()}
    return {"library": "unknown", "threads": None, "coretype": None}


def main():
    directory, iterations, runs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    with open(os.path.join(directory, "meta.json")) as f:
        meta = json.load(f)
    X, Y = load(directory, meta, "trainX"), load(directory, meta, "trainY")
    L = len(meta["layers"]) - 1
    seconds, iteration_ms = [], []
    for _ in range(runs):
        parameters = {}
        for l in range(1, L + 1):
            parameters["W%d" % l] = load(directory, meta, "W%d" % l)
            parameters["b%d" % l] = load(directory, meta, "b%d" % l)
        start = previous = time.perf_counter()
        for _ in range(iterations):
            AL, caches = L_model_forward(X, parameters)
            cost = compute_cost(AL, Y)
            grads = L_model_backward(AL, Y, caches)
            parameters = update_parameters(parameters, grads, meta["learningRate"])
            now = time.perf_counter()
            iteration_ms.append(1000 * (now - previous))
            previous = now
        seconds.append(time.perf_counter() - start)
    print(json.dumps({
        "seconds": seconds,
        "iterationMs": iteration_ms,
        "cost": cost,
        "trainAccuracy": accuracy(X, Y, parameters),
        "testAccuracy": accuracy(load(directory, meta, "testX"), load(directory, meta, "testY"), parameters),
        "numpy": np.__version__,
        "blas": openblas_info(),
    }))


if __name__ == "__main__":
    main()
