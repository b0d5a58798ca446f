// The mock gateway's order store: the orders its /paygate created, found by orderId or by the id
// of their payment page, settled as paid, failed or pending, refunded; and the record its lookup
// reports.
import crypto from 'node:crypto';
import { payDateNow, snapshot } from './support.js';

/** The errorCode of each way an order settles. The guide names "00" success and any other code a failure. */
const SETTLED_CODES = Object.freeze({
  pay: '00',
  // A code a wallet gives a cancelled payment; the mock's choice.
  fail: '24',
  // A transaction the gateway holds for the order, neither paid nor failed yet, looked up with a
  // code other than "00". The guide does not describe this state: its shape is our assumption.
  pending: '01',
});

/** A transaction id as the mock issues them: 9 digits. */
function drawPayTransId() {
  return String(crypto.randomInt(100_000_000, 1_000_000_000));
}

/**
 * An empty order store; the results it settles name `paygate` as the gateway that took the
 * payment: a string, or a function given the new order's { orderId, amount } that returns one.
 */
function createOrderStore({ paygate }) {
  const orders = new Map(); // orderId -> order
  const byPayId = new Map(); // payment page id -> order
  const payTransIds = new Set(); // every payTransId handed out, so a new one is unique in constant time
  const refundCodes = new Set();

  return {
    has: (orderId) => orders.has(orderId),
    get: (orderId) => orders.get(orderId),
    byPage: (payId) => byPayId.get(payId),
    /** Every order, oldest first (copies). */
    list: () => [...orders.values()].map(snapshot),
    /** One order by orderId (a copy), or null. */
    view: (orderId) => snapshot(orders.get(orderId)),

    /** A pending order for a payment request's body, with its payment page at `pageUrl(payId)`. */
    create(body, pageUrl) {
      const payId = crypto.randomBytes(12).toString('hex');
      const order = {
        orderId: body.orderId,
        amount: body.amount,
        orderInfo: body.orderInfo,
        requestCode: body.requestCode,
        serviceCode: body.serviceCode,
        returnUrl: body.returnUrl,
        ipAddress: body.ipAddress,
        accountCode: body.accountCode,
        paymentUrl: pageUrl(payId),
        status: 'pending',
        paygate: typeof paygate === 'function' ? String(paygate({ orderId: body.orderId, amount: body.amount })) : paygate,
        payTransId: null,
        payDate: null,
        errorCode: null,
        type: 'Pay',
        refund: null,
        delivery: null,
        payId,
      };
      orders.set(order.orderId, order);
      byPayId.set(payId, order);
      return order;
    },

    /**
     * Marks the order paid, failed or pending (a transaction that stays open: the order can still
     * be paid or failed, under the same payTransId), recording `amount` as paid, and returns the
     * result's fields.
     */
    settle(order, outcome, amount = order.amount) {
      let payTransId = order.payTransId;
      if (payTransId === null) {
        do payTransId = drawPayTransId();
        while (payTransIds.has(payTransId));
        payTransIds.add(payTransId);
      }
      Object.assign(order, {
        status: { pay: 'paid', fail: 'failed', pending: 'pending' }[outcome],
        payTransId,
        payDate: payDateNow(),
        errorCode: SETTLED_CODES[outcome],
        amount,
      });
      return {
        paygate: order.paygate,
        payTransId: order.payTransId,
        orderId: order.orderId,
        amount: order.amount,
        orderInfo: order.orderInfo,
        payDate: order.payDate,
        errorCode: order.errorCode,
        type: 'Pay',
      };
    },

    /** Whether a refund request code was used before. */
    refundCodeUsed: (requestCode) => refundCodes.has(requestCode),

    /** Records the full refund of a paid order. */
    refund(order, body) {
      refundCodes.add(body.requestCode);
      order.status = 'refunded';
      order.type = 'Refund';
      order.refund = { requestCode: body.requestCode, amount: body.amount, orderInfo: body.orderInfo };
    },
  };
}

/** The order's transaction as the lookup answers it (amount written as a string, as the guide's example does). */
function lookupRecord(order, partnerCode) {
  return {
    partnerCode,
    orderId: order.orderId,
    serviceCode: order.serviceCode,
    payTransId: order.payTransId,
    orderInfo: order.orderInfo,
    errorCode: order.errorCode,
    paygate: order.paygate,
    type: order.type,
    payDate: order.payDate,
    amount: String(order.amount),
  };
}

export { createOrderStore, drawPayTransId, lookupRecord };
