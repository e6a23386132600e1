import { describe, expect, it } from 'vitest';
import {
  ENSEMBLE_RECIPE, HOG_RECIPE, IMPROVED_RECIPE, memberSeed, networkLayers, parseLayers, REFERENCE_RECIPE,
  trainSettings,
} from '../src/settings.js';

describe('trainSettings', () => {
  it('gives the recipe\'s values with the seed', () => {
    expect(trainSettings('reference', 4)).toEqual({ ...REFERENCE_RECIPE, recipe: 'reference', seed: 4 });
    expect(trainSettings('improved', 1)).toEqual({ ...IMPROVED_RECIPE, recipe: 'improved', seed: 1 });
  });

  it('replaces the values given and ignores undefined ones', () => {
    const s = trainSettings('improved', 2, { iterations: 10, learningRate: undefined, layers: [12288, 3, 1] });
    expect(s).toMatchObject({ iterations: 10, learningRate: IMPROVED_RECIPE.learningRate, layers: [12288, 3, 1] });
  });

  it('keeps the reference recipe the reference\'s: xavier init, plain full-batch gradient descent', () => {
    expect(REFERENCE_RECIPE).toEqual({
      layers: [12288, 30, 20, 7, 5, 1], features: 'pixels', hogCell: 8, init: 'xavier', optimizer: 'gd',
      learningRate: 0.0075, iterations: 2500, lambd: 0, decayRate: 0, mirrorImages: false, members: 1,
    });
  });

  it('makes the ensemble recipe the improved one with several networks', () => {
    expect(IMPROVED_RECIPE.members).toBe(1);
    expect({ ...ENSEMBLE_RECIPE, members: 1 }).toEqual(IMPROVED_RECIPE);
    expect(ENSEMBLE_RECIPE.members).toBeGreaterThan(1);
  });
});

describe('the hog recipe', () => {
  it('is the values README.md reports: ten smaller networks on HOG features, trained as the improved recipe is', () => {
    expect(HOG_RECIPE).toEqual({
      layers: [12288, 30, 20, 1], features: 'hog', hogCell: 8, init: 'he', optimizer: 'momentum',
      learningRate: 0.02, iterations: 800, lambd: 5, decayRate: 0, mirrorImages: true, members: 10,
    });
    expect(HOG_RECIPE).toMatchObject({ init: IMPROVED_RECIPE.init, optimizer: IMPROVED_RECIPE.optimizer });
  });
});

describe('networkLayers', () => {
  it('gives the network the photo\'s 12288 values or its HOG features as inputs', () => {
    expect(networkLayers(IMPROVED_RECIPE)).toEqual([12288, 30, 20, 7, 5, 1]);
    expect(networkLayers(HOG_RECIPE)).toEqual([1764, 30, 20, 1]);
    expect(networkLayers({ ...HOG_RECIPE, hogCell: 16, layers: [12288, 4, 1] })).toEqual([324, 4, 1]);
  });
});

describe('memberSeed', () => {
  it('keeps the seed of a single network and gives ensemble members seed * 1000 + j', () => {
    expect(memberSeed(3, 1, 1)).toBe(3);
    expect([1, 2, 3].map((j) => memberSeed(3, j, 3))).toEqual([3001, 3002, 3003]);
  });
});

describe('parseLayers', () => {
  it('reads a comma-separated list', () => {
    expect(parseLayers('12288, 20, 1')).toEqual([12288, 20, 1]);
  });

  it('names the entry that is not a positive integer', () => {
    expect(() => parseLayers('12288,x,1')).toThrow('"x" is not a positive integer');
    expect(() => parseLayers('12288,0,1')).toThrow('"0" is not a positive integer');
  });
});
