// How much one call may hand the WebAssembly core, how it is measured, and the error for more.
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

/** Whether the measure looks inside `value`: plain objects and arrays, as JSON has them. */
function walkable(value) {
  if (Array.isArray(value)) return true;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * The size of `args` as MAX_INPUT_LENGTH counts it (UTF-16 code units of strings and keys, bytes
 * of binary input), stopping as soon as it passes `limit`. The one measure of an input's size in
 * the package's JavaScript: the guard of every core call and handlePaymentResult's body limit.
 * The walk is bounded (MAX_NODES values, plain objects and arrays only): what
 * it does not reach, or cannot read (a throwing getter, a revoked proxy), is left to the core,
 * which bounds depth and shape itself and names the problem.
 */
export function inputLength(args, limit = MAX_INPUT_LENGTH) {
  let total = 0;
  let budget = MAX_NODES;
  const stack = [];
  for (let i = 0; i < args.length; i++) stack.push(args[i]);
  try {
    while (stack.length > 0 && budget > 0) {
      const value = stack.pop();
      budget -= 1;
      if (typeof value === 'string') total += value.length;
      else if (value === null || typeof value !== 'object') continue;
      else if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) total += value.byteLength;
      else if (Array.isArray(value)) {
        const n = Math.min(value.length, budget);
        for (let i = 0; i < n; i++) stack.push(value[i]);
      } else if (walkable(value)) {
        const keys = Object.keys(value);
        const n = Math.min(keys.length, budget);
        for (let i = 0; i < n; i++) {
          total += keys[i].length;
          stack.push(value[keys[i]]);
        }
      }
      if (total > limit) return total;
    }
  } catch {
    // Unreadable: the core reads it member by member and says why.
  }
  return total;
}
