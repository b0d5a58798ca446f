// Loopback helpers for the gateway tests: a unit's returnUrl server, a port nothing listens on,
// and bounded fetches. Everything binds 127.0.0.1 and is closed by the caller's `after`.
import http from 'node:http';

/** Every request in these tests ends within this many milliseconds, or fails the test. */
export const REQUEST_LIMIT_MS = 5_000;

/** fetch with a deadline, so a hung server fails the test instead of stalling it. */
export function boundedFetch(url, init = {}) {
  return fetch(url, { ...init, signal: AbortSignal.timeout(REQUEST_LIMIT_MS) });
}

/**
 * A unit's returnUrl server: every PUT body goes to `handle(bodyBuffer)`, which returns the reply
 * text (or a promise of it). `received` lists the bodies; `next()` resolves with the next outcome.
 */
export async function startReturnServer(handle) {
  const received = [];
  const waiting = [];
  const server = http.createServer(async (req, res) => {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const body = Buffer.concat(chunks);
    let outcome;
    try {
      outcome = await handle(body, req);
    } catch (error) {
      outcome = { error, reply: '{"error_code":"FAILED","error_message":"handler error"}' };
    }
    received.push({ method: req.method, path: req.url, contentType: req.headers['content-type'], body: body.toString('utf8'), outcome });
    res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' }).end(outcome.reply);
    const waiter = waiting.shift();
    if (waiter) waiter(outcome);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}/lgsp/return`;
  return {
    url,
    received,
    /** The outcome of the next PUT to arrive: call it before causing that PUT. */
    next() {
      return new Promise((resolve) => waiting.push(resolve));
    },
    close() {
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

/** A loopback port that was free a moment ago and has nothing listening on it. */
export async function deadPort() {
  const server = http.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Credentials of a test unit: the guide's sample partner, with the token's other fields. */
export const unitCredentials = Object.freeze({
  partnerCode: '000.00.18.H29',
  accessKey: 'f6047c5b34702d1edd05926c421317f62a58edc3e1c06ce74820d',
  secretKey: 'canary-S3cr3t-7f1d9b2e-do-not-print',
  appName: 'hcm_sso_admin',
  partnerCodeCus: '000.00.18.H29',
});

let orderSerial = 0;

/** A valid order with a fresh orderId, paid back to `returnUrl`. */
export function newOrder(returnUrl, overrides = {}) {
  orderSerial += 1;
  return {
    orderId: `SBN_${process.pid}_${orderSerial}`,
    amount: 40000,
    orderInfo: 'Thanh toán lệ phí hồ sơ',
    requestCode: `REQ${orderSerial}`,
    serviceCode: 'hcm_dichvucong',
    returnUrl,
    ipAddress: '120.72.114.122',
    accountCode: 'payment_test',
    ...overrides,
  };
}

/**
 * Reads the payment page and submits its form with the button `outcome` ('pay' or 'fail'), as a
 * browser on that page would. `done` is the form's answer (a 303 back to returnUrl, not
 * followed: `location`), `doneHtml` the payment page read again once completed.
 */
export async function clickOnPaymentPage(paymentUrl, outcome) {
  const page = await boundedFetch(paymentUrl);
  const html = await page.text();
  const form = /<form method="post" action="([^"]+)">/.exec(html);
  if (!form) throw new Error(`no form on the payment page:\n${html}`);
  if (!html.includes(`name="outcome" value="${outcome}"`)) throw new Error(`no '${outcome}' button on the payment page`);
  const action = new URL(form[1].replaceAll('&amp;', '&'), paymentUrl).href;
  const done = await boundedFetch(action, {
    method: 'POST', body: new URLSearchParams({ outcome }), redirect: 'manual',
    headers: { Origin: new URL(paymentUrl).origin, 'Sec-Fetch-Site': 'same-origin' },
  });
  await done.arrayBuffer();
  const after = await boundedFetch(paymentUrl);
  return { page, html, done, location: done.headers.get('location'), doneHtml: await after.text() };
}
