// The unit's side of the payment result: read the body the gateway PUTs to returnUrl, answer it,
// and confirm the payment with a lookup before delivering anything (the result checksum has no
// secret in it, so anyone can compute one).
import * as core from './lgsp_paygate.js';
import { lgspError } from './errors.js';
import { TextDecoder } from './text-codec.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

function rejected(code, message) {
  return {
    accepted: false,
    paid: false,
    result: null,
    reply: core.paymentResultReply(false),
    problems: [{ path: '', code, message }],
    warnings: [],
  };
}

/**
 * Reads a payment result body (JSON text, bytes or an object) and never throws for a bad one:
 * { accepted, paid, result, reply, problems, warnings }. Answer the gateway with `reply`;
 * deliver nothing before confirmPayment() says so.
 */
function handlePaymentResult(body) {
  let input = body;
  if (input instanceof Uint8Array) {
    try {
      input = utf8.decode(input);
    } catch {
      return rejected('INVALID_JSON', 'the payment result is not UTF-8 text');
    }
  }
  let report;
  try {
    report = core.parsePaymentResult(input);
  } catch (error) {
    if (error && (error.code === 'INVALID_JSON' || error.code === 'INVALID_ARGUMENT' || error.code === 'INPUT_TOO_LARGE')) {
      return rejected(error.code, error.message);
    }
    throw error;
  }
  return {
    accepted: report.accepted,
    paid: report.paid,
    result: report.result,
    reply: report.reply,
    problems: report.errors,
    warnings: report.warnings,
  };
}

/**
 * Asks the gateway about the transaction a payment result names and checks that it agrees:
 * same orderId, payTransId and amount, errorCode "00", not refunded. Resolves with
 * { confirmed, problems, order, response }; rejects (NETWORK_ERROR, TIMEOUT, HTTP_ERROR,
 * INVALID_RESPONSE, GATEWAY_ERROR other than NOT_EXITS) when the gateway gave no answer to go by.
 */
async function confirmPayment(result, client) {
  if (result === null || typeof result !== 'object' || typeof result.orderId !== 'string' || typeof result.payTransId !== 'string') {
    throw lgspError('INVALID_ARGUMENT', 'confirmPayment needs the payment result (handlePaymentResult(body).result)', { path: 'result' });
  }
  if (client === null || typeof client !== 'object' || typeof client.getOrderInfo !== 'function') {
    throw lgspError('INVALID_ARGUMENT', 'confirmPayment needs a client from createClient()', { path: 'client' });
  }
  let answer;
  try {
    answer = await client.getOrderInfo({ transactionNo: result.payTransId, orderId: result.orderId });
  } catch (error) {
    if (error && error.code === 'GATEWAY_ERROR' && error.gatewayCode === 'NOT_EXITS') {
      const problem = { path: 'payTransId', code: 'UNKNOWN_TRANSACTION', message: 'the gateway knows no such transaction for this order' };
      return { confirmed: false, problems: [problem], order: null, response: error.response ?? null };
    }
    throw error;
  }

  const { order, response } = answer;
  // The comparison is the core's: same orderId, payTransId and amount, errorCode "00", not refunded.
  const { confirmed, problems } = core.confirmPaymentResult(result, order);
  return { confirmed, problems, order, response };
}

export { handlePaymentResult, confirmPayment };
