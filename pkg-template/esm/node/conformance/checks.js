// The conformance kit's checks, one table entry each: what the kit sends a unit's returnUrl while
// it plays the gateway, when the unit passes, and what to change when it does not. Each `run`
// gets the kit's context (conformance.js) and resolves { passed, saw }.
// The core through the Node entry point, so that in the ES build (where index.js is one bundled
// file) the mock uses the very instance the entry point loaded.
import * as core from '../../index.js';
import { describe, isAnswer, isFailed, isRefusal, isSuccessful } from './http.js';
import { drawPaygate, lookalikeOrderId, payDateNow, unissuedTransId } from './shapes.js';
import { STATE_WORDS, describePage, readPage } from './citizen-page.js';

const FIELDS = ['paygate', 'payTransId', 'orderId', 'amount', 'orderInfo', 'payDate', 'errorCode', 'type'];

/** A payment result as JSON text, in the gateway's field order, with a checksum that verifies. */
function signedResult(fields) {
  const ordered = Object.fromEntries(FIELDS.map((key) => [key, fields[key]]));
  return JSON.stringify({ ...ordered, checksum: core.checksum('result', ordered, null) });
}

/** The result's fields with some replaced, signed again: what anyone can write, no secret needed. */
function reSigned(json, changes) {
  return signedResult({ ...JSON.parse(json), ...changes });
}

/** An amount other than `amount`: a tenth of it, as a cheaper payment passed off for the order. */
function otherAmount(amount) {
  return amount >= 10 ? Math.floor(amount / 10) : amount + 1;
}

function expectFailed(outcome, limitMs, what) {
  return { passed: isFailed(outcome), saw: `${what}: ${describe(outcome, limitMs)}` };
}

/**
 * A check's run: settles a fresh order at the gateway as `outcome` ('fail', 'pending') and sends
 * its result re-signed with errorCode 00, which only the lookup's record contradicts.
 */
function reSignedAsPaid(outcome, how) {
  return async (ctx) => {
    const order = await ctx.freshOrder();
    const forged = reSigned(ctx.mock.settle(order.orderId, outcome), { errorCode: '00' });
    return expectFailed(await ctx.send(forged), ctx.limitMs, `order ${order.orderId}, ${how} at the gateway, result re-signed with errorCode 00`);
  };
}

/** How long the mock's lookups of one transaction fail in recheck-after-failed-lookup. */
const LOOKUP_OUTAGE_MS = 2_000;
/** How soon after the result the unit must have looked the transaction up again, by itself. */
const RECHECK_BOUND_MS = 20_000;
/** How long the kit waits for the mock's Refund result to reach the unit and be answered. */
const REFUND_RESULT_BOUND_MS = 8_000;

/**
 * A genuine paid result for a fresh order whose lookup names the transaction as one reading of
 * the guide does (and needs that name in the request): SUCCESSFUL after a lookup, as genuine-paid.
 */
async function genuineInReading(ctx, lookupKeys, reading) {
  const order = await ctx.freshOrder();
  const json = ctx.mock.settle(order.orderId, 'pay', { lookupKeys });
  const mark = ctx.lookupMark();
  const outcome = await ctx.send(json);
  const looked = await ctx.lookedUp(order.orderId, mark);
  const where = `order ${order.orderId} paid ${order.amount}, the gateway reading the guide's ${reading} (${lookupKeys})`;
  const codes = ctx.lookupCodes(order.orderId, mark);
  const lookups = codes.length === 0 ? 'no lookup' : `its lookups answered ${[...new Set(codes)].join(', ')}`;
  if (!isSuccessful(outcome)) return { passed: false, saw: `${where}: ${describe(outcome, ctx.limitMs)}; ${lookups}` };
  if (!looked) return { passed: false, saw: `${where}: SUCCESSFUL, but ${lookups}` };
  return { passed: true, saw: `${where}: ${describe(outcome, ctx.limitMs)}, after a lookup of the transaction` };
}

/** A fresh order paid at the gateway, its genuine result sent: { orderId, json }. */
async function paidAndSent(ctx) {
  const order = await ctx.freshOrder();
  const json = ctx.mock.settle(order.orderId, 'pay');
  await ctx.send(json);
  return { orderId: order.orderId, json };
}

/** The genuine paid order genuine-paid delivered, or a fresh one paid and delivered now. */
async function deliveredOrder(ctx) {
  return ctx.genuine === null ? paidAndSent(ctx) : { orderId: JSON.parse(ctx.genuine).orderId, json: ctx.genuine };
}

const CHECKS = [
  {
    id: 'genuine-paid',
    sends: 'the real signed result of a paid order',
    passesWhen: 'a SUCCESSFUL reply within 5 s, and a lookup of that transaction at the gateway',
    fix: 'answer {"error_code":"SUCCESSFUL"} to a genuine paid result, after confirming it with a lookup '
      + '(POST /GetOrderInfo; confirmPayment() in Node) against LGSP_BASE_URL with the LGSP_* credentials',
    async run(ctx) {
      const order = await ctx.freshOrder();
      const json = ctx.mock.settle(order.orderId, 'pay');
      ctx.genuine = json;
      const mark = ctx.lookupMark();
      const outcome = await ctx.send(json);
      const looked = await ctx.lookedUp(order.orderId, mark);
      const where = `order ${order.orderId} paid ${order.amount}`;
      if (!isSuccessful(outcome)) return { passed: false, saw: `${where}: ${describe(outcome, ctx.limitMs)}` };
      if (!looked) return { passed: false, saw: `${where}: SUCCESSFUL, but the unit never looked the transaction up at the gateway` };
      return { passed: true, saw: `${where}: ${describe(outcome, ctx.limitMs)}, after a lookup of the transaction` };
    },
  },
  {
    id: 'forged-amount',
    sends: 'a result that verifies, for a real order, with another amount',
    passesWhen: 'a FAILED reply',
    fix: 'compare the result\'s amount with the amount of the order in your own records, and with the '
      + 'amount the lookup returns (confirmPayment() does the second); answer FAILED when either differs',
    async run(ctx) {
      // Paid at the gateway for the order's amount; the result claims a smaller one.
      const first = await ctx.freshOrder();
      const cheaper = otherAmount(first.amount);
      const forged = reSigned(ctx.mock.settle(first.orderId, 'pay'), { amount: cheaper });
      const a = await ctx.send(forged);
      // The gateway's own record says the smaller amount too: only the unit's records tell.
      const second = await ctx.freshOrder();
      const recorded = ctx.mock.settle(second.orderId, 'pay', { amount: otherAmount(second.amount) });
      const b = await ctx.send(recorded);
      return {
        passed: isFailed(a) && isFailed(b),
        saw: `order ${first.orderId} of ${first.amount}, result for ${cheaper}: ${describe(a, ctx.limitMs)}; `
          + `order ${second.orderId} of ${second.amount}, result and gateway record for ${otherAmount(second.amount)}: ${describe(b, ctx.limitMs)}`,
      };
    },
  },
  {
    id: 'forged-transaction',
    sends: 'a result that verifies, right amount, a payTransId the gateway never issued',
    passesWhen: 'a FAILED reply',
    fix: 'look the transaction up at the gateway (POST /GetOrderInfo; confirmPayment() in Node) before '
      + 'delivering: the result\'s checksum has no secret, so anyone can sign one',
    async run(ctx) {
      const order = await ctx.freshOrder();
      // Shaped like the mock's genuine results: only a lookup tells it apart.
      const json = signedResult({
        paygate: drawPaygate(), payTransId: unissuedTransId(order), orderId: order.orderId, amount: order.amount,
        orderInfo: order.orderInfo, payDate: payDateNow(), errorCode: '00', type: 'Pay',
      });
      return expectFailed(await ctx.send(json), ctx.limitMs, `order ${order.orderId}, unissued payTransId`);
    },
  },
  {
    id: 'bad-checksum',
    sends: 'a real result with a wrong checksum',
    passesWhen: 'a FAILED reply',
    fix: 'verify the result\'s checksum (handlePaymentResult() or verify("result", ...)) and answer FAILED when it does not match',
    async run(ctx) {
      const order = await ctx.freshOrder();
      const result = JSON.parse(ctx.mock.settle(order.orderId, 'pay'));
      const last = result.checksum.at(-1);
      result.checksum = result.checksum.slice(0, -1) + (last === '0' ? '1' : '0');
      return expectFailed(await ctx.send(JSON.stringify(result)), ctx.limitMs, `order ${order.orderId}, paid, checksum changed`);
    },
  },
  {
    id: 'unknown-order',
    sends: 'a result that verifies for an order the unit never created',
    passesWhen: 'a FAILED reply',
    fix: 'find the result\'s orderId in your own records and answer FAILED when you never created it',
    async run(ctx) {
      // An orderId, amount and orderInfo shaped like the unit's own orders, for no order it created.
      const like = ctx.lastOrder ?? await ctx.freshOrder();
      const orderId = lookalikeOrderId(like.orderId, (id) => ctx.mock.order(id) !== null);
      const json = signedResult({
        paygate: drawPaygate(), payTransId: unissuedTransId(null), orderId, amount: like.amount,
        orderInfo: like.orderInfo, payDate: payDateNow(), errorCode: '00', type: 'Pay',
      });
      return expectFailed(await ctx.send(json), ctx.limitMs, `order ${orderId}`);
    },
  },
  {
    id: 'duplicate',
    sends: 'the genuine result again, then 5 copies at once',
    passesWhen: 'every reply SUCCESSFUL, none 5xx',
    fix: 'deliver once per orderId + payTransId (a unique constraint, claimed inside a transaction) and '
      + 'answer SUCCESSFUL to every repeat: a result may arrive more than once (the guide says nothing of resends), '
      + 'and a repeat of a result you accepted is not an error',
    async run(ctx) {
      let json = ctx.genuine;
      if (json === null) {
        const order = await ctx.freshOrder();
        json = ctx.mock.settle(order.orderId, 'pay');
        await ctx.send(json);
      }
      const again = await ctx.send(json);
      const copies = await Promise.all(Array.from({ length: 5 }, () => ctx.send(json)));
      const all = [again, ...copies];
      const good = all.filter(isSuccessful).length;
      const others = all.filter((o) => !isSuccessful(o)).map((o) => describe(o, ctx.limitMs));
      return {
        passed: good === all.length,
        saw: `order ${JSON.parse(json).orderId}: ${good} of ${all.length} repeats SUCCESSFUL${others.length ? `; others: ${[...new Set(others)].join(' | ')}` : ''}`,
      };
    },
  },
  {
    id: 'failed-payment',
    sends: 'a real result with errorCode other than 00',
    passesWhen: 'a JSON reply (SUCCESSFUL or FAILED), not 5xx',
    fix: 'a result with errorCode other than "00" is a payment that did not happen: deliver nothing, '
      + 'and answer it with JSON (SUCCESSFUL or FAILED), never an error page',
    async run(ctx) {
      const order = await ctx.freshOrder();
      const outcome = await ctx.send(ctx.mock.settle(order.orderId, 'fail'));
      return { passed: isAnswer(outcome), saw: `order ${order.orderId}, errorCode 24: ${describe(outcome, ctx.limitMs)}` };
    },
  },
  {
    id: 'malformed',
    sends: 'invalid JSON, the guide\'s typographic quotes, an empty body, a wrong content type, a 2 MiB body',
    passesWhen: 'a FAILED reply or a 4xx, never 5xx, never a hang over 5 s',
    fix: 'read the body raw with a size limit, parse it yourself (handlePaymentResult() never throws) and '
      + 'answer FAILED or a 4xx to anything you cannot read; never let it reach a 500 error page',
    async run(ctx) {
      const json = 'application/json;charset=UTF-8';
      const bodies = [
        ['invalid JSON', '{"paygate":"momo","orderId":"1","amount":40000,', json],
        ['typographic quotes', '{“paygate”:“momo”,“payTransId”:“2311071001”,“orderId”:“050720190008”,“amount”:40000,'
          + '“orderInfo”:“Thanh toán”,“payDate”:“20231107100110”,“errorCode”:“00”,“type”:“Pay”,“checksum”:“0”}', json],
        ['empty body', '', json],
        ['wrong content type', 'paygate=momo&payTransId=2311071001&orderId=050720190008&amount=40000&errorCode=00', 'application/x-www-form-urlencoded'],
        ['2 MiB body', `{"orderInfo":"${'a'.repeat(2 * 1024 * 1024)}"}`, json],
      ];
      const seen = [];
      let passed = true;
      for (const [what, body, type] of bodies) {
        const outcome = await ctx.send(body, type);
        let ok = isRefusal(outcome);
        let note = describe(outcome, ctx.limitMs);
        // Closing the connection on an oversized body is a refusal too, if the unit lives on.
        if (!ok && outcome.error && body.length > 1024 * 1024 && await ctx.unitAnswers()) {
          ok = true;
          note += ' (the unit closed the connection and still answers)';
        }
        passed &&= ok;
        seen.push(`${what}: ${note}`);
      }
      return { passed, saw: seen.join('; ') };
    },
  },
  // Results whose lookup succeeds but whose gateway record is not a payment: only a unit that
  // reads the record's errorCode and type, not just its amount, answers them FAILED.
  {
    id: 'record-failed',
    sends: 'a cancelled payment\'s real result, re-signed with errorCode 00',
    passesWhen: 'a FAILED reply',
    fix: 'confirm with the lookup that the gateway\'s record has errorCode "00" and type Pay, not only the '
      + 'same amount (confirmPayment() does): the result\'s errorCode is whatever its writer put there',
    run: reSignedAsPaid('fail', 'cancelled'),
  },
  {
    id: 'record-refunded',
    sends: 'the genuine result of a payment that was refunded before it arrived',
    passesWhen: 'a FAILED reply',
    fix: 'confirm with the lookup that the gateway\'s record is a payment (type Pay, errorCode "00"), not a '
      + 'refund (confirmPayment() does): a genuine result can arrive after the money went back',
    async run(ctx) {
      const order = await ctx.freshOrder();
      const json = ctx.mock.settle(order.orderId, 'pay');
      const { payTransId } = JSON.parse(json);
      await ctx.gatewayClient().refund({
        transactionNo: payTransId, orderId: order.orderId, requestCode: `RF${payTransId}`, amount: order.amount,
        orderInfo: 'Hoàn tiền', transactionType: '02',
      });
      return expectFailed(await ctx.send(json), ctx.limitMs, `order ${order.orderId}, paid then refunded at the gateway, its genuine result`);
    },
  },
  {
    id: 'record-pending',
    sends: 'a result with errorCode 00 for a transaction the gateway holds as neither paid nor failed',
    passesWhen: 'a FAILED reply',
    fix: 'confirm with the lookup that the gateway\'s record has errorCode "00" (confirmPayment() does): a '
      + 'transaction the gateway knows is not yet a payment',
    run: reSignedAsPaid('pending', 'pending'),
  },
  // Going live: the guide's two readings of the lookup, the citizen's return, a lookup that gets
  // no answer for a while, a refund's result.
  {
    id: 'lookup-reading-table',
    sends: 'the real signed result of a paid order, from a gateway whose lookup names the transaction transactionNo (the guide\'s table)',
    passesWhen: 'a SUCCESSFUL reply within 5 s, after a lookup the gateway answered SUCCESSFUL',
    fix: 'send the transaction under both transactionNo and payTransId in the lookup request (one value; the checksum over '
      + 'transactionNo), and read the transaction from the answer\'s transactionNo or payTransId (confirmPayment() does both)',
    run: (ctx) => genuineInReading(ctx, 'transactionNo', 'table'),
  },
  {
    id: 'lookup-reading-example',
    sends: 'the real signed result of a paid order, from a gateway whose lookup names the transaction payTransId (the guide\'s example)',
    passesWhen: 'a SUCCESSFUL reply within 5 s, after a lookup the gateway answered SUCCESSFUL',
    fix: 'send the transaction under both transactionNo and payTransId in the lookup request (one value; the checksum over '
      + 'transactionNo): a gateway that reads the guide\'s example needs payTransId (buildLookupRequest() and the client send both)',
    run: (ctx) => genuineInReading(ctx, 'payTransId', 'example'),
  },
  {
    id: 'citizen-return',
    sends: 'GET returnUrl?orderId=..., as the citizen\'s browser comes back: for the paid order, and for an unpaid one with a forged paid result in the query',
    passesWhen: `an HTML page (2xx) for each: "${STATE_WORDS.paid}" for the confirmed order; "${STATE_WORDS.confirming}" and not "${STATE_WORDS.paid}" for the other, before and after`,
    fix: `answer a GET on returnUrl with an HTML page for the citizen, Vietnamese first, showing the order's state from your own `
      + `records ("${STATE_WORDS.paid}" once your lookup confirmed the payment, "${STATE_WORDS.confirming}" until then); `
      + 'never read a result or deliver anything from a GET or its query',
    async run(ctx) {
      const paid = await deliveredOrder(ctx);
      const a = await ctx.citizenPage({ orderId: paid.orderId });
      // An order nobody paid, and a query carrying a well-signed paid result for it.
      const order = await ctx.freshOrder();
      // Its orderInfo cut short, so the query fits in a request line whatever the order's.
      const forged = JSON.parse(signedResult({
        paygate: drawPaygate(), payTransId: unissuedTransId(order), orderId: order.orderId, amount: order.amount,
        orderInfo: order.orderInfo.slice(0, 100), payDate: payDateNow(), errorCode: '00', type: 'Pay',
      }));
      const b = await ctx.citizenPage(forged);
      const c = await ctx.citizenPage({ orderId: order.orderId });
      const [pa, pb, pc] = [a, b, c].map(readPage);
      return {
        passed: pa.html && pa.paid && [pb, pc].every((p) => p.html && p.confirming && !p.paid),
        saw: `paid order ${paid.orderId}: ${describePage(a, ctx.limitMs)}; unpaid order ${order.orderId} with a forged paid result `
          + `in the query: ${describePage(b, ctx.limitMs)}; then without it: ${describePage(c, ctx.limitMs)}`,
      };
    },
  },
  {
    id: 'recheck-after-failed-lookup',
    sends: `the real signed result of a paid order while the gateway answers its lookups 503 for ${LOOKUP_OUTAGE_MS / 1000} s; the result is never sent again`,
    passesWhen: `a JSON reply, not 5xx, and a lookup of the transaction the gateway answers SUCCESSFUL within ${RECHECK_BOUND_MS / 1000} s, made by the unit on its own`,
    fix: 'when confirmPayment() says retryable (a timeout, a network error, a 5xx), keep the result (orderId, payTransId, amount) '
      + 'and look it up again from a job of your own until it is confirmed or refused: the guide promises no resend',
    async run(ctx) {
      const order = await ctx.freshOrder();
      const json = ctx.mock.settle(order.orderId, 'pay');
      const started = Date.now();
      ctx.mock.failFor('/GetOrderInfo', LOOKUP_OUTAGE_MS, { orderId: order.orderId, status: 503, body: 'Service Unavailable', contentType: 'text/plain' });
      const mark = ctx.lookupMark();
      const outcome = await ctx.send(json);
      const looked = await ctx.lookedUp(order.orderId, mark, Math.max(0, RECHECK_BOUND_MS - (Date.now() - started)));
      const tries = ctx.lookupCodes(order.orderId, mark).length;
      const where = `order ${order.orderId} paid ${order.amount}, lookups failing for ${LOOKUP_OUTAGE_MS} ms: the result answered ${describe(outcome, ctx.limitMs)}`;
      if (!isAnswer(outcome)) return { passed: false, saw: where };
      if (!looked) return { passed: false, saw: `${where}; ${tries} lookup(s), none answered SUCCESSFUL within ${RECHECK_BOUND_MS} ms` };
      return { passed: true, saw: `${where}; looked up again by itself, SUCCESSFUL after ${Date.now() - started} ms (${tries} lookups in all)` };
    },
  },
  {
    id: 'refund-result',
    sends: 'a refund of a paid order at the gateway, which then PUTs its signed type Refund result; then that result again',
    passesWhen: 'SUCCESSFUL to both (acknowledged, nothing delivered again), within 5 s each',
    fix: 'a result with type Refund is not a payment (handlePaymentResult() gives paid: false): record the refund if you like, '
      + 'deliver nothing, and answer SUCCESSFUL, again for every copy',
    async run(ctx) {
      // A payment of its own, delivered: genuine-paid's may be gone from a gateway that keeps few.
      const result = JSON.parse((await paidAndSent(ctx)).json);
      await ctx.gatewayClient().refund({
        transactionNo: result.payTransId, orderId: result.orderId, requestCode: `RF-${result.payTransId}`, amount: result.amount,
        orderInfo: 'Hoàn tiền (kiểm tra)',
      });
      let sent = null;
      for (let waited = 0; sent === null && waited < REFUND_RESULT_BOUND_MS; waited += 50) {
        sent = ctx.mock.order(result.orderId)?.refund?.delivery ?? null;
        if (sent === null) await new Promise((resolve) => { setTimeout(resolve, 50); });
      }
      if (sent === null) return { passed: false, saw: `order ${result.orderId} refunded: the Refund result was not answered within ${REFUND_RESULT_BOUND_MS} ms` };
      const first = sent.delivered ? { ms: sent.ms, status: sent.status, text: sent.body } : { ms: 0, error: sent.error };
      const refundJson = signedResult({ ...result, amount: result.amount, type: 'Refund', errorCode: '00', payDate: ctx.mock.order(result.orderId).refund.payDate });
      const again = await ctx.send(refundJson);
      return {
        passed: isSuccessful(first) && isSuccessful(again),
        saw: `order ${result.orderId} refunded, its Refund result: ${describe(first, ctx.limitMs)}; again: ${describe(again, ctx.limitMs)}`,
      };
    },
  },
];

export { CHECKS, signedResult };
