// The unit's side of each payment, against the gateway: create an attempt, take a result on
// returnUrl, look again at results whose lookup gave no answer, refund a service paid twice.
import crypto from 'node:crypto';
import { confirmPayment, createClient, handlePaymentResult, paymentResultReply } from 'lgsp-paygate';

/** The longest a result's lookup may take while the gateway waits for our answer. */
const ANSWER_LOOKUP_TIMEOUT_MS = 3_000;
/** Every other call: creating a payment, looking again from the recheck job, refunding. */
const CALL_TIMEOUT_MS = 15_000;
/** The longest wait between two lookups of a kept result (the wait doubles from the first). */
const RECHECK_MAX_INTERVAL_MS = 10 * 60_000;

/**
 * The payments of one unit: `records` (db.js), the gateway's `baseUrl` and `credentials`,
 * `settings` ({ returnUrl, serviceCode, accountCode, recheckMs, giveUpMs }) and `log`.
 */
export function createPayments({ records, baseUrl, credentials, settings, log }) {
  const environment = { baseUrl };
  const answering = createClient({ environment, credentials, timeoutMs: ANSWER_LOOKUP_TIMEOUT_MS });
  const client = createClient({ environment, credentials, timeoutMs: CALL_TIMEOUT_MS });

  /** Settles a confirmed payment and says what it did; a second payment for a paid service is refunded. */
  function settled(order, result) {
    const done = records.settle(order, result.payTransId, result.amount);
    log(`order ${result.orderId} paid, transaction ${result.payTransId}: ${done}`);
    if (done === 'refund due') setImmediate(refundDue);
  }

  /**
   * One attempt to pay `serviceId`: a new orderId every time. Resolves with
   * { status, body } for the HTTP answer.
   */
  async function createAttempt({ serviceId, amount, orderInfo, ipAddress }) {
    if (records.servicePaid(serviceId)) return { status: 409, body: { error: `service ${serviceId} is already paid` } };
    const orderId = `SBN${Date.now()}${crypto.randomInt(1000, 9999)}`;
    records.createOrder(orderId, serviceId, amount, orderInfo);
    try {
      const { url } = await client.createPayment({
        orderId, amount, orderInfo, requestCode: orderId, serviceCode: settings.serviceCode,
        returnUrl: settings.returnUrl, ipAddress, accountCode: settings.accountCode,
      });
      log(`order ${orderId} for ${serviceId}, ${amount}: payment created`);
      return { status: 201, body: { orderId, serviceId, amount, paymentUrl: url } };
    } catch (error) {
      // No answer, or ORDER_EXITS: the gateway may hold this attempt, and a result may still come
      // for it. Keep it; the citizen tries again with a new attempt (a new orderId).
      records.setStatus(orderId, error.maybeCreated ? 'unknown' : 'not created');
      log(`order ${orderId}: no payment created (${error.code} ${error.gatewayCode ?? ''}); ${error.maybeCreated ? 'the gateway may hold it' : 'refused'}`);
      return { status: 502, body: { error: 'the payment gateway did not create the payment: try again', orderId } };
    }
  }

  /** Reads the body the gateway PUT to returnUrl and resolves with the reply to send it. */
  async function receive(body) {
    const outcome = handlePaymentResult(body);
    const answer = (accepted, why) => {
      if (why) log(`result refused: ${why}`);
      return paymentResultReply(accepted);
    };
    if (!outcome.accepted) return answer(false, outcome.problems.map((p) => p.code).join(', '));
    const result = outcome.result;
    // Not a payment (a failed one, or a Refund result): acknowledged; nothing is delivered, and
    // nothing in our records changes on a message anyone could have written.
    if (!outcome.paid) {
      log(`order ${result.orderId}: a ${result.type} result, errorCode ${result.errorCode}: acknowledged`);
      return answer(true, null);
    }

    // Our own records first: the order exists and the amount is what we charged.
    const order = records.findOrder(result.orderId);
    if (!order) return answer(false, `unknown order ${result.orderId}`);
    if (order.amount !== result.amount) return answer(false, `order ${result.orderId}: amount ${result.amount}, charged ${order.amount}`);

    // Then the gateway: the result's checksum has no secret, so only a lookup tells it is real.
    const check = await confirmPayment(result, answering);
    if (check.retryable) {
      // No answer about it yet: kept, and looked up again by recheck() until final.
      records.keepPending(result, Date.now(), settings.recheckMs);
      return answer(false, `order ${result.orderId}: no answer from the lookup yet (${check.error.code}); kept to look again`);
    }
    if (!check.confirmed) return answer(false, `order ${result.orderId}: ${check.problems.map((p) => p.code).join(', ')}`);
    settled(order, result);
    return answer(true, null);
  }

  /** Sends the refunds due, each once more; a failed one stays due for the next round. */
  async function refundDue() {
    for (const row of records.dueRefunds()) {
      try {
        await client.refund({
          transactionNo: row.payTransId, orderId: row.orderId, requestCode: `RF-${row.orderId}-${row.payTransId}`,
          amount: row.amount, orderInfo: `Hoàn tiền: dịch vụ đã được trả (${row.orderId})`,
        });
        records.refundDone(row);
        records.setStatus(row.orderId, 'refunded');
        log(`order ${row.orderId}, transaction ${row.payTransId}: refunded (the service was already paid)`);
      } catch (error) {
        records.refundTried(row);
        log(`order ${row.orderId}, transaction ${row.payTransId}: refund not made yet (${error.code} ${error.gatewayCode ?? ''})`);
      }
    }
  }

  /**
   * Looks up again each kept result whose time has come: confirmed, it is settled; refused, it
   * is dropped; still no answer, it waits twice as long (at most RECHECK_MAX_INTERVAL_MS), and
   * after giveUpMs it is left for a person, loudly. Then sends the refunds due.
   */
  async function recheck() {
    const now = Date.now();
    for (const row of records.duePending(now)) {
      const check = await confirmPayment(row.result, client);
      if (check.confirmed) {
        const order = records.findOrder(row.orderId);
        if (order) settled(order, row.result);
        records.dropPending(row);
      } else if (!check.retryable) {
        log(`order ${row.orderId}, transaction ${row.payTransId}: refused on a second look (${check.problems.map((p) => p.code).join(', ')})`);
        records.dropPending(row);
      } else if (now - row.firstSeen > settings.giveUpMs) {
        log(`order ${row.orderId}, transaction ${row.payTransId}: NEEDS A PERSON: no answer from the gateway's lookup since ${new Date(row.firstSeen).toISOString()}`);
        records.dropPending(row);
      } else {
        const wait = Math.min(settings.recheckMs * 2 ** (row.attempts + 1), RECHECK_MAX_INTERVAL_MS);
        records.retryPending(row, Date.now() + wait);
      }
    }
    await refundDue();
  }

  return { createAttempt, receive, recheck };
}
