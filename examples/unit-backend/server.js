// A unit's backend for the LGSP e-payment gateway, done right: orders in SQLite, payments created
// through the gateway, and payment results on returnUrl read with a body limit, checked against
// the unit's own order, confirmed with a lookup, and delivered once per orderId + payTransId.
//
//   node server.js          against the gateway named by LGSP_BASE_URL and the LGSP_* credentials
//   node server.js --mock   starts the mock gateway on 127.0.0.1:8090 first and uses it
import express from 'express';
import Database from 'better-sqlite3';
import crypto from 'node:crypto';
import { confirmPayment, createClient, handlePaymentResult, paymentResultReply, startMockGateway } from 'lgsp-paygate';

const env = process.env;
const PORT = Number(env.PORT ?? 3000);
const HOST = env.HOST ?? '127.0.0.1';
const DB_FILE = env.UNIT_DB ?? 'orders.db';
const RETURN_URL = env.RETURN_URL ?? `http://127.0.0.1:${PORT}/lgsp/return`;
// A payment result is well under 1 KiB; anything much larger is not one.
const BODY_LIMIT = '64kb';
// The gateway waits for our answer; a lookup that takes longer than this is answered FAILED
// (the gateway sends the result again later).
const LOOKUP_TIMEOUT_MS = 3_000;

const log = (line) => console.log(`${new Date().toISOString()} ${line}`);

// ---------------------------------------------------------------------------------------------
// The gateway

async function gatewaySettings() {
  const credentials = {
    partnerCode: env.LGSP_PARTNER_CODE,
    accessKey: env.LGSP_ACCESS_KEY,
    secretKey: env.LGSP_SECRET_KEY,
    appName: env.LGSP_APP_NAME,
    partnerCodeCus: env.LGSP_PARTNER_CODE_CUS,
  };
  if (process.argv.includes('--mock')) {
    const given = credentials.partnerCode && credentials.accessKey && credentials.secretKey ? credentials : undefined;
    const mock = await startMockGateway({ port: Number(env.LGSP_MOCK_PORT ?? 8090), credentials: given, log });
    log(`mock gateway on ${mock.url}: open a payment URL from POST /orders and press pay`);
    return { baseUrl: mock.url, credentials: mock.credentials };
  }
  if (!env.LGSP_BASE_URL || !credentials.partnerCode || !credentials.accessKey || !credentials.secretKey) {
    throw new Error('set LGSP_BASE_URL, LGSP_PARTNER_CODE, LGSP_ACCESS_KEY and LGSP_SECRET_KEY, or run with --mock');
  }
  return { baseUrl: env.LGSP_BASE_URL, credentials };
}

const settings = await gatewaySettings();
const client = createClient({ environment: { baseUrl: settings.baseUrl }, credentials: settings.credentials, timeoutMs: LOOKUP_TIMEOUT_MS });

// ---------------------------------------------------------------------------------------------
// The database: orders, and one delivery row per orderId + payTransId

const db = new Database(DB_FILE);
db.pragma('journal_mode = WAL');
db.pragma('busy_timeout = 5000');
db.exec(`
  CREATE TABLE IF NOT EXISTS orders (
    order_id   TEXT PRIMARY KEY,
    amount     INTEGER NOT NULL CHECK (amount > 0),
    order_info TEXT NOT NULL,
    status     TEXT NOT NULL DEFAULT 'pending',
    created_at TEXT NOT NULL DEFAULT (datetime('now'))
  );
  CREATE TABLE IF NOT EXISTS deliveries (
    order_id     TEXT NOT NULL REFERENCES orders (order_id),
    pay_trans_id TEXT NOT NULL,
    amount       INTEGER NOT NULL,
    delivered_at TEXT NOT NULL DEFAULT (datetime('now')),
    UNIQUE (order_id, pay_trans_id)
  );
`);
const insertOrder = db.prepare('INSERT INTO orders (order_id, amount, order_info) VALUES (?, ?, ?)');
const findOrder = db.prepare('SELECT order_id, amount, status FROM orders WHERE order_id = ?');
const insertDelivery = db.prepare('INSERT INTO deliveries (order_id, pay_trans_id, amount) VALUES (?, ?, ?) ON CONFLICT DO NOTHING');
const markPaid = db.prepare("UPDATE orders SET status = 'paid' WHERE order_id = ?");

/** Claims the delivery of a confirmed payment: true the first time for this orderId + payTransId, false after. */
const claimDelivery = db.transaction((orderId, payTransId, amount) => {
  const claimed = insertDelivery.run(orderId, payTransId, amount).changes === 1;
  if (claimed) {
    markPaid.run(orderId);
    // Deliver here (send the document, unlock the service), in the same transaction.
  }
  return claimed;
});

// ---------------------------------------------------------------------------------------------
// HTTP

const app = express();
/** Express 4 does not catch a rejected promise: hand it to the error handler. */
const route = (handler) => (req, res, next) => Promise.resolve(handler(req, res)).catch(next);
const clientIp = (req) => {
  const ip = (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '');
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(ip) ? ip : '127.0.0.1';
};

// Creates an order and its payment; answers the URL to send the citizen to.
app.post('/orders', express.json({ limit: '16kb' }), route(async (req, res) => {
  const amount = Number.isSafeInteger(req.body?.amount) && req.body.amount > 0 ? req.body.amount : 40000;
  const orderInfo = typeof req.body?.orderInfo === 'string' ? req.body.orderInfo : 'Thanh toán lệ phí hồ sơ';
  const orderId = `SBN${Date.now()}${crypto.randomInt(1000, 9999)}`;
  insertOrder.run(orderId, amount, orderInfo);
  try {
    const { url } = await client.createPayment({
      orderId,
      amount,
      orderInfo,
      requestCode: orderId,
      serviceCode: env.LGSP_SERVICE_CODE ?? 'hcm_dichvucong',
      returnUrl: RETURN_URL,
      ipAddress: clientIp(req),
      accountCode: env.LGSP_ACCOUNT_CODE ?? 'payment_test',
    });
    log(`order ${orderId} ${amount}: payment created`);
    res.status(201).json({ orderId, amount, paymentUrl: url });
  } catch (error) {
    log(`order ${orderId}: the gateway refused the payment (${error.code} ${error.gatewayCode ?? ''})`);
    res.status(502).json({ error: 'the payment gateway did not create the payment' });
  }
}));

// The payment result: raw bytes (whatever their content type) up to BODY_LIMIT, so a body that
// is not strict JSON reaches handlePaymentResult, which answers it FAILED instead of an error page.
app.put('/lgsp/return', express.raw({ type: () => true, limit: BODY_LIMIT }), route(async (req, res) => {
  const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  const outcome = handlePaymentResult(body);
  const answer = (accepted, why) => {
    if (why) log(`result refused: ${why}`);
    res.type('application/json').send(paymentResultReply(accepted));
  };
  if (!outcome.accepted) return answer(false, outcome.problems.map((p) => p.code).join(', '));
  const result = outcome.result;
  // A payment that did not happen: acknowledged, nothing delivered.
  if (!outcome.paid) return answer(true, null);

  // Our own records first: the order exists and the amount is what we charged.
  const order = findOrder.get(result.orderId);
  if (!order) return answer(false, `unknown order ${result.orderId}`);
  if (order.amount !== result.amount) return answer(false, `order ${result.orderId}: amount ${result.amount}, charged ${order.amount}`);

  // Then the gateway: the result's checksum has no secret, so only a lookup tells it is real.
  let check;
  try {
    check = await confirmPayment(result, client);
  } catch (error) {
    return answer(false, `order ${result.orderId}: no answer from the gateway's lookup (${error.code})`);
  }
  if (!check.confirmed) return answer(false, `order ${result.orderId}: ${check.problems.map((p) => p.code).join(', ')}`);

  const first = claimDelivery(result.orderId, result.payTransId, result.amount);
  log(`order ${result.orderId} paid, transaction ${result.payTransId}: ${first ? 'delivered' : 'already delivered'}`);
  return answer(true, null);
}));

const server = app.listen(PORT, HOST, () => log(`unit backend on http://${HOST}:${PORT} (returnUrl ${RETURN_URL}, database ${DB_FILE})`));

function shutdown() {
  server.close(() => {
    db.close();
    process.exit(0);
  });
  server.closeAllConnections();
}
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);
