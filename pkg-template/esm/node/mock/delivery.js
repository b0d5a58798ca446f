// How the mock gateway sends a payment result: a PUT of the signed JSON to the order's
// returnUrl, bounded in time and in what it reads back, and a record of what the unit answered.
import { readLimited } from '../../gateway/body-limits.js';
import { isLoopbackUrl } from './support.js';

/** How much of the unit's answer to a result a delivery keeps. */
const REPLY_BODY_LIMIT = 2000;
/** The most of the unit's reply to a result that is read. */
const MAX_REPLY_BYTES = 64 << 10;

/** The unit's answer to a result as the gateway reads it: { error_code, error_message }, or null. */
function resultReply(text) {
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null; // not JSON: `body` shows what came back
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed) || typeof parsed.error_code !== 'string') return null;
  return { error_code: parsed.error_code, error_message: typeof parsed.error_message === 'string' ? parsed.error_message : null };
}

/**
 * A sender of results: `deliver(returnUrl, json)` resolves with the delivery record, never
 * rejects; `abortAll()` ends the deliveries in flight.
 */
function createDelivery({ allowRemoteReturnUrl, resultTimeoutMs, redactor }) {
  const inFlight = new Set(); // AbortControllers of result PUTs

  async function deliver(returnUrl, json) {
    if (!allowRemoteReturnUrl && !isLoopbackUrl(returnUrl)) {
      return { delivered: false, error: 'returnUrl is not on this machine (start the mock with allowRemoteReturnUrl to send it there)' };
    }
    const controller = new AbortController();
    inFlight.add(controller);
    const timer = setTimeout(() => controller.abort(), resultTimeoutMs);
    try {
      const response = await fetch(returnUrl, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json;charset=UTF-8' },
        body: json,
        redirect: 'manual',
        signal: controller.signal,
      });
      let text = '';
      try {
        text = await readLimited(response, MAX_REPLY_BYTES);
      } catch (error) {
        if (controller.signal.aborted) throw error;
        // over MAX_REPLY_BYTES: recorded as null, not JSON the gateway would read
      }
      return { delivered: true, status: response.status, reply: resultReply(text), body: redactor.excerpt(text, REPLY_BODY_LIMIT) };
    } catch (error) {
      const reason = controller.signal.aborted ? `no answer within ${resultTimeoutMs} ms` : `network error (${error.cause?.code ?? error.name})`;
      return { delivered: false, error: reason };
    } finally {
      clearTimeout(timer);
      inFlight.delete(controller);
    }
  }

  return {
    deliver,
    abortAll() {
      for (const controller of inFlight) controller.abort();
    },
  };
}

export { createDelivery };
