// The unit's records, in SQLite: the payment attempts (orders) of each service, one delivery per
// service, the results kept to look up again, and the refunds of payments made twice.
import Database from 'better-sqlite3';

const SCHEMA = `
  -- One row per payment attempt. A new attempt gets a new order_id, never a reused one: the
  -- gateway may hold an attempt whose createPayment timed out, and a result may still come for it.
  CREATE TABLE IF NOT EXISTS orders (
    order_id   TEXT PRIMARY KEY,
    service_id TEXT NOT NULL,
    amount     INTEGER NOT NULL CHECK (amount > 0),
    order_info TEXT NOT NULL,
    -- pending: created at the gateway; unknown: createPayment gave no answer (the gateway may hold
    -- it); not created: the gateway refused it; paid: this attempt's payment was delivered;
    -- refunded: this attempt was paid after another one, and its money sent back
    status     TEXT NOT NULL DEFAULT 'pending',
    created_at TEXT NOT NULL DEFAULT (datetime('now'))
  );
  -- One delivery per service, whatever the attempt or the transaction that paid it.
  CREATE TABLE IF NOT EXISTS deliveries (
    service_id   TEXT PRIMARY KEY,
    order_id     TEXT NOT NULL REFERENCES orders (order_id),
    pay_trans_id TEXT NOT NULL,
    amount       INTEGER NOT NULL,
    delivered_at TEXT NOT NULL DEFAULT (datetime('now'))
  );
  -- Genuine-looking results whose lookup gave no answer yet: looked up again until final.
  CREATE TABLE IF NOT EXISTS pending_results (
    order_id     TEXT NOT NULL,
    pay_trans_id TEXT NOT NULL,
    result       TEXT NOT NULL,
    first_seen   INTEGER NOT NULL,
    next_check   INTEGER NOT NULL,
    attempts     INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (order_id, pay_trans_id)
  );
  -- Payments confirmed for a service already delivered: recorded, and refunded.
  CREATE TABLE IF NOT EXISTS refunds (
    order_id     TEXT NOT NULL,
    pay_trans_id TEXT NOT NULL,
    amount       INTEGER NOT NULL,
    -- due: to send; done: the gateway answered SUCCESSFUL
    status       TEXT NOT NULL DEFAULT 'due',
    attempts     INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (order_id, pay_trans_id)
  );
`;

/** Opens (or creates) the database file and returns the unit's operations on it. */
export function openRecords(file) {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);
  const q = {
    insertOrder: db.prepare('INSERT INTO orders (order_id, service_id, amount, order_info) VALUES (?, ?, ?, ?)'),
    findOrder: db.prepare('SELECT order_id AS orderId, service_id AS serviceId, amount, status FROM orders WHERE order_id = ?'),
    setStatus: db.prepare('UPDATE orders SET status = ? WHERE order_id = ?'),
    delivery: db.prepare('SELECT order_id AS orderId, pay_trans_id AS payTransId FROM deliveries WHERE service_id = ?'),
    insertDelivery: db.prepare('INSERT INTO deliveries (service_id, order_id, pay_trans_id, amount) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING'),
    keepPending: db.prepare(`INSERT INTO pending_results (order_id, pay_trans_id, result, first_seen, next_check)
      VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`),
    duePending: db.prepare('SELECT order_id AS orderId, pay_trans_id AS payTransId, result, first_seen AS firstSeen, attempts FROM pending_results WHERE next_check <= ?'),
    retryPending: db.prepare('UPDATE pending_results SET attempts = attempts + 1, next_check = ? WHERE order_id = ? AND pay_trans_id = ?'),
    dropPending: db.prepare('DELETE FROM pending_results WHERE order_id = ? AND pay_trans_id = ?'),
    isPending: db.prepare('SELECT 1 FROM pending_results WHERE order_id = ?'),
    insertRefund: db.prepare('INSERT INTO refunds (order_id, pay_trans_id, amount) VALUES (?, ?, ?) ON CONFLICT DO NOTHING'),
    dueRefunds: db.prepare("SELECT order_id AS orderId, pay_trans_id AS payTransId, amount FROM refunds WHERE status = 'due'"),
    refundDone: db.prepare("UPDATE refunds SET status = 'done' WHERE order_id = ? AND pay_trans_id = ?"),
    refundTried: db.prepare('UPDATE refunds SET attempts = attempts + 1 WHERE order_id = ? AND pay_trans_id = ?'),
  };

  /**
   * Settles a confirmed payment, atomically: the first payment of a service is delivered (and
   * its attempt marked paid); a repeat of that very transaction is already done; any other
   * payment for a service already delivered is recorded for a refund. Returns which.
   */
  const settle = db.transaction((order, payTransId, amount) => {
    if (q.insertDelivery.run(order.serviceId, order.orderId, payTransId, amount).changes === 1) {
      q.setStatus.run('paid', order.orderId);
      // Deliver here (send the document, unlock the service), in the same transaction.
      return 'delivered';
    }
    const done = q.delivery.get(order.serviceId);
    if (done.orderId === order.orderId && done.payTransId === payTransId) return 'already delivered';
    q.insertRefund.run(order.orderId, payTransId, amount);
    return 'refund due';
  });

  return {
    createOrder: (orderId, serviceId, amount, orderInfo) => q.insertOrder.run(orderId, serviceId, amount, orderInfo),
    findOrder: (orderId) => q.findOrder.get(orderId) ?? null,
    setStatus: (orderId, status) => q.setStatus.run(status, orderId),
    /** Whether the service was delivered (by any attempt). */
    servicePaid: (serviceId) => q.delivery.get(serviceId) !== undefined,
    settle,
    /** Keeps a result to look up again from `now + firstCheckMs`; a result already kept stays as it is. */
    keepPending: (result, now, firstCheckMs) => q.keepPending.run(result.orderId, result.payTransId, JSON.stringify(result), now, now + firstCheckMs),
    duePending: (now) => q.duePending.all(now).map((row) => ({ ...row, result: JSON.parse(row.result) })),
    retryPending: (row, nextCheck) => q.retryPending.run(nextCheck, row.orderId, row.payTransId),
    dropPending: (row) => q.dropPending.run(row.orderId, row.payTransId),
    /** Whether a result for this order waits to be looked up again. */
    hasPending: (orderId) => q.isPending.get(orderId) !== undefined,
    dueRefunds: () => q.dueRefunds.all(),
    refundDone: (row) => q.refundDone.run(row.orderId, row.payTransId),
    refundTried: (row) => q.refundTried.run(row.orderId, row.payTransId),
    close: () => db.close(),
  };
}
