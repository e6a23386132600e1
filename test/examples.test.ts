// Runs every example script of examples/basics and the code snippets of the README and the
// guides in docs/, and checks what they print, so none of them can rot.
//
// The building-blocks script is checked against the values the reference notebook prints
// (the `course_printed` entries of the shared numpy cases), not against its own output.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { courseCases, repoRoot } from './helpers/reference.js';

const run = promisify(execFile);
const basics = join(repoRoot, 'examples', 'basics');

/** Runs a TypeScript file with tsx, as `npx tsx file` does, from the given folder. */
async function tsx(file: string, cwd: string): Promise<string> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', file], { cwd, timeout: 120_000 });
  return stdout;
}

/** numpy's printed arrays with the spacing taken out: `[[ 0. 1.5]]` -> `[[0. 1.5]]`. */
function normalize(printed: string): string {
  return printed.replace(/\s+/g, ' ').replace(/\[ /g, '[').replace(/ \]/g, ']').trim();
}

/** `name = value` entries of the building-blocks output, keyed `section title / name`. */
function entries(output: string): Map<string, string> {
  const out = new Map<string, string>();
  let section = '', sub = '', key = '';
  for (const line of output.split('\n')) {
    if (line.startsWith('== ')) [section, sub, key] = [line.slice(3), '', ''];
    else if (/^\S[^=]* = /.test(line)) {
      const [name, value] = line.split(/ = (.*)/s);
      key = `${section} / ${sub}${name}`;
      out.set(key, value);
    } else if (/^\s+\[/.test(line) && key) out.set(key, `${out.get(key)} ${line.trim()}`);
    else if (/^\w+$/.test(line)) sub = `${line} `;
  }
  return out;
}

function printed(group: string, id: string, name: string): string {
  const c = (courseCases[group] as { id: string; course_printed: { values: Record<string, { printed: string }> } }[])
    .find((x) => x.id === id);
  if (!c) throw new Error(`no case ${group}/${id}`);
  return c.course_printed.values[name].printed;
}

describe('examples/basics', () => {
  it('building-blocks prints the values the reference notebook prints', async () => {
    const out = entries(await tsx('src/building-blocks.ts', basics));
    const find = (section: string, name: string) => {
      const key = [...out.keys()].find((k) => k.startsWith(section) && k.endsWith(` / ${name}`));
      expect(key, `${section} ${name}`).toBeDefined();
      return normalize(out.get(key!)!);
    };
    const cases: [section: string, group: string, id: string, names: string[], prefix?: string][] = [
      ['initialize_parameters_deep', 'initializeParametersDeep', 'course_init_deep_5_4_3', ['W1', 'b1', 'W2', 'b2']],
      ['linear_forward:', 'linearForward', 'course_linear_forward', ['Z']],
      ['L_model_forward', 'LModelForward', 'course_L_model_forward_test_case_2hidden', ['AL']],
      ['compute_cost', 'computeCost', 'course_compute_cost', ['cost']],
      ['linear_backward', 'linearBackward', 'course_linear_backward', ['dA_prev', 'dW', 'db']],
      ['linear_activation_backward', 'linearActivationBackward', 'course_linear_activation_backward_sigmoid',
        ['dA_prev', 'dW', 'db'], 'sigmoid '],
      ['linear_activation_backward', 'linearActivationBackward', 'course_linear_activation_backward_relu',
        ['dA_prev', 'dW', 'db'], 'relu '],
      ['L_model_backward', 'LModelBackward', 'course_L_model_backward', ['dA0', 'dA1', 'dW1', 'db1', 'dW2', 'db2']],
      ['update_parameters', 'updateParameters', 'course_update_parameters', ['W1', 'b1', 'W2', 'b2']],
    ];
    let compared = 0;
    for (const [section, group, id, names, prefix = ''] of cases) {
      for (const name of names) {
        expect(find(section, prefix + name), `${section} ${prefix}${name}`).toBe(normalize(printed(group, id, name)));
        compared++;
      }
    }
    expect(find('linear_activation_forward', 'With sigmoid: A'))
      .toBe(normalize(printed('linearActivationForward', 'course_linear_activation_forward_sigmoid', 'A')));
    expect(find('linear_activation_forward', 'With ReLU: A'))
      .toBe(normalize(printed('linearActivationForward', 'course_linear_activation_forward_relu', 'A')));
    expect(compared).toBe(26);
  });

  it('gradient-check reports a pass with a tiny relative difference', async () => {
    const out = await tsx('src/gradient-check.ts', basics);
    expect(out).toMatch(/^network \[4,5,3,1\]: 47 parameters/m);
    expect(out).toMatch(/^passed = true$/m);
    const difference = Number(out.match(/^relative difference = (\S+)/m)![1]);
    expect(difference).toBeGreaterThan(0);
    expect(difference).toBeLessThan(1e-7);
  });

  it('two-class learns the two moons', async () => {
    const out = await tsx('src/two-class.ts', basics);
    const costs = [...out.matchAll(/^Cost after iteration (\d+): (\S+)$/gm)].map((m) => Number(m[2]));
    expect(costs.length).toBe(16);
    expect(costs[0]).toBeCloseTo(Math.LN2, 1);
    expect(costs[costs.length - 1]).toBeLessThan(0.1);
    const test = Number(out.match(/^test accuracy: (\S+)%$/m)![1]);
    expect(test).toBeGreaterThanOrEqual(90);
  });

  it('has a package script for every example file', () => {
    const scripts = JSON.parse(readFileSync(join(basics, 'package.json'), 'utf8')).scripts as Record<string, string>;
    const files = readdirSync(join(basics, 'src')).filter((f) => f.endsWith('.ts') && f !== 'print.ts');
    for (const f of files) expect(Object.values(scripts)).toContain(`tsx src/${f}`);
  });
});

interface Fence { lang: string; code: string; before: string; heading: string }

/** The fenced blocks of a markdown file, each with the prose before it and its heading. */
function fences(markdown: string): Fence[] {
  const out: Fence[] = [];
  const re = /^```(\w*)\n([\s\S]*?)^```\s*$/gm;
  let last = 0, heading = '';
  for (let m = re.exec(markdown); m; m = re.exec(markdown)) {
    const before = markdown.slice(last, m.index);
    for (const h of before.matchAll(/^#+ (.*)$/gm)) heading = h[1];
    out.push({ lang: m[1], code: m[2], before, heading });
    last = m.index + m[0].length;
  }
  return out;
}

/** Pairs of a ts block and the ```text block right after it that says what it prints. */
function printedSnippets(markdown: string): { code: string; output: string; heading: string }[] {
  const f = fences(markdown);
  return f.flatMap((block, i) => block.lang === 'ts' && f[i + 1]?.lang === 'text' && /prints/i.test(f[i + 1].before)
    ? [{ code: block.code, output: f[i + 1].code, heading: block.heading }] : []);
}

// Snippets import 'dnn-lite', which resolves from anywhere under the repository (the
// workspace links node_modules/dnn-lite to it); node_modules/.cache is git-ignored.
const scratch = join(repoRoot, 'node_modules', '.cache');
mkdirSync(scratch, { recursive: true });
const snippetDir = mkdtempSync(join(scratch, 'dnn-lite-snippets-'));
afterAll(() => rmSync(snippetDir, { recursive: true, force: true }));

async function runSnippet(name: string, code: string): Promise<string> {
  const file = join(snippetDir, `${name}.ts`);
  writeFileSync(file, code);
  return tsx(file, repoRoot);
}

const trimLines = (s: string) => s.split('\n').map((l) => l.trimEnd()).join('\n').trim();

describe('README.md', () => {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');

  it('prints what it says in the first ts block under its Example heading', async () => {
    const snippet = printedSnippets(readme).find((s) => /example/i.test(s.heading));
    expect(snippet, 'a ```ts block under an "Example" heading, followed by its printed ```text').toBeDefined();
    expect(trimLines(await runSnippet('readme', snippet!.code))).toBe(trimLines(snippet!.output));
  });
});

describe('the guides in docs/', () => {
  const guides = readdirSync(join(repoRoot, 'docs')).filter((f) => f.endsWith('.md'));
  const snippets = guides.flatMap((file) => printedSnippets(readFileSync(join(repoRoot, 'docs', file), 'utf8'))
    .map((s, i) => ({ ...s, where: `${file} #${i + 1} (${s.heading})`, name: `${file.replace('.md', '')}-${i}` })));

  it('have snippets with their printed output', () => {
    expect(snippets.length).toBeGreaterThanOrEqual(4);
  });

  it.each(snippets.map((s) => [s.where, s] as const))('%s prints what it says', async (_where, s) => {
    expect(trimLines(await runSnippet(s.name, s.code))).toBe(trimLines(s.output));
  });
});
