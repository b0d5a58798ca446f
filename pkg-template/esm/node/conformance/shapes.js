// How the kit's results look. The mock gives each order a paygate drawn from the wallets and
// banks a real result names, transaction ids of 9 digits and payment dates of the moment it
// settles; every result the kit writes itself is drawn the same way, so a forgery cannot be told
// from a genuine result by its shape, only by asking the gateway.
import crypto from 'node:crypto';
import { drawPayTransId } from '../mock/orders.js';
import { payDateNow } from '../mock/support.js';

/** The paygates a result names: the wallets and banks that take the payments. */
const PAYGATES = Object.freeze(['momo', 'vnpay', 'napas', 'viettelpay', 'nganluong']);

/** One of PAYGATES, drawn afresh for each order and each forgery. */
function drawPaygate() {
  return PAYGATES[crypto.randomInt(PAYGATES.length)];
}

/** A transaction id drawn like the mock's, other than the one the gateway holds for `order` (if any). */
function unissuedTransId(order) {
  let id;
  do id = drawPayTransId();
  while (id === order?.payTransId);
  return id;
}

const DIGITS = '0123456789';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const UPPER = LOWER.toUpperCase();

/**
 * An orderId of the same shape as `orderId` (each digit another digit, each letter another
 * letter of the same case, the rest kept) for which `taken(id)` is false.
 */
function lookalikeOrderId(orderId, taken) {
  const redraw = (c) => {
    const set = DIGITS.includes(c) ? DIGITS : LOWER.includes(c) ? LOWER : UPPER.includes(c) ? UPPER : null;
    return set === null ? c : set[crypto.randomInt(set.length)];
  };
  for (let tries = 0; tries < 20; tries += 1) {
    const id = Array.from(orderId, redraw).join('');
    if (id !== orderId && !taken(id)) return id;
  }
  // An orderId with nothing to redraw: one more character of its own kind.
  let id = `${orderId}${crypto.randomInt(10)}`;
  while (taken(id)) id = `${orderId}${crypto.randomBytes(4).toString('hex')}`;
  return id;
}

export { PAYGATES, drawPaygate, lookalikeOrderId, payDateNow, unissuedTransId };
