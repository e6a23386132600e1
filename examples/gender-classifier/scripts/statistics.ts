/**
 * The few statistics the scripts report: means, medians, spreads, and how far one candidate
 * lies from another over the same runs.
 */

export function mean(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

/** The middle value, or the mean of the two middle values for an even count. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const h = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[h] : (s[h - 1] + s[h]) / 2;
}

/** Sample standard deviation; 0 for fewer than two values. */
export function standardDeviation(xs: readonly number[]): number {
  if (xs.length < 2) return 0;
  const m = mean(xs);
  return Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1));
}

/**
 * The mean of a[r] - b[r] over runs scored both ways (same fold, same seed) and its standard
 * error: a gap within about one standard error is noise of the folds and seeds.
 */
export function pairedDifference(
  a: readonly number[], b: readonly number[],
): { difference: number; standardError: number } {
  const d = a.map((x, r) => x - b[r]);
  return { difference: mean(d), standardError: standardDeviation(d) / Math.sqrt(d.length) };
}
