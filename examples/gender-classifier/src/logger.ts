/**
 * Where the example's one-line messages go. Injected everywhere so that tests can
 * collect the lines and the command line can send them to stderr or stdout.
 */
export type Logger = (line: string) => void;

/** Prints each line to stderr, leaving stdout for results (`--json`, predictions). */
export const stderrLogger: Logger = (line) => {
  process.stderr.write(`${line}\n`);
};

/** Drops every line. */
export const silentLogger: Logger = () => {};
