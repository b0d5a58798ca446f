// The conformance kit's checks, one table entry each: what the kit sends a unit's returnUrl while
// it plays the gateway, when the unit passes, and what to change when it does not. Each `run`
// gets the kit's context (conformance.js) and resolves { passed, saw }.
// The core through the Node entry point, so that in the ES build (where index.js is one bundled
// file) the mock uses the very instance the entry point loaded.
import * as core from '../../index.js';
import { describe, isAnswer, isFailed, isRefusal, isSuccessful } from './http.js';
import { drawPaygate, lookalikeOrderId, payDateNow, unissuedTransId } from './shapes.js';

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
      + 'answer SUCCESSFUL to every repeat, so the gateway stops sending it',
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
];

export { CHECKS, signedResult };
