// What the package's JavaScript says itself, in English and Vietnamese: the few problems and errors
// it makes before or around the WebAssembly core (which says everything else, from src/phrases.rs).
// Each phrase is its two templates side by side, `{name}` standing for a value of `params`; what is
// made from them has the core's shape, `{ message, params, text: { en, vi } }`, `message` English.

/** Every phrase: [English, Vietnamese]. Both name the same values. */
export const PHRASES = Object.freeze({
  inputTooLarge: [
    '{name}: the input is too large for the core (at least {length}; the limit is {limit} UTF-16 code units of text or bytes, over all arguments)',
    '{name}: dữ liệu vào quá lớn cho lõi WebAssembly (ít nhất {length}; giới hạn là {limit} đơn vị mã UTF-16 của văn bản hoặc byte, tính trên mọi tham số)',
  ],
  paymentResultTooLarge: [
    'the payment result is over {maxBytes} bytes',
    'kết quả thanh toán vượt quá {maxBytes} byte',
  ],
  notABody: [
    'the payment result must be text, bytes (Uint8Array, Buffer, ArrayBuffer, DataView) or a parsed object, got a value of type {got}',
    'kết quả thanh toán phải là văn bản, byte (Uint8Array, Buffer, ArrayBuffer, DataView) hoặc một đối tượng đã đọc từ JSON, nhận được một giá trị kiểu {got}',
  ],
  notUtf8: [
    'the payment result is not UTF-8 text',
    'kết quả thanh toán không phải văn bản UTF-8',
  ],
  lookupFailed: [
    'no answer about the transaction yet ({code}): keep the result and look it up again',
    'chưa có phản hồi nào về giao dịch ({code}): hãy giữ kết quả và tra cứu lại',
  ],
  unknownTransaction: [
    'the gateway knows no such transaction for this order',
    'cổng thanh toán không có giao dịch này cho đơn hàng này',
  ],
});

/** `phrase` said with `params`: `{ message, params, text }`. */
export function say(phrase, params = {}) {
  const [en, vi] = PHRASES[phrase].map((template) => template.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole)));
  return { message: en, params, text: { en, vi } };
}

/** A problem, shaped as the core's: `{ path, code, message, params, text }`. */
export function problem(code, path, phrase, params) {
  return { path, code, ...say(phrase, params) };
}
