// The checksum hot path. The pre-image is joined here, in JavaScript, from the core's own scheme
// table (scheme-table.js, which the build writes from `schemes()`: the prefix and field order of
// each scheme), and its UTF-8 bytes are written once, straight into a scratch buffer in the memory
// of the small hash module (hash-core.js), which hashes them (and, for `verify`, compares the
// received checksum the core's constant-time way). Only own enumerable members that are strings
// or safe integers are read, as the full path reads them; anything else (a missing member or
// secret, another type, a lone surrogate), or no hash module here, returns undefined and the
// caller takes the full path, which names the problem.
import { hashExports } from './hash-core.js';
import { SCHEME_TABLE } from './scheme-table.js';
import { MAX_INPUT_LENGTH, tooLarge } from './input-limit.js';
import { TextEncoder } from './text-codec.js';

const encoder = new TextEncoder();
const hasOwnEnumerable = Object.prototype.propertyIsEnumerable;
/** Whether a string has no lone surrogate (which the copy into WebAssembly would alter). */
const wellFormed =
  typeof String.prototype.isWellFormed === 'function'
    ? (s) => s.isWellFormed()
    : (s) => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:[^\uD800-\uDBFF]|^)[\uDC00-\uDFFF]/.test(s);

/** The scheme table as the hot path needs it, by id: { literal (or null for the secret key), fields }. */
let table = null;

function schemeEntry(id) {
  if (table === null) {
    table = new Map();
    for (const [schemeId, literal, fields] of SCHEME_TABLE) table.set(schemeId, { literal, fields });
  }
  return typeof id === 'string' ? table.get(id) : undefined;
}

/**
 * The pre-image of `obj` under the scheme `id`, or undefined (then the full path is taken, which
 * also reports a member whose getter throws).
 */
function joined(id, obj, secretKey) {
  try {
    return join(id, obj, secretKey);
  } catch {
    return undefined;
  }
}

function join(id, obj, secretKey) {
  const entry = schemeEntry(id);
  if (entry === undefined || obj === null || typeof obj !== 'object' || Array.isArray(obj)) return undefined;
  const prefix = entry.literal ?? secretKey;
  if (typeof prefix !== 'string') return undefined;
  let text = prefix;
  const names = entry.fields;
  for (let i = 0; i < names.length; i++) {
    const name = names[i];
    if (!hasOwnEnumerable.call(obj, name)) return undefined;
    const value = obj[name];
    if (typeof value === 'string') text += value;
    else if (Number.isSafeInteger(value)) text += String(value);
    else return undefined;
  }
  return wellFormed(text) ? text : undefined;
}

/**
 * The scratch buffer of one instance of the hash module: that instance's exports (a new instance,
 * after a restart, has new ones), the buffer's address and size, a view of it and of its first 64 bytes.
 */
let scratch = { exports: null, ptr: 0, capacity: 0, bytes: null, hex: null };

/** A view of at least `capacity` scratch bytes (UTF-8 takes at most 3 bytes per UTF-16 unit), or null without a hash module. */
function scratchFor(capacity) {
  const hash = hashExports();
  if (hash === null) return null;
  if (scratch.exports !== hash || scratch.capacity < capacity) {
    const size = Math.max(capacity, 4096);
    scratch = { exports: hash, ptr: hash.scratch(size), capacity: size, bytes: null, hex: null };
  }
  // Growing memory detaches old views: make a new one whenever that happened.
  if (scratch.bytes === null || scratch.bytes.byteLength === 0) {
    scratch.bytes = new Uint8Array(scratch.exports.memory.buffer, scratch.ptr, scratch.capacity);
    scratch.hex = scratch.bytes.subarray(0, 64);
  }
  return scratch.bytes;
}

/** Writes `text` at `offset` of the scratch buffer; returns the number of bytes written. */
function write(bytes, offset, text) {
  return encoder.encodeInto(text, offset === 0 ? bytes : bytes.subarray(offset)).written;
}

/** `checksum(scheme, fields, secretKey)` without options, or undefined for the full path. */
export function fastChecksum(scheme, fields, secretKey) {
  const text = joined(scheme, fields, secretKey);
  if (text === undefined) return undefined;
  if (text.length > MAX_INPUT_LENGTH) throw tooLarge('checksum', text.length);
  const bytes = scratchFor(text.length * 3);
  if (bytes === null) return undefined;
  const len = write(bytes, 0, text);
  if (scratch.exports.checksum(len, 0) !== 1) return undefined;
  // 64 ASCII hex digits: read as char codes, which needs no TextDecoder (a cold one costs more than the hash).
  return String.fromCharCode.apply(null, scratch.hex);
}

/** `verify(scheme, message, secretKey)`, or undefined for the full path. */
export function fastVerify(scheme, message, secretKey) {
  const text = joined(scheme, message, secretKey);
  if (text === undefined || !hasOwnEnumerable.call(message, 'checksum')) return undefined;
  let received;
  try {
    received = message.checksum;
  } catch {
    return undefined;
  }
  if (typeof received !== 'string' || !wellFormed(received)) return undefined;
  const length = text.length + received.length;
  if (length > MAX_INPUT_LENGTH) throw tooLarge('verify', length);
  const bytes = scratchFor(length * 3);
  if (bytes === null) return undefined;
  const len = write(bytes, 0, text);
  const receivedLen = write(bytes, len, received);
  return scratch.exports.verify(len, receivedLen) === 1;
}
