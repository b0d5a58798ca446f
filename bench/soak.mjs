#!/usr/bin/env node
// Soak of the built package (pkg/, `make pkg`): the mock gateway, the client and a returnUrl
// handler written as the package README says (body limit, handlePaymentResult, confirmPayment,
// deliveryKey claimed before fulfilment), in one process on loopback. 100,000 mixed calls at
// concurrency 50: payments created and completed (each completion PUTs a result that the handler
// confirms with a lookup), lookups, results delivered again, refunds, lookups of unknown
// transactions (an expected NOT_EXITS) and results read in place. It prints the calls done, the
// unexpected errors, p50/p99 latency per kind and the heap after GC at the start and the end.
// It stops itself at SOAK_SECONDS and never fails on speed; it exits 1 on an unexpected error.
//
// Usage: node bench/soak.mjs    SOAK_CALLS=n (100000), SOAK_CONCURRENCY=n (50), SOAK_SECONDS=n (300),
//        LGSP_PKG_DIR=<dir> soaks another build of the package.
import http from 'node:http';
import v8 from 'node:v8';
import vm from 'node:vm';
import { loadPackage } from './support/built-package.mjs';

const CALLS = Number(process.env.SOAK_CALLS ?? 100_000);
const CONCURRENCY = Number(process.env.SOAK_CONCURRENCY ?? 50);
const SECONDS = Number(process.env.SOAK_SECONDS ?? 300);
const WARM_UP = 2_000;

const lib = loadPackage();
const { confirmPayment, createClient, handlePaymentResult, paymentResultReply, startMockGateway } = lib;

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc');
const heapMb = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed / (1 << 20);
};

// A hard stop, whatever happens: the soak is bounded in time.
const hardStop = setTimeout(() => {
  console.error(`soak: still running ${SECONDS + 60} s after the start: stopped`);
  process.exit(1);
}, (SECONDS + 60) * 1000);
hardStop.unref();

// ---------------------------------------------------------------------------------------------
// The unit: a returnUrl handler as the package README writes it

const MAX_BODY = 1 << 20;
const claimed = new Set();
let fulfilled = 0;
let client;

const unit = http.createServer(async (req, res) => {
  if (Number(req.headers['content-length']) > MAX_BODY) {
    return res.writeHead(413, { Connection: 'close' }).end(paymentResultReply(false, 'body too large'));
  }
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_BODY) return res.destroy();
    chunks.push(chunk);
  }
  const outcome = handlePaymentResult(Buffer.concat(chunks));
  let reply = outcome.reply;
  if (outcome.paid) {
    try {
      const check = await confirmPayment(outcome.result, client);
      if (!check.confirmed) reply = paymentResultReply(false, check.problems.map((p) => p.code).join(', '));
      else if (!claimed.has(outcome.deliveryKey)) {
        claimed.add(outcome.deliveryKey);
        fulfilled += 1;
      }
    } catch (error) {
      reply = paymentResultReply(false, error.code);
    }
  }
  return res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' }).end(reply);
});
unit.keepAliveTimeout = 5_000;
await new Promise((resolve) => unit.listen(0, '127.0.0.1', resolve));
const returnUrl = `http://127.0.0.1:${unit.address().port}/lgsp/return`;

const mock = await startMockGateway();
client = createClient({ environment: { baseUrl: mock.url }, credentials: mock.credentials, timeoutMs: 30_000 });

// ---------------------------------------------------------------------------------------------
// The calls

let orderCount = 0;
const pending = []; // orderIds created, not yet completed
const paid = []; // { orderId, payTransId, body } of results the unit received and confirmed
const refunding = new Set(); // refunds sent
const refunded = new Set(); // refunds answered

const order = (orderId) => ({
  orderId, amount: 40000, orderInfo: `Lệ phí hồ sơ ${orderId}`, requestCode: orderId, serviceCode: 'hcm_dichvucong',
  returnUrl, ipAddress: '120.72.114.122', accountCode: 'payment_test',
});
const pick = (list) => list[Math.floor(Math.random() * list.length)];

/** Each kind of call: what it does, and whether its answer is the expected one. */
const KINDS = {
  async create() {
    orderCount += 1;
    const orderId = `SOAK_${orderCount}`;
    const created = await client.createPayment(order(orderId));
    pending.push(orderId);
    return created.url.startsWith(mock.url);
  },
  async complete() {
    const orderId = pending.shift();
    if (orderId === undefined) return KINDS.create();
    const outcome = Math.random() < 0.9 ? 'pay' : 'fail';
    const delivery = await mock.complete(orderId, outcome);
    if (!delivery.delivered || delivery.reply?.error_code !== 'SUCCESSFUL') return false;
    if (outcome === 'pay') {
      const record = mock.order(orderId);
      const fields = { paygate: record.paygate, payTransId: record.payTransId, orderId, amount: record.amount, orderInfo: record.orderInfo,
        payDate: record.payDate, errorCode: record.errorCode, type: 'Pay' };
      paid.push({ orderId, payTransId: record.payTransId, body: JSON.stringify({ ...fields, checksum: lib.checksum('result', fields, null) }) });
    }
    return true;
  },
  async lookup() {
    const p = pick(paid);
    if (!p) return KINDS.create();
    const { order: found } = await client.getOrderInfo({ transactionNo: p.payTransId, orderId: p.orderId });
    return found.orderId === p.orderId && found.amount === 40000;
  },
  async unknown() {
    const error = await client.getOrderInfo({ transactionNo: '1', orderId: 'SOAK_NOBODY' }).then(() => null, (e) => e);
    return error?.code === 'GATEWAY_ERROR' && error.gatewayCode === 'NOT_EXITS';
  },
  async redeliver() {
    const p = pick(paid);
    if (!p) return KINDS.create();
    const before = refunding.has(p.orderId) || refunded.has(p.orderId);
    const res = await fetch(returnUrl, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: p.body });
    const reply = await res.json();
    const after = refunded.has(p.orderId);
    // A refunded payment is no longer confirmed: FAILED is the right answer then (either, while
    // a refund is under way).
    if (before !== after) return reply.error_code === 'SUCCESSFUL' || reply.error_code === 'FAILED';
    return reply.error_code === (after ? 'FAILED' : 'SUCCESSFUL');
  },
  async refund() {
    const p = paid.find((x) => !refunding.has(x.orderId));
    if (!p) return KINDS.create();
    refunding.add(p.orderId);
    const { response } = await client.refund({ transactionNo: p.payTransId, orderId: p.orderId, requestCode: `R_${p.orderId}`, amount: 40000, orderInfo: 'Hoàn tiền' });
    refunded.add(p.orderId);
    return response.errorCode === 'SUCCESSFUL';
  },
  async read() {
    const p = pick(paid);
    if (!p) return KINDS.create();
    const outcome = handlePaymentResult(Buffer.from(p.body));
    return outcome.paid && outcome.deliveryKey === JSON.stringify([p.orderId, p.payTransId]);
  },
};
// Shares of the mix, per 100 calls: about 5,000 orders for 100,000 calls.
const MIX = [['create', 5], ['complete', 5], ['lookup', 30], ['unknown', 10], ['redeliver', 15], ['refund', 1], ['read', 34]];
const WHEEL = MIX.flatMap(([kind, share]) => Array(share).fill(kind));

const latencies = Object.fromEntries(MIX.map(([kind]) => [kind, []]));
const errors = [];
const heapSamples = []; // after GC, every tenth of the calls
let issued = 0;
let done = 0;
const started = performance.now();
const deadline = started + SECONDS * 1000;

async function worker(calls) {
  while (issued < calls && performance.now() < deadline) {
    const kind = WHEEL[issued % WHEEL.length];
    issued += 1;
    const t = performance.now();
    try {
      const ok = await KINDS[kind]();
      if (!ok) errors.push(`${kind}: unexpected answer`);
    } catch (error) {
      errors.push(`${kind}: ${error.code ?? error.name}: ${error.message}`);
    }
    latencies[kind].push(performance.now() - t);
    done += 1;
    if (measuring && done % Math.ceil(CALLS / 10) === 0) heapSamples.push(heapMb());
  }
}

// Warm up at full concurrency (JIT, connection pools, sockets on every side), then start afresh
// from the heap that state takes.
let measuring = false;
await Promise.all(Array.from({ length: CONCURRENCY }, () => worker(WARM_UP)));
const warmOrders = mock.orders().length;
issued = 0;
done = 0;
for (const list of Object.values(latencies)) list.length = 0;
const heapStart = heapMb();
measuring = true;
const soakStart = performance.now();
await Promise.all(Array.from({ length: CONCURRENCY }, () => worker(CALLS)));
const seconds = (performance.now() - soakStart) / 1000;
const heapEnd = heapMb();

await mock.close();
unit.closeAllConnections();
unit.close();
clearTimeout(hardStop);

const quantile = (sorted, q) => (sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]);
const all = Object.values(latencies).flat().sort((a, b) => a - b);
const ms = (x) => `${x.toFixed(2)} ms`;
console.log(`soak: ${done} calls in ${seconds.toFixed(1)} s at concurrency ${CONCURRENCY} (${(done / seconds).toFixed(0)} calls/s)${done < CALLS ? `, stopped at the ${SECONDS} s limit` : ''}`);
console.log(`errors: ${errors.length}${errors.length ? ` (first: ${errors.slice(0, 3).join(' | ')})` : ''}`);
console.log(`latency, all calls: p50 ${ms(quantile(all, 0.5))}, p99 ${ms(quantile(all, 0.99))}`);
for (const [kind] of MIX) {
  const sorted = latencies[kind].sort((a, b) => a - b);
  console.log(`  ${kind.padEnd(10)} ${String(sorted.length).padStart(6)} calls  p50 ${ms(quantile(sorted, 0.5)).padStart(9)}  p99 ${ms(quantile(sorted, 0.99)).padStart(9)}`);
}
console.log(`payments delivered once: ${fulfilled} of ${paid.length} confirmed results (each delivered again about ${(latencies.redeliver.length / Math.max(1, paid.length)).toFixed(1)} times)`);
const orders = mock.orders().length;
console.log(`heap after GC: ${heapStart.toFixed(1)} MiB at the start (after ${WARM_UP} warm-up calls, ${warmOrders} orders), `
  + `${heapEnd.toFixed(1)} MiB at the end (${orders} orders kept by the mock)`);
console.log(`  every tenth of the calls: ${heapSamples.map((h) => h.toFixed(1)).join(', ')} MiB`);
process.exitCode = errors.length === 0 && fulfilled === paid.length ? 0 : 1;
