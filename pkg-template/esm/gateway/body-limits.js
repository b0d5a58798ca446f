// Bounded reading of what a peer sends: an answer read as it streams and abandoned as soon as it
// passes its limit, so a gzip bomb or an endless stream costs at most that much memory.
import { TextDecoder, TextEncoder } from '../core/text-codec.js';

/** The default limit on a gateway answer, a payment result body and a CLI input: 1 MiB. */
const DEFAULT_MAX_BYTES = 1 << 20;

const encoder = new TextEncoder();

/** How many bytes `text` takes in UTF-8. */
function utf8Length(text) {
  return encoder.encode(text).byteLength;
}

/** Thrown by readLimited when the body passes the limit. */
class TooLarge extends Error {
  constructor(maxBytes) {
    super(`over ${maxBytes} bytes`);
    this.maxBytes = maxBytes;
  }
}

/**
 * A fetch Response's text, counted on the decoded bytes (after gzip, deflate or br) as they
 * arrive; past `maxBytes` the stream is cancelled and TooLarge thrown.
 */
async function readLimited(response, maxBytes) {
  const body = response.body;
  if (body && typeof body.getReader === 'function') {
    const reader = body.getReader();
    const chunks = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        reader.cancel().catch(() => {});
        throw new TooLarge(maxBytes);
      }
      chunks.push(value);
    }
    const bytes = new Uint8Array(size);
    let at = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, at);
      at += chunk.byteLength;
    }
    return new TextDecoder().decode(bytes);
  }
  // A fetch double without a stream: its text, measured after the fact.
  const text = await response.text();
  if (utf8Length(text) > maxBytes) throw new TooLarge(maxBytes);
  return text;
}

export { DEFAULT_MAX_BYTES, TooLarge, readLimited, utf8Length };
