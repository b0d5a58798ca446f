// A unit backend for the conformance kit's own tests, on the packed package and node:http alone,
// with one flaw chosen by UNIT_FLAW, so a test can show which checks catch which flaw:
//
//   none               checks its own records, confirms with confirmPayment(), delivers once
//   amount-only        looks the transaction up and compares only the amount: a robbed unit
//   amount-and-type    ... the amount and the record's type, not its errorCode
//   amount-and-code    ... the amount and the record's errorCode, not its type
//   lookup-answered    delivers whenever the lookup answers SUCCESSFUL, whatever the record says
//   blind-digits       fires the lookup without reading its answer and refuses only a payTransId
//                      that is not 9 digits (the old kit's forgeries had 10): a robbed unit
//   blind-old-shape    ... refuses only what the old kit's forgeries looked like: paygate momo
//                      with a payTransId that is not 9 digits
//   blind-mock-paygate ... refuses any paygate but "mock", the mock's default
//
// UNIT_REPLY spoils its replies instead (with no flaw otherwise):
//   never-ends         the first result's reply: 200 and a SUCCESSFUL body, never ended
//   short-length       the first result's reply: a Content-Length of 100 and less than that
//   chunked-cut        the first result's reply: one chunk, then the connection closed
//   redirect-failed    every FAILED reply with status 307
//   hang-400           the first body that is not JSON: the headers of a 400, never ended
//   hostile            every reply carries the secret key base64-encoded inside JSON and a
//                      right-to-left override; a body that is not JSON is answered 400 in plain
//                      text with terminal controls (ESC [2J, a title change, BEL) and a forged line
//
// Whatever its flaw, it does what going live asks: a result whose lookup got no answer is kept and
// decided again every second from 3 s on, and GET /lgsp/return?orderId=... shows the citizen the
// order's state ("đã thanh toán" once delivered, "đang xác nhận" until then).
//
// POST /orders?count=N&infoBytes=M creates N payments (each orderInfo M bytes long), answering
// the last. Environment: PORT, LGSP_BASE_URL and the LGSP_* credentials.
import http from 'node:http';
import crypto from 'node:crypto';
import { confirmPayment, createClient, handlePaymentResult, paymentResultReply } from 'lgsp-paygate';

const env = process.env;
const PORT = Number(env.PORT);
const FLAW = env.UNIT_FLAW ?? 'none';
const REPLY = env.UNIT_REPLY ?? 'none';
const RETURN_URL = `http://127.0.0.1:${PORT}/lgsp/return`;
// Above 1 MiB, so the memory test's results with a 1 MB orderInfo are read; below the 2 MiB of malformed.
const BODY_LIMIT = 1536 * 1024;

const client = createClient({
  environment: { baseUrl: env.LGSP_BASE_URL },
  credentials: {
    partnerCode: env.LGSP_PARTNER_CODE,
    accessKey: env.LGSP_ACCESS_KEY,
    secretKey: env.LGSP_SECRET_KEY,
    appName: env.LGSP_APP_NAME,
    partnerCodeCus: env.LGSP_PARTNER_CODE_CUS,
  },
  timeoutMs: 3_000,
});
const orders = new Map(); // orderId -> amount
const delivered = new Set();
const paidOrders = new Set();
const kept = new Map(); // deliveryKey -> { result, since }: results whose lookup got no answer
let serial = 0;
/** Whether the last lookup got no answer about the transaction (no record, and no NOT_EXITS). */
let unanswered = false;

/** The gateway's record of the result's transaction, or null when it has none. */
async function record(result) {
  try {
    return (await client.getOrderInfo({ transactionNo: result.payTransId, orderId: result.orderId })).order;
  } catch (error) {
    unanswered = error.gatewayCode !== 'NOT_EXITS';
    return null;
  }
}

/** Each flaw's way of deciding that a paid result, for an order and amount of ours, is a payment. */
const FLAWS = {
  none: async (result) => {
    const check = await confirmPayment(result, client);
    unanswered = check.retryable;
    return check.confirmed;
  },
  'amount-only': async (result) => String((await record(result))?.amount) === String(result.amount),
  'amount-and-type': async (result) => {
    const order = await record(result);
    return String(order?.amount) === String(result.amount) && order.type === 'Pay';
  },
  'amount-and-code': async (result) => {
    const order = await record(result);
    return String(order?.amount) === String(result.amount) && order.errorCode === '00';
  },
  'lookup-answered': async (result) => (await record(result)) !== null,
  'blind-digits': async (result) => {
    record(result);
    return /^\d{9}$/.test(result.payTransId);
  },
  'blind-old-shape': async (result) => {
    record(result);
    return !(result.paygate === 'momo' && !/^\d{9}$/.test(result.payTransId));
  },
  'blind-mock-paygate': async (result) => {
    record(result);
    return result.paygate === 'mock';
  },
};
if (!FLAWS[FLAW]) throw new Error(`unknown UNIT_FLAW ${FLAW}`);

/** SUCCESSFUL or FAILED for a payment result body. */
async function decide(body) {
  const outcome = handlePaymentResult(body);
  if (!outcome.accepted) return false;
  if (!outcome.paid) return true; // a payment that did not happen: acknowledged, nothing delivered
  const { result } = outcome;
  if (orders.get(result.orderId) !== result.amount) return false;
  return settle(outcome.deliveryKey, result);
}

/** Decides a paid result with the flaw's rule; keeps it to decide again when the lookup got no answer. */
async function settle(deliveryKey, result) {
  unanswered = false;
  if (!await FLAWS[FLAW](result)) {
    if (unanswered && !kept.has(deliveryKey)) kept.set(deliveryKey, { result, since: Date.now() });
    return false;
  }
  kept.delete(deliveryKey);
  delivered.add(deliveryKey);
  paidOrders.add(result.orderId);
  return true;
}

// The second look: each kept result, 3 s after it came, then every second until it is decided.
setInterval(() => {
  for (const [deliveryKey, { result, since }] of kept) {
    if (Date.now() - since >= 3_000) settle(deliveryKey, result).catch(() => {});
  }
}, 1_000).unref();

/** The citizen's page: the order's state from our records, nothing read from the query but orderId. */
function onPage(res, url) {
  const orderId = url.searchParams.get('orderId');
  if (!orders.has(orderId)) return res.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8' }).end('<h1>Không tìm thấy đơn hàng</h1>');
  const state = paidOrders.has(orderId) ? 'đã thanh toán' : 'đang xác nhận';
  return res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(`<!doctype html><html lang="vi"><h1>Đơn hàng: ${state}</h1></html>`);
}

let spoiled = false;
/** Spoils the first reply it is asked to (or every one, for the faults that say so); true when it did. */
function spoil(req, res, reply, readable) {
  const once = () => {
    if (spoiled) return false;
    spoiled = true;
    return true;
  };
  const accepted = JSON.parse(reply).error_code === 'SUCCESSFUL';
  if (REPLY === 'never-ends' && once()) {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.write(reply);
    return true;
  }
  if ((REPLY === 'short-length' || REPLY === 'chunked-cut') && once()) {
    const head = REPLY === 'short-length'
      ? `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(reply) + 100}\r\n\r\n${reply}`
      : `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n${Buffer.byteLength(reply).toString(16)}\r\n${reply}\r\n`;
    req.socket.end(head);
    return true;
  }
  if (REPLY === 'redirect-failed' && !accepted) {
    res.writeHead(307, { 'Content-Type': 'application/json', Location: '/elsewhere' }).end(reply);
    return true;
  }
  if (REPLY === 'hang-400' && !readable && once()) {
    res.writeHead(400, { 'Content-Type': 'application/json' });
    res.flushHeaders();
    return true;
  }
  if (REPLY === 'hostile') {
    const echo = Buffer.from(JSON.stringify({ debug: { key: env.LGSP_SECRET_KEY } })).toString('base64');
    if (!readable) {
      res.writeHead(400, { 'Content-Type': 'text/plain' }).end(`\u001b[2J\u001b]0;pwned\u0007 bad request \u202eTERCES ${echo}\r\nINFO: forged line`);
    } else {
      const text = `\u202e${accepted ? 'ok' : 'refused'} ${echo}`;
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ error_code: JSON.parse(reply).error_code, error_message: text }));
    }
    return true;
  }
  return false;
}

async function onResult(req, res) {
  if (Number(req.headers['content-length'] ?? 0) > BODY_LIMIT) {
    res.writeHead(413, { Connection: 'close' }).end();
    return;
  }
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > BODY_LIMIT) {
      res.writeHead(413, { Connection: 'close' }).end();
      return;
    }
    chunks.push(chunk);
  }
  const body = Buffer.concat(chunks);
  let readable = true;
  try {
    JSON.parse(body.toString('utf8'));
  } catch {
    readable = false;
  }
  const reply = paymentResultReply(await decide(body));
  if (spoil(req, res, reply, readable)) return;
  res.writeHead(200, { 'Content-Type': 'application/json' }).end(reply);
}

/** Creates one payment at the gateway for a new order of ours. */
async function createOrder(orderInfo) {
  serial += 1;
  const orderId = `SBN${Date.now()}${crypto.randomInt(1000, 9999)}${serial}`;
  const amount = 40000;
  orders.set(orderId, amount);
  const { url: paymentUrl } = await client.createPayment({
    orderId, amount, orderInfo, requestCode: orderId, serviceCode: 'hcm_dichvucong', returnUrl: RETURN_URL,
    ipAddress: '127.0.0.1', accountCode: 'payment_test',
  });
  return { orderId, amount, paymentUrl };
}

async function onOrders(req, res, url) {
  const count = Math.min(1000, Math.max(1, Number(url.searchParams.get('count') ?? 1)));
  const infoBytes = Number(url.searchParams.get('infoBytes') ?? 0);
  const orderInfo = infoBytes > 0 ? 'x'.repeat(infoBytes) : 'Thanh toán lệ phí hồ sơ';
  // Three at a time, so building one request overlaps the gateway's reading of another.
  for (let made = 0; made < count - 1; made += 3) {
    await Promise.all(Array.from({ length: Math.min(3, count - 1 - made) }, () => createOrder(orderInfo)));
  }
  // The last one alone: the newest order at the gateway is the one answered.
  res.writeHead(201, { 'Content-Type': 'application/json' }).end(JSON.stringify(await createOrder(orderInfo)));
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url, RETURN_URL);
  const handled = req.method === 'PUT' && url.pathname === '/lgsp/return' ? onResult(req, res)
    : req.method === 'GET' && url.pathname === '/lgsp/return' ? Promise.resolve(onPage(res, url))
    : req.method === 'POST' && url.pathname === '/orders' ? onOrders(req, res, url)
      : Promise.resolve(res.writeHead(404).end());
  handled.catch((error) => {
    if (!res.headersSent) res.writeHead(500).end(String(error.code ?? 'error'));
  });
});
server.listen(PORT, '127.0.0.1');
