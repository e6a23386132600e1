// The documentation contract of the public API, read from typedoc's JSON output: every
// exported function documents each parameter and has @returns, @throws and @example.
// (typedoc's own validation, run by `npm run docs`, already fails on an undocumented
// export or a broken {@link}.)
import { beforeAll, describe, expect, it } from 'vitest';
import { Kind, type Reflection, apiJson, ensureSite } from './site.js';

let api: Reflection;
beforeAll(() => {
  ensureSite();
  api = apiJson();
}, 300_000);

describe('the generated API reference', () => {
  it('lists the core functions', () => {
    const names = api.children!.filter((c) => c.kind === Kind.Function).map((c) => c.name);
    for (const name of ['LLayerModel', 'initializeParametersDeep', 'linearForward', 'LModelBackward',
      'computeCost', 'updateParameters', 'predict', 'gradientCheck', 'createRng']) {
      expect(names).toContain(name);
    }
  });

  it('documents every parameter of every function and gives @returns, @throws and @example', () => {
    const gaps: string[] = [];
    for (const fn of api.children!.filter((c) => c.kind === Kind.Function)) {
      for (const sig of fn.signatures ?? []) {
        const tags = new Set((sig.comment?.blockTags ?? []).map((t) => t.tag));
        for (const tag of ['@returns', '@throws', '@example']) if (!tags.has(tag)) gaps.push(`${fn.name}: no ${tag}`);
        if (!sig.comment?.summary.some((p) => p.text.trim())) gaps.push(`${fn.name}: no summary`);
        for (const p of sig.parameters ?? []) if (!p.comment) gaps.push(`${fn.name}: parameter ${p.name} undocumented`);
      }
    }
    expect(gaps).toEqual([]);
  });

  it('gives every class an example', () => {
    const gaps = api.children!.filter((c) => c.kind === Kind.Class)
      .filter((c) => !(c.comment?.blockTags ?? []).some((t) => t.tag === '@example')).map((c) => c.name);
    expect(gaps).toEqual([]);
  });
});
