/**
 * The library's version, written into model files. A test keeps it equal to the
 * `version` of package.json.
 *
 * @packageDocumentation
 */

/** This release of dnn-lite, as in package.json. */
export const VERSION = '0.1.0';
