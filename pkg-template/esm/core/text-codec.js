// TextEncoder and TextDecoder: the runtime's own wherever it has them (browsers, Node, Deno, Bun,
// Workers); where it has none (Jest's jsdom environment), a UTF-8 codec of our own, so the core
// still loads. The glue and the package's modules take them from here, never from the global.

/** UTF-16 to UTF-8, a lone surrogate written as U+FFFD, as TextEncoder does. */
class Utf8Encoder {
  get encoding() {
    return 'utf-8';
  }

  encode(input = '') {
    const text = String(input);
    const bytes = new Uint8Array(text.length * 3);
    return bytes.slice(0, this.encodeInto(text, bytes).written);
  }

  encodeInto(input, dest) {
    const text = String(input);
    let read = 0;
    let written = 0;
    while (read < text.length) {
      let c = text.charCodeAt(read);
      let units = 1;
      if (c >= 0xd800 && c <= 0xdbff && read + 1 < text.length && (text.charCodeAt(read + 1) & 0xfc00) === 0xdc00) {
        c = 0x10000 + ((c - 0xd800) << 10) + (text.charCodeAt(read + 1) - 0xdc00);
        units = 2;
      } else if (c >= 0xd800 && c <= 0xdfff) {
        c = 0xfffd;
      }
      const size = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
      if (written + size > dest.length) break;
      if (size === 1) {
        dest[written++] = c;
      } else {
        dest[written++] = size === 2 ? 0xc0 | (c >> 6) : size === 3 ? 0xe0 | (c >> 12) : 0xf0 | (c >> 18);
        if (size === 4) dest[written++] = 0x80 | ((c >> 12) & 0x3f);
        if (size >= 3) dest[written++] = 0x80 | ((c >> 6) & 0x3f);
        dest[written++] = 0x80 | (c & 0x3f);
      }
      read += units;
    }
    return { read, written };
  }
}

/** UTF-8 to UTF-16: U+FFFD for each bad sequence, or a TypeError when `fatal`. */
class Utf8Decoder {
  constructor(label = 'utf-8', options = {}) {
    if (!/^\s*utf-?8\s*$/i.test(String(label))) throw new RangeError(`unsupported encoding ${label}`);
    this.fatal = Boolean(options.fatal);
    this.ignoreBOM = Boolean(options.ignoreBOM);
  }

  get encoding() {
    return 'utf-8';
  }

  decode(input) {
    if (input === undefined) return '';
    const bytes = ArrayBuffer.isView(input) ? new Uint8Array(input.buffer, input.byteOffset, input.byteLength) : new Uint8Array(input);
    const units = [];
    let out = '';
    let i = !this.ignoreBOM && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    while (i < bytes.length) {
      const b = bytes[i];
      const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
      let cp = need === 0 ? b : need === 1 ? b & 0x1f : need === 2 ? b & 0x0f : b & 0x07;
      let j = 1;
      for (; need > 0 && j <= need; j++) {
        const c = bytes[i + j];
        if (i + j >= bytes.length || (c & 0xc0) !== 0x80) break;
        cp = (cp << 6) | (c & 0x3f);
      }
      const min = [0, 0x80, 0x800, 0x10000][need];
      if (need < 0 || j <= need || cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
        if (this.fatal) throw new TypeError('The encoded data was not valid for encoding utf-8');
        units.push(0xfffd);
        i += Math.max(1, need < 0 ? 1 : j <= need ? j : 1);
      } else {
        if (cp >= 0x10000) units.push(0xd800 + ((cp - 0x10000) >> 10), 0xdc00 + ((cp - 0x10000) & 0x3ff));
        else units.push(cp);
        i += need + 1;
      }
      if (units.length >= 8192) out += String.fromCharCode.apply(null, units.splice(0));
    }
    return out + String.fromCharCode.apply(null, units);
  }
}

const NativeEncoder = globalThis.TextEncoder;
const NativeDecoder = globalThis.TextDecoder;

export const TextEncoder = typeof NativeEncoder === 'function' ? NativeEncoder : Utf8Encoder;
export const TextDecoder = typeof NativeDecoder === 'function' ? NativeDecoder : Utf8Decoder;
