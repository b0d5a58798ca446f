// The mock gateway's order store: the orders its /paygate created, found by orderId or by the id
// of their payment page, settled as paid, failed or pending, refunded; and the record its lookup
// reports. It holds at most `maxOrders` orders and `maxBytes` of their text: past either, the
// oldest is forgotten, so a long run or a flood of large payment requests costs bounded memory.
import crypto from 'node:crypto';
import { payDateNow, snapshot } from './support.js';

/**
 * How the lookup names the transaction, as the guide's example ("payTransId"), as its table
 * ("transactionNo"), or under both names ("both"); null: the mock's default, which reads either
 * name in a request and answers as the example.
 */
const LOOKUP_KEYS = Object.freeze(['payTransId', 'transactionNo', 'both']);

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
function createOrderStore({ paygate, maxOrders, maxBytes, lookupKeys = null }) {
  const orders = new Map(); // orderId -> order, oldest first
  const byPayId = new Map(); // payment page id -> order
  const payTransIds = new Set(); // the payTransIds of the orders held, so a new one is unique in constant time
  const refundCodes = new Set();

  let bytes = 0; // the text the orders held hold, in UTF-16 code units

  /** Forgets the oldest orders until there is room for one more of `size`. */
  function makeRoom(size) {
    for (const [orderId, order] of orders) {
      if (orders.size < maxOrders && bytes + size <= maxBytes) return;
      bytes -= order.size;
      orders.delete(orderId);
      byPayId.delete(order.payId);
      payTransIds.delete(order.payTransId);
      if (order.refund) refundCodes.delete(order.refund.requestCode);
    }
  }

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
      const size = Object.values(body).reduce((sum, value) => sum + (typeof value === 'string' ? value.length : 8), 0);
      makeRoom(size);
      bytes += size;
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
        lookupKeys,
        payTransId: null,
        payDate: null,
        errorCode: null,
        type: 'Pay',
        refund: null,
        delivery: null,
        resent: [],
        payId,
        // The secret of the payment page's form: a POST without it is refused unread.
        formToken: crypto.randomBytes(16).toString('hex'),
        size,
      };
      orders.set(order.orderId, order);
      byPayId.set(payId, order);
      return order;
    },

    /**
     * Marks the order paid, failed or pending (a transaction that stays open: the order can still
     * be paid or failed, under the same payTransId), recording `amount` as paid, and returns the
     * result's fields; `keys` is how its lookup names the transaction.
     */
    settle(order, outcome, amount = order.amount, keys = order.lookupKeys) {
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
        lookupKeys: keys,
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

    /**
     * Records the full refund of a paid order and returns the fields of the result the gateway
     * sends for it. **Assumption** (the guide says only that a result's type is Pay or Refund): a
     * refund's result names the payment's transaction, the amount refunded and the time of the
     * refund, with errorCode "00".
     */
    refund(order, body) {
      refundCodes.add(body.requestCode);
      const payDate = payDateNow();
      order.status = 'refunded';
      order.type = 'Refund';
      order.refund = { requestCode: body.requestCode, amount: body.amount, orderInfo: body.orderInfo, payDate, delivery: null };
      return {
        paygate: order.paygate,
        payTransId: order.payTransId,
        orderId: order.orderId,
        amount: body.amount,
        orderInfo: order.orderInfo,
        payDate,
        errorCode: '00',
        type: 'Refund',
      };
    },
  };
}

/**
 * Why a lookup request does not fit how the order's lookup names the transaction, or null: as
 * the guide's example or table, the request must carry that name.
 */
function lookupKeyMissing(order, body) {
  const wanted = order.lookupKeys === 'payTransId' || order.lookupKeys === 'transactionNo' ? order.lookupKeys : null;
  return wanted !== null && typeof body[wanted] !== 'string' ? `${wanted} is required` : null;
}

/**
 * The order's transaction as the lookup answers it: amount written as a string, as the guide's
 * example does; the transaction under the name (or names) the order's reading gives it.
 */
function lookupRecord(order, partnerCode) {
  const keys = order.lookupKeys ?? 'payTransId';
  const transaction = {};
  if (keys !== 'transactionNo') transaction.payTransId = order.payTransId;
  if (keys !== 'payTransId') transaction.transactionNo = order.payTransId;
  return {
    partnerCode,
    orderId: order.orderId,
    serviceCode: order.serviceCode,
    ...transaction,
    orderInfo: order.orderInfo,
    errorCode: order.errorCode,
    paygate: order.paygate,
    type: order.type,
    payDate: order.payDate,
    amount: String(order.amount),
  };
}

export { createOrderStore, drawPayTransId, lookupKeyMissing, lookupRecord, LOOKUP_KEYS };
