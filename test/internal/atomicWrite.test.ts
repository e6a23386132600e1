import * as fs from 'node:fs';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic, type WriteFileSystem } from '../../src/internal/atomicWrite.js';
import { ModelFileError } from '../../src/errors.js';

let dir: string;
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'dnn-lite-atomic-')); });
afterEach(() => { rmSync(dir, { recursive: true, force: true }); });

describe('writeFileAtomic', () => {
  it('writes the chunks in order through a temporary file in the same directory', () => {
    const opened: string[] = [];
    const spy: WriteFileSystem = { ...fs, openSync: (p, f, m) => { opened.push(p); return fs.openSync(p, f, m); } };
    const path = join(dir, 'out.bin');
    writeFileAtomic('test', path, [Buffer.from('ab'), new Uint8Array([0x63]), Buffer.alloc(0)], spy);
    expect(readFileSync(path, 'latin1')).toBe('abc');
    expect(opened).toHaveLength(1);
    expect(opened[0]).toMatch(/\/\.out\.bin\.\d+\.[0-9a-f]{12}\.tmp$/);
    expect(readdirSync(dir)).toEqual(['out.bin']);
  });

  it('finishes short writes', () => {
    const oneByte: WriteFileSystem = {
      ...fs, writeSync: (fd, buf, off) => fs.writeSync(fd, buf, off, 1, null),
    };
    const path = join(dir, 'out.bin');
    writeFileAtomic('test', path, [Buffer.from('hello')], oneByte);
    expect(readFileSync(path, 'latin1')).toBe('hello');
  });

  it('keeps the old file and removes the temporary one when closing fails', () => {
    const path = join(dir, 'out.bin');
    writeFileSync(path, 'old');
    const failing: WriteFileSystem = { ...fs, closeSync: () => { throw new Error('EIO'); } };
    expect(() => writeFileAtomic('someFn', path, [Buffer.from('new')], failing)).toThrow(
      `someFn: ${path}: could not write the file (EIO)`);
    expect(() => writeFileAtomic('someFn', path, [Buffer.from('new')], failing)).toThrow(ModelFileError);
    expect(readFileSync(path, 'latin1')).toBe('old');
    expect(readdirSync(dir)).toEqual(['out.bin']);
  });
});
