// Prints matrices the way the reference notebook shows numpy arrays (numpy's 1.13-style
// repr at 8 decimals), so a line here can be read against the notebook's expected output.
import { type Matrix, toRows } from 'dnn-lite';

/** One number as numpy prints it at 8 decimals: sign slot, trailing zeros dropped. */
function formatNumber(x: number): string {
  const fixed = Math.abs(x).toFixed(8).replace(/0+$/, '');
  return (x < 0 && Number(fixed) !== 0 ? '-' : ' ') + fixed;
}

/** `[[ 3.26295337 -1.23429987]]`, one matrix row per line, columns padded to one width. */
export function formatMatrix(M: Matrix): string {
  const cells = toRows(M).map((row) => row.map(formatNumber));
  const width = Math.max(...cells.flat().map((c) => c.length));
  const rows = cells.map((row) => '[' + row.map((c) => c.padEnd(width)).join(' ') + ']');
  return '[' + rows.join('\n ') + ']';
}

/** Prints `name = value`, continuation lines indented under the value. */
export function show(name: string, value: Matrix | number): void {
  const text = typeof value === 'number' ? String(value) : formatMatrix(value);
  console.log(`${name} = ${text.replaceAll('\n', '\n' + ' '.repeat(name.length + 3))}`);
}
