/**
 * Export of parameters to numpy's `.npz` format, so `numpy.load` reads a model trained
 * here: a zip archive of uncompressed entries `W1.npy`, `b1.npy`, ..., each an `.npy`
 * version 1.0 file of little-endian float64 ('<f8'), C order.
 *
 * The archive and `.npy` layouts are small and fully specified, so they are written here
 * rather than through a zip library; each `.npy` entry is byte for byte what `numpy.save`
 * writes for the same array.
 *
 * @see numpy `numpy.lib.format` (the `.npy` format, version 1.0)
 * @see PKWARE APPNOTE.TXT 6.3 (the zip format: local headers, central directory, CRC-32)
 *
 * @packageDocumentation
 */
import { contiguousCopy, type Matrix } from './matrix.js';
import { ValueError } from './errors.js';
import { assertFinite, assertMatrix } from './internal/check.js';
import { assertPath, writeFileAtomic, type WriteFileSystem } from './internal/atomicWrite.js';

/** Options of {@link exportNpz}. */
export interface ExportNpzOptions {
  /** File-system calls to write through; default `node:fs`. */
  fs?: WriteFileSystem;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** @internal CRC-32 (IEEE 802.3, as zip and zlib use) of `bytes`. */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let k = 0; k < bytes.length; k++) c = CRC_TABLE[(c ^ bytes[k]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

// numpy pads the header so data starts on a 64-byte boundary, after leaving room for the
// first dimension to grow to 21 digits.
const NPY_ALIGN = 64;
const GROWTH_AXIS_MAX_DIGITS = 21;

/** @internal The `.npy` v1.0 bytes of a matrix, as `numpy.save` writes them. */
export function npyBytes(M: Matrix): Uint8Array {
  const [rows, cols] = M.shape;
  let dict = `{'descr': '<f8', 'fortran_order': False, 'shape': (${rows}, ${cols}), }`;
  dict += ' '.repeat(GROWTH_AXIS_MAX_DIGITS - String(rows).length);
  const headerLength = dict.length + 1;
  const pad = NPY_ALIGN - ((6 + 2 + 2 + headerLength) % NPY_ALIGN);
  const header = Buffer.from(dict + ' '.repeat(pad) + '\n', 'latin1');

  const values = contiguousCopy(M).data;
  const out = new Uint8Array(10 + header.length + values.length * 8);
  const view = new DataView(out.buffer);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]); // \x93NUMPY, version 1.0
  view.setUint16(8, header.length, true);
  out.set(header, 10);
  const start = 10 + header.length;
  for (let k = 0; k < values.length; k++) view.setFloat64(start + k * 8, values[k], true);
  return out;
}

// Every entry is dated 1980-01-01 00:00 (the zip epoch), so the same arrays always give the
// same bytes.
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
const ZIP_VERSION = 20;
const UINT32_MAX = 0xffffffff;

/**
 * Writes `arrays` to a `.npz` file at exactly `path`, atomically (a temporary file in the
 * same directory, flushed and renamed), so `numpy.load(path)[name]` gives each matrix back
 * with the same shape and the same float64 bits. Views are written in their logical
 * row-major order.
 *
 * @param path - the file to write, e.g. `'parameters.npz'`; its directory must exist
 * @param parameters - the matrices to export by name, e.g. `{ W1, b1, ..., WL, bL }`; names
 *   must be identifiers (letters, digits, underscores); entries follow the object's key order
 * @param options - `fs`: the file-system calls to use (for tests that simulate failures)
 * @throws {@link ValueError} if there is no array, a name is not an identifier, a value is
 *   not finite, or the archive would exceed the 4 GiB of a zip without zip64 extensions
 * @throws {@link ShapeError} if a value is not a 2-D float64 matrix
 * @throws {@link ModelFileError} (problem 'io') if the file cannot be written
 * @example
 * ```ts
 * exportNpz('parameters.npz', parameters);
 * // python: np.load('parameters.npz')['W1'].shape == (20, 12288)
 * ```
 */
export function exportNpz(
  path: string, parameters: Record<string, Matrix>, options: ExportNpzOptions = {},
): void {
  const fn = 'exportNpz';
  assertPath(fn, path);
  if (parameters === null || typeof parameters !== 'object' || Object.keys(parameters).length === 0) {
    throw new ValueError(fn, 'parameters must be an object holding at least one matrix');
  }
  const entries: { name: Buffer; data: Uint8Array; crc: number; offset: number }[] = [];
  let offset = 0;
  for (const [key, M] of Object.entries(parameters)) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) {
      throw new ValueError(fn, `parameters has the key ${JSON.stringify(key)}; ` +
        'names must be identifiers (letters, digits, underscores) so they are safe inside a zip');
    }
    assertMatrix(fn, `parameters.${key}`, M);
    assertFinite(fn, `parameters.${key}`, M);
    const data = npyBytes(M);
    const name = Buffer.from(`${key}.npy`, 'latin1');
    entries.push({ name, data, crc: crc32(data), offset });
    offset += 30 + name.length + data.length;
  }
  const directoryBytes = entries.reduce((n, e) => n + 46 + e.name.length, 0);
  if (offset + directoryBytes + 22 > UINT32_MAX || entries.length > 0xffff) {
    throw new ValueError(fn, `the archive would take ${offset + directoryBytes + 22} bytes in ` +
      `${entries.length} entries; this writer stays within 4 GiB and 65535 entries (no zip64)`);
  }

  const chunks: Uint8Array[] = [];
  for (const e of entries) {
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(ZIP_VERSION, 4); // version needed to extract
    local.writeUInt16LE(0, 6); // flags
    local.writeUInt16LE(0, 8); // method: stored
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(e.crc, 14);
    local.writeUInt32LE(e.data.length, 18); // compressed size
    local.writeUInt32LE(e.data.length, 22); // uncompressed size
    local.writeUInt16LE(e.name.length, 26);
    local.writeUInt16LE(0, 28); // extra field length
    chunks.push(local, e.name, e.data);
  }
  for (const e of entries) {
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(ZIP_VERSION, 4); // version made by (MS-DOS attributes)
    central.writeUInt16LE(ZIP_VERSION, 6); // version needed to extract
    central.writeUInt16LE(0, 8);
    central.writeUInt16LE(0, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(e.crc, 16);
    central.writeUInt32LE(e.data.length, 20);
    central.writeUInt32LE(e.data.length, 24);
    central.writeUInt16LE(e.name.length, 28);
    // extra length, comment length, disk number, internal and external attributes: 0
    central.writeUInt32LE(e.offset, 42);
    chunks.push(central, e.name);
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8); // entries on this disk
  end.writeUInt16LE(entries.length, 10); // entries in total
  end.writeUInt32LE(directoryBytes, 12);
  end.writeUInt32LE(offset, 16); // where the central directory starts
  chunks.push(end);

  writeFileAtomic(fn, path, chunks, options.fs);
}
