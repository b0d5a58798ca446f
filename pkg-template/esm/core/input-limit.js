// How much one call may hand the WebAssembly core, and the error for more.
import { lgspError } from './lgsp-error.js';

/**
 * The most one call hands the core, counted over all its arguments: UTF-16 code units of every
 * string (keys included), bytes of binary input. Gateway messages are a few KiB.
 */
export const MAX_INPUT_LENGTH = 4 * 1024 * 1024;

/** How many values the measure visits at most; the core bounds depth and shape itself. */
export const MAX_NODES = 100_000;

/** The error for input over MAX_INPUT_LENGTH, thrown before anything is copied into WebAssembly. */
export function tooLarge(name, length) {
  return lgspError(
    'INPUT_TOO_LARGE',
    `${name}: the input is too large for the core (at least ${length}; the limit is ${MAX_INPUT_LENGTH} UTF-16 code units of text or bytes, over all arguments)`,
    { limit: MAX_INPUT_LENGTH },
  );
}
