// The page the citizen sees when the gateway sends the browser back to returnUrl (a GET): the
// order's state from the unit's own records, Vietnamese first. Nothing in the request is trusted
// but the orderId it names, and nothing is delivered here.

const escape = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** What each state of an order says: [title in Vietnamese, in English, a sentence in each]. */
const STATES = {
  paid: ['Đã thanh toán', 'Paid', 'Cảm ơn bạn. Khoản thanh toán đã được xác nhận.', 'Thank you: the payment is confirmed.'],
  confirming: ['Đang xác nhận', 'Being confirmed',
    'Chúng tôi đang xác nhận khoản thanh toán với cổng thanh toán. Trang này tự cập nhật.',
    'We are confirming the payment with the payment gateway. This page updates itself.'],
  refunded: ['Đã hoàn tiền', 'Refunded', 'Dịch vụ này đã được trả bằng một giao dịch khác; khoản tiền này được hoàn lại.',
    'The service was paid by another transaction; this payment is refunded.'],
  'not created': ['Chưa tạo được thanh toán', 'Payment not created', 'Cổng thanh toán không nhận yêu cầu. Vui lòng thử lại.',
    'The gateway did not take the request. Please try again.'],
};

/** The state a citizen is shown for an order's status. */
function stateOf(order) {
  if (order.status === 'paid') return 'paid';
  if (order.status === 'refunded' || order.status === 'not created') return order.status;
  return 'confirming'; // pending or unknown: nothing is confirmed until the lookup says so
}

function layout(title, body, refresh) {
  return `<!doctype html>
<html lang="vi">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
${refresh ? '<meta http-equiv="refresh" content="10">\n' : ''}<title>${escape(title)}</title></head>
<body>
${body}
</body>
</html>
`;
}

/** { status, html } for the order `orderId` (null when the unit has none). */
export function citizenPage(order, orderId) {
  if (!order) {
    return {
      status: 404,
      html: layout('Không tìm thấy đơn hàng', `<h1>Không tìm thấy đơn hàng</h1>
<p>Không có đơn hàng ${escape(orderId ?? '')}.</p>
<p lang="en">Order not found.</p>`, false),
    };
  }
  const state = stateOf(order);
  const [vi, en, sentenceVi, sentenceEn] = STATES[state];
  return {
    status: 200,
    html: layout(`${vi}: ${order.orderId}`, `<h1>Đơn hàng ${escape(order.orderId)}: ${escape(vi.toLowerCase())}</h1>
<p>${escape(sentenceVi)}</p>
<p>Số tiền: ${escape(order.amount)} VND</p>
<p lang="en">Order ${escape(order.orderId)}: ${escape(en.toLowerCase())}. ${escape(sentenceEn)}</p>`, state === 'confirming'),
  };
}
