// Writes a file so that readers only ever see the old content or the complete new
// content: the bytes go to a temporary file in the same directory (so the rename stays
// on one file system), are flushed to disk, and the temporary file is renamed over the
// target, which POSIX makes atomic. A failure on the way removes the temporary file and
// leaves the target untouched.
import * as nodeFs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { ModelFileError, ValueError } from '../errors.js';

/**
 * The file-system calls an atomic write makes, with the signatures of `node:fs`. Pass an
 * object that wraps `node:fs` to observe or fail some of them (tests simulate a full disk
 * this way).
 */
export interface WriteFileSystem {
  openSync(path: string, flags: string, mode?: number): number;
  writeSync(fd: number, buffer: Uint8Array, offset: number, length: number, position: number | null): number;
  fsyncSync(fd: number): void;
  closeSync(fd: number): void;
  renameSync(oldPath: string, newPath: string): void;
  unlinkSync(path: string): void;
}

/** Throws unless `path` is a non-empty string. */
export function assertPath(fn: string, path: unknown): asserts path is string {
  if (typeof path !== 'string' || path.length === 0) {
    throw new ValueError(fn, `path is ${typeof path === 'string' ? 'an empty string' : typeof path}; ` +
      'it must be a non-empty file path');
  }
}

/**
 * Writes `chunks` one after another to `path`, atomically. Throws a ModelFileError with
 * problem 'io' naming `fn` and `path` if any step fails; the target is then unchanged and
 * no temporary file remains (unless removing it failed too).
 */
export function writeFileAtomic(
  fn: string, path: string, chunks: readonly Uint8Array[], fs: WriteFileSystem = nodeFs,
): void {
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  let fd: number | null = null;
  try {
    fd = fs.openSync(tmp, 'wx', 0o666);
    for (const chunk of chunks) {
      let done = 0;
      while (done < chunk.length) done += fs.writeSync(fd, chunk, done, chunk.length - done, null);
    }
    fs.fsyncSync(fd);
    const open = fd;
    fd = null;
    fs.closeSync(open);
    fs.renameSync(tmp, path);
  } catch (err) {
    if (fd !== null) {
      try { fs.closeSync(fd); } catch { /* the write error below is the one to report */ }
    }
    try { fs.unlinkSync(tmp); } catch { /* never created, or already renamed */ }
    const reason = err instanceof Error ? err.message : String(err);
    throw new ModelFileError(fn, path, 'io', `could not write the file (${reason}); ` +
      'any previous file at this path is unchanged', err);
  }
  syncDirectory(dir);
}

/**
 * Flushes the directory entry of the rename, so the new name survives a power cut. Not
 * every platform can open a directory (Windows cannot); the data itself is already safe,
 * so a failure here is ignored.
 */
function syncDirectory(dir: string): void {
  let fd: number | null = null;
  try {
    fd = nodeFs.openSync(dir, 'r');
    nodeFs.fsyncSync(fd);
  } catch {
    // See above: best effort only.
  } finally {
    if (fd !== null) nodeFs.closeSync(fd);
  }
}
