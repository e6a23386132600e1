import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const bench = join(import.meta.dirname, '..');

describe('npm run bench', () => {
  it('runs every implementation in quick mode and prints one table with a row each', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', join(bench, 'src', 'bench.ts'), '--quick'], {
      cwd: bench, encoding: 'utf8', timeout: 170_000, stdio: ['ignore', 'pipe', 'pipe'],
    });
    const rows = out.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| implementation'));
    expect(rows.map((r) => r.split('|')[1].trim())).toEqual([
      'numpy reference', 'dnn-lite', 'dnn-lite', 'dnn-lite', 'dnn-lite', 'dnn-lite', 'TensorFlow.js wasm',
    ]);
    for (const row of rows) expect(row).toMatch(/\| \d+\.\d\d +\| \d+\.\d\d s +\| \d+\.\d\dx/);
    expect(out).toMatch(/numpy: numpy \d/);
    expect(out).toMatch(/memory: dual job process: peak RSS \d+ MiB/);
  }, 180_000);
});
