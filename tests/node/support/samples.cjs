'use strict';
// Messages and credentials taken from the integration guide's samples (docs/gateway.md, C3 to
// C5), with the guide's stray whitespace kept where a test is about it and removed where it is not.

/** Credentials: the paygate sample's partner code and access key, the test token's secret key. */
const credentials = Object.freeze({
  partnerCode: '000.00.18.H29',
  accessKey: 'f6047c5b34702d1edd05926c421317f62a58edc3e1c06ce74820d',
  secretKey: 'MDRlZWVjOTViYTMyNGFhMzk0NWItZWQ5NTBmNzlhM2Q4',
});

/** The same credentials with the guide's leading space in the access key. */
const guideCredentials = Object.freeze({ ...credentials, accessKey: ' ' + credentials.accessKey });

/** The payment request sample's order (section 3.2), whitespace removed. */
const order = Object.freeze({
  orderId: 'SBN_100012',
  amount: 40000,
  orderInfo: 'thanh toan tien dien thoai',
  requestCode: '12357851',
  serviceCode: 'hcm_dichvucong',
  returnUrl: 'http://paydate.com.vn/return',
  ipAddress: '120.72.114.122',
  accountCode: 'payment_test',
});

/** The order exactly as the guide prints it: a trailing space in accountCode. */
const guideOrder = Object.freeze({ ...order, accountCode: 'payment_test ' });

/** The refund sample (section 3.4). */
const refund = Object.freeze({
  transactionNo: '835651612',
  orderId: '050720190008',
  requestCode: '1590278921647',
  amount: 10000,
  orderInfo: 'Nội dung',
});

/** The lookup sample (section 3.5) with the table's field name. */
const lookup = Object.freeze({ transactionNo: '835651612', orderId: '050720190008' });

/** A payment result like the sample of section 3.3, repaired (no stray spaces, table casing). */
const paymentResult = Object.freeze({
  paygate: 'momo',
  payTransId: '1258485',
  orderId: 'SBN_100012',
  amount: 40000,
  orderInfo: 'thanh toan tien dien thoai',
  payDate: '20191212161254',
  errorCode: '00',
  type: 'Pay',
});

/** The lookup response sample's data (amount as a string, as on the wire). */
const lookupResponseData = Object.freeze({
  amount: '40000',
  partnerCode: '000.00.18.H29',
  orderId: '29.98.H29-310519-0001_201',
  serviceCode: 'hcm_dichvucong',
  payTransId: '13333267',
  orderInfo: 'Nội dung',
  errorCode: '00',
  paygate: 'vnpay',
  type: 'pay',
  payDate: '20200712225148',
});

/** A payment URL like the paygate response sample's, on one line. */
const paymentUrl =
  'http://103.9.0.215/paygate/napas/payment?partnerCode=000.00.18.H29&requestCode=1257815&orderId=Test&amount=30000' +
  '&signature=b761088b86da6335befd7d7583e602f211751410ba4ce842b8b8fc718a9540fc';

/** A secret nobody would type by accident: error messages must never contain it. */
const CANARY_SECRET = 'canary-S3cr3t-7f1d9b2e-do-not-print';

module.exports = {
  credentials,
  guideCredentials,
  order,
  guideOrder,
  refund,
  lookup,
  paymentResult,
  lookupResponseData,
  paymentUrl,
  CANARY_SECRET,
};
