// The mock gateway's pages: the payment page its payment URL serves ('pay' / 'fail') and the
// page shown once the result has been sent. Plain HTML, no scripts, nothing fetched from elsewhere.

/** Sent with every page: nothing but the page itself and its own form may load or run. */
const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
.note{background:#fff4d6;border:1px solid #e0c060;padding:.5rem .75rem;border-radius:4px}
table{border-collapse:collapse;margin:1rem 0}th,td{text-align:left;padding:.25rem .75rem .25rem 0;vertical-align:top}
th{font-weight:600;white-space:nowrap}td{word-break:break-all}
button{font:inherit;padding:.5rem 1.25rem;margin-right:.75rem;border-radius:4px;border:1px solid #555;cursor:pointer}
button[value=pay]{background:#1d6b35;color:#fff;border-color:#1d6b35}`;

function escapeHtml(value) {
  return String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function layout(title, body) {
  return `<!doctype html>
<html lang="vi">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body>
<p class="note">Mock of the HCM LGSP payment gateway, for tests: no money moves. / Cổng thanh toán giả lập để kiểm thử.</p>
${body}
</body>
</html>
`;
}

function rows(pairs) {
  return `<table>${pairs.map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('')}</table>`;
}

/** The page at the payment URL: the order and one form with a 'pay' and a 'fail' button. */
function paymentPage(order, action) {
  if (order.status !== 'pending') return completedPage(order);
  return layout(`Thanh toán ${order.orderId}`, `<h1>Thanh toán / Payment</h1>
${rows([
    ['orderId', order.orderId],
    ['amount', `${order.amount} VND`],
    ['orderInfo', order.orderInfo],
    ['serviceCode', order.serviceCode],
    ['returnUrl', order.returnUrl],
  ])}
<form method="post" action="${escapeHtml(action)}">
<button type="submit" name="outcome" value="pay">Pay / Thanh toán</button>
<button type="submit" name="outcome" value="fail">Fail / Thất bại</button>
</form>`);
}

function deliveryText(delivery) {
  if (!delivery) return 'not sent';
  if (!delivery.delivered) return `not delivered: ${delivery.error}`;
  const said = delivery.reply && typeof delivery.reply.error_code === 'string' ? delivery.reply.error_code : 'no gateway reply JSON';
  return `HTTP ${delivery.status}, the unit answered ${said}`;
}

/** The page once the payment is complete: what was sent to returnUrl and what the unit answered. */
function completedPage(order) {
  const outcome = order.errorCode === '00' ? 'paid / đã thanh toán' : 'failed / thất bại';
  return layout(`Kết quả ${order.orderId}`, `<h1>Kết quả / Result</h1>
${rows([
    ['orderId', order.orderId],
    ['outcome', outcome],
    ['payTransId', order.payTransId],
    ['errorCode', order.errorCode],
    ['result sent to returnUrl', deliveryText(order.delivery)],
  ])}`);
}

function messagePage(title, text) {
  return layout(title, `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p>`);
}

export { PAGE_CSP, paymentPage, completedPage, messagePage };
