import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../src/atomicWrite.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gender-atomic-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeFileAtomic', () => {
  it('creates missing folders and replaces an old file whole', async () => {
    const path = join(dir, 'a', 'b', 'f.txt');
    await writeFileAtomic(path, 'first');
    await writeFileAtomic(path, 'second');
    expect(await readFile(path, 'utf8')).toBe('second');
    expect(await readdir(join(dir, 'a', 'b'))).toEqual(['f.txt']);
  });

  it('keeps the old file and no temporary when the rename fails', async () => {
    const sub = join(dir, 'c');
    await mkdir(join(sub, 'target'), { recursive: true });
    await writeFile(join(sub, 'target', 'inside'), 'x');
    // a non-empty folder cannot be replaced by a file
    await expect(writeFileAtomic(join(sub, 'target'), 'data')).rejects.toThrow();
    expect(await readdir(sub)).toEqual(['target']);
  });
});
