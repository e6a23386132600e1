/**
 * Writing a file all at once: a reader sees the old file or the new one, never half of it.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Writes `data` to a temporary file beside `path`, then renames it over `path`.
 * A rename within one directory is atomic on POSIX file systems, so a crash or an
 * error leaves the previous file, if any, untouched.
 *
 * @param path - the file to write; its directory is created if missing
 * @param data - the whole content
 * @returns the path written
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<string> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true });
  const tmp = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, data);
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
  return path;
}
