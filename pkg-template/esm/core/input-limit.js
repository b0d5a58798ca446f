// How much one call may hand the WebAssembly core, and the error for more.
import { lgspError } from './lgsp-error.js';
import { say } from './said.js';

/**
 * The most one call hands the core, counted over all its arguments: UTF-16 code units of every
 * string (keys included), bytes of binary input. Gateway messages are a few KiB.
 */
export const MAX_INPUT_LENGTH = 4 * 1024 * 1024;

/** How many values the measure visits at most; the core bounds depth and shape itself. */
export const MAX_NODES = 100_000;

/** The error for input over MAX_INPUT_LENGTH, thrown before anything is copied into WebAssembly. */
export function tooLarge(name, length) {
  const { message, params, text } = say('inputTooLarge', { name, length, limit: MAX_INPUT_LENGTH });
  return lgspError('INPUT_TOO_LARGE', message, { limit: MAX_INPUT_LENGTH, params, text });
}
