// Runs the @example blocks of the public TSDoc comments and checks every printed result
// they state. A line `expr; // value` is checked when `value` is a JavaScript literal
// (a number, an array, a string...): expr must equal it exactly. A comment line
// `// SomeError: message` after a statement says that statement throws that error.
// Other comments ("about 1e-9") are prose and are only read by people.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as lib from '../../src/index.js';
import { repoRoot } from '../helpers/reference.js';

interface Example { file: string; line: number; code: string }

/** The fenced code of every @example in the TSDoc comments of src/*.ts (not src/internal). */
function examplesIn(file: string): Example[] {
  const lines = readFileSync(join(repoRoot, 'src', file), 'utf8').split('\n');
  const out: Example[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^\s*\* @example\b/.test(lines[i])) continue;
    const open = lines.findIndex((l, k) => k > i && /^\s*\* ```/.test(l));
    const close = lines.findIndex((l, k) => k > open && /^\s*\* ```\s*$/.test(l));
    if (open < 0 || close < 0) continue;
    const body = lines.slice(open + 1, close).map((l) => l.replace(/^\s*\* ?/, ''));
    out.push({ file, line: open + 2, code: body.join('\n') });
  }
  return out;
}

/**
 * The literal a comment states (before any trailing remark in parentheses), or undefined
 * when the comment is prose.
 */
function literal(text: string): { source: string } | undefined {
  for (const source of [text, text.replace(/\s+\(.*\)$/, '')]) {
    try {
      new Function(`return (${source});`)();
      return { source };
    } catch {
      // not a literal; try without the remark, then give up
    }
  }
  return undefined;
}

/** Relative tolerance for stated doubles: printed results are full precision. */
const RTOL = 1e-12;

/** Deep equality with numbers compared to RTOL. */
function close(actual: unknown, expected: unknown): boolean {
  if (typeof expected === 'number' && typeof actual === 'number') {
    return actual === expected || Math.abs(actual - expected) <= RTOL * Math.abs(expected);
  }
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && actual.length === expected.length &&
      expected.every((e, i) => close(actual[i], e));
  }
  return Object.is(actual, expected);
}

interface Check { line: string; actual?: unknown; expected?: unknown; error?: string; expectedError?: string }

/** Rewrites the example so each checkable line reports what it printed; then runs it. */
function run(example: Example): { checks: Check[]; illustrative: boolean } {
  const src = example.code.split('\n');
  const rewritten: string[] = [];
  for (let k = 0; k < src.length; k++) {
    const errorNext = src[k + 1]?.match(/^\s*\/\/\s*(\w*Error): (.*)$/);
    const stated = src[k].match(/^(?!\s*(?:const|let|var|try|if|for)\b)(.*?);\s*\/\/\s*(.+?)\s*$/);
    if (errorNext) {
      const statement = src[k].replace(/;\s*$/, '');
      rewritten.push(`__checks.push(__throws(${JSON.stringify(src[k])}, () => { ${statement}; }, ` +
        `${JSON.stringify(errorNext[1])}, ${JSON.stringify(errorNext[2])}));`);
      k++;
    } else if (stated && literal(stated[2])) {
      rewritten.push(`__checks.push({ line: ${JSON.stringify(src[k])}, actual: (${stated[1]}), ` +
        `expected: (${literal(stated[2])!.source}) });`);
    } else {
      rewritten.push(src[k]);
    }
  }
  const js = ts.transpileModule(rewritten.join('\n'), {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
  }).outputText;
  const checks: Check[] = [];
  const throws = (line: string, f: () => void, name: string, message: string): Check => {
    try {
      f();
      return { line, error: 'nothing thrown', expectedError: `${name}: ${message}` };
    } catch (e) {
      const err = e as Error;
      return { line, error: `${err.name}: ${err.message}`, expectedError: `${name}: ${message}` };
    }
  };
  const names = Object.keys(lib);
  try {
    new Function('__checks', '__throws', ...names, js)(checks, throws, ...names.map((n) => (lib as never)[n]));
  } catch (e) {
    // Snippets that use names they do not define (A, W, b...) illustrate a pattern.
    if (e instanceof ReferenceError) return { checks, illustrative: true };
    throw e;
  }
  return { checks, illustrative: false };
}

const files = readdirSync(join(repoRoot, 'src')).filter((f) => f.endsWith('.ts'));
const examples = files.flatMap(examplesIn);

describe('the @example blocks of the public API', () => {
  // Examples that write files (saveModel('model.dnnl', ...)) write them in a scratch folder.
  const home = process.cwd();
  const scratch = mkdtempSync(join(tmpdir(), 'dnn-lite-examples-'));
  beforeAll(() => process.chdir(scratch));
  afterAll(() => {
    process.chdir(home);
    rmSync(scratch, { recursive: true, force: true });
  });

  it('are found in the sources', () => {
    expect(examples.length).toBeGreaterThan(20);
  });

  it.each(examples.map((e) => [`${e.file}:${e.line}`, e] as const))(
    '%s prints what it says',
    (_where, example) => {
      const { checks } = run(example);
      for (const c of checks) {
        if (c.expectedError !== undefined) expect(c.error, c.line).toBe(c.expectedError);
        else if (!close(c.actual, c.expected)) expect(c.actual, c.line).toEqual(c.expected);
      }
    },
  );

  it('state checkable results in most blocks', () => {
    const checked = examples.filter((e) => run(e).checks.length > 0);
    expect(checked.length).toBeGreaterThanOrEqual(Math.floor(examples.length * 0.6));
  });
});
