// How much one call may hand the WebAssembly core.

/**
 * The most one call hands the core, counted over all its arguments: UTF-16 code units of every
 * string (keys included), bytes of binary input. Gateway messages are a few KiB.
 */
export const MAX_INPUT_LENGTH = 4 * 1024 * 1024;

/** How many values the measure visits at most; the core bounds depth and shape itself. */
export const MAX_NODES = 100_000;
