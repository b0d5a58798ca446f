// A unit's backend for the LGSP e-payment gateway, done right: orders in SQLite, payments created
// through the gateway with a new orderId per attempt, and payment results on returnUrl read with
// a body limit, checked against the unit's own order, confirmed with a lookup (looked up again
// later when the gateway gave no answer), and delivered once per service. A GET on returnUrl,
// where the gateway sends the citizen back, shows the order's state from our records.
//
//   node server.js          against the gateway named by LGSP_BASE_URL and the LGSP_* credentials
//   node server.js --mock   starts the mock gateway on 127.0.0.1:8090 first and uses it
import express from 'express';
import crypto from 'node:crypto';
import { startMockGateway } from 'lgsp-paygate';
import { openRecords } from './db.js';
import { citizenPage } from './page.js';
import { createPayments } from './payments.js';

const env = process.env;
const PORT = Number(env.PORT ?? 3000);
const HOST = env.HOST ?? '127.0.0.1';
const RETURN_URL = env.RETURN_URL ?? `http://127.0.0.1:${PORT}/lgsp/return`;
// A payment result is well under 1 KiB; anything much larger is not one.
const BODY_LIMIT = '64kb';
const settings = {
  returnUrl: RETURN_URL,
  serviceCode: env.LGSP_SERVICE_CODE ?? 'hcm_dichvucong',
  accountCode: env.LGSP_ACCOUNT_CODE ?? 'payment_test',
  // A result whose lookup gave no answer is looked up again after this, then twice as long each time.
  recheckMs: Number(env.LGSP_RECHECK_MS ?? 5_000),
  // ... until this long after it arrived; then it is logged for a person to check.
  giveUpMs: Number(env.LGSP_RECHECK_GIVE_UP_MS ?? 24 * 3600_000),
};

const log = (line) => console.log(`${new Date().toISOString()} ${line}`);

async function gateway() {
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

const records = openRecords(env.UNIT_DB ?? 'orders.db');
const payments = createPayments({ records, ...(await gateway()), settings, log });

// ---------------------------------------------------------------------------------------------
// HTTP

const app = express();
/** Express 4 does not catch a rejected promise: hand it to the error handler. */
const route = (handler) => (req, res, next) => Promise.resolve(handler(req, res)).catch(next);
const clientIp = (req) => {
  const ip = (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '');
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(ip) ? ip : '127.0.0.1';
};

// One payment attempt for a service (a new one when serviceId is absent); answers the URL to
// send the citizen to. Trying again after a failure is a new POST: a new orderId.
app.post('/orders', express.json({ limit: '16kb' }), route(async (req, res) => {
  const amount = Number.isSafeInteger(req.body?.amount) && req.body.amount > 0 ? req.body.amount : 40000;
  const orderInfo = typeof req.body?.orderInfo === 'string' ? req.body.orderInfo : 'Thanh toán lệ phí hồ sơ';
  const serviceId = typeof req.body?.serviceId === 'string' ? req.body.serviceId : `HS${crypto.randomBytes(6).toString('hex')}`;
  const { status, body } = await payments.createAttempt({ serviceId, amount, orderInfo, ipAddress: clientIp(req) });
  res.status(status).json(body);
}));

// The payment result: raw bytes (whatever their content type) up to BODY_LIMIT, so a body that
// is not strict JSON reaches handlePaymentResult, which answers it FAILED instead of an error page.
app.put('/lgsp/return', express.raw({ type: () => true, limit: BODY_LIMIT }), route(async (req, res) => {
  const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  res.type('application/json').send(await payments.receive(body));
}));

// The citizen's browser, sent back by the gateway: a page from our records, never a delivery.
app.get('/lgsp/return', (req, res) => {
  const orderId = typeof req.query.orderId === 'string' ? req.query.orderId : null;
  const { status, html } = citizenPage(orderId === null ? null : records.findOrder(orderId), orderId);
  res.status(status).type('html').set('Cache-Control', 'no-store').send(html);
});

const server = app.listen(PORT, HOST, () => log(`unit backend on http://${HOST}:${PORT} (returnUrl ${RETURN_URL}, database ${env.UNIT_DB ?? 'orders.db'})`));

// The recheck job: results kept because their lookup gave no answer, and refunds due.
let rechecking = false;
const recheckTimer = setInterval(() => {
  if (rechecking) return;
  rechecking = true;
  payments.recheck().catch((error) => log(`recheck: ${error.message}`)).finally(() => {
    rechecking = false;
  });
}, Math.min(settings.recheckMs, 1_000));

function shutdown() {
  clearInterval(recheckTimer);
  server.close(() => {
    records.close();
    process.exit(0);
  });
  server.closeAllConnections();
}
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);
