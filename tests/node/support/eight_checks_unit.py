#!/usr/bin/env python3
"""A unit that does only what the conformance kit's first eight checks ask (genuine-paid to
malformed), kept as it was written before the checks that followed them: a test fixture, which
must fail those later checks and nothing else. In Python's standard library alone: POST /orders
creates a payment at LGSP_BASE_URL; PUT /lgsp/return reads the result with a body limit,
verifies its checksum, checks the order and amount, looks the transaction up (as the guide's
table names it, transactionNo, reading the answer as its example does, payTransId), and
delivers once per orderId + payTransId. It shows the citizen nothing, never looks a result up
again, and takes any result with errorCode 00 for a payment.

Environment: PORT, UNIT_DB (SQLite file), LGSP_BASE_URL and the LGSP_* credentials."""
import base64
import hashlib
import hmac
import json
import os
import secrets
import sqlite3
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT = int(os.environ.get("PORT", "3000"))
DB_FILE = os.environ.get("UNIT_DB", "python-unit.db")
BASE_URL = os.environ["LGSP_BASE_URL"].rstrip("/")
PARTNER_CODE = os.environ["LGSP_PARTNER_CODE"]
ACCESS_KEY = os.environ["LGSP_ACCESS_KEY"]
SECRET_KEY = os.environ["LGSP_SECRET_KEY"]
RETURN_URL = f"http://127.0.0.1:{PORT}/lgsp/return"
BODY_LIMIT = 64 * 1024
TOKEN = base64.b64encode(json.dumps({
    "AccessKey": ACCESS_KEY, "SecretKey": SECRET_KEY, "AppName": os.environ.get("LGSP_APP_NAME", ""),
    "PartnerCode": PARTNER_CODE, "PartnerCodeCus": os.environ.get("LGSP_PARTNER_CODE_CUS", ""),
}).encode("utf-8")).decode("ascii")
RESULT_FIELDS = {"paygate": str, "payTransId": str, "orderId": str, "amount": int, "orderInfo": str,
                 "payDate": str, "errorCode": str, "type": str, "checksum": str}


def sha256(*parts):
    return hashlib.sha256("".join(str(p) for p in parts).encode("utf-8")).hexdigest()


def database():
    db = sqlite3.connect(DB_FILE, timeout=10, isolation_level=None)
    db.execute("CREATE TABLE IF NOT EXISTS orders (order_id TEXT PRIMARY KEY, amount INTEGER NOT NULL, order_info TEXT NOT NULL)")
    db.execute("CREATE TABLE IF NOT EXISTS deliveries (order_id TEXT NOT NULL, pay_trans_id TEXT NOT NULL, UNIQUE (order_id, pay_trans_id))")
    return db


def call_gateway(path, body):
    request = urllib.request.Request(BASE_URL + path, data=json.dumps(body).encode("utf-8"), method="POST", headers={
        "Authorization": TOKEN, "Content-Type": "application/json;charset=UTF-8"})
    with urllib.request.urlopen(request, timeout=3) as response:
        return json.loads(response.read().decode("utf-8"))


def create_order():
    order_id, amount, info = f"PY{secrets.token_hex(6).upper()}", 40000, "Thanh toán lệ phí hồ sơ"
    db = database()
    db.execute("INSERT INTO orders VALUES (?, ?, ?)", (order_id, amount, info))
    db.close()
    body = {"partnerCode": PARTNER_CODE, "accessKey": ACCESS_KEY, "orderId": order_id, "orderInfo": info,
            "requestCode": order_id, "amount": amount, "serviceCode": "hcm_dichvucong", "returnUrl": RETURN_URL,
            "ipAddress": "127.0.0.1", "accountCode": "payment_test"}
    body["checksum"] = sha256(SECRET_KEY, PARTNER_CODE, ACCESS_KEY, order_id, info, order_id, amount,
                              "hcm_dichvucong", RETURN_URL, "127.0.0.1", "payment_test")
    answer = call_gateway("/paygate", body)
    return answer.get("error_code") == "SUCCESSFUL", {"orderId": order_id, "paymentUrl": (answer.get("data") or {}).get("url")}


def confirmed(result):
    """True when the gateway's lookup agrees with the result: same transaction, amount, paid."""
    body = {"partnerCode": PARTNER_CODE, "accessKey": ACCESS_KEY, "transactionNo": result["payTransId"],
            "orderId": result["orderId"]}
    body["checksum"] = sha256(SECRET_KEY, PARTNER_CODE, ACCESS_KEY, result["payTransId"], result["orderId"])
    try:
        answer = call_gateway("/GetOrderInfo", body)
    except (OSError, ValueError):
        return False
    data = answer.get("data") or {}
    return (answer.get("error_code") == "SUCCESSFUL" and data.get("orderId") == result["orderId"]
            and data.get("payTransId") == result["payTransId"] and str(data.get("amount")) == str(result["amount"])
            and data.get("errorCode") == "00" and data.get("type") != "Refund")


def handle_result(raw):
    """SUCCESSFUL or FAILED for the body the gateway PUT."""
    try:
        result = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return "FAILED"
    if not isinstance(result, dict) or any(type(result.get(k)) is not t for k, t in RESULT_FIELDS.items()):
        return "FAILED"
    expected = sha256("PAYHCM1.0", result["paygate"], result["orderId"], result["amount"], result["payDate"],
                      result["type"], result["orderInfo"], result["payTransId"], result["errorCode"])
    if not hmac.compare_digest(expected, result["checksum"].strip().lower()):
        return "FAILED"
    if result["errorCode"] != "00":
        return "SUCCESSFUL"  # a payment that did not happen: acknowledged, nothing delivered
    db = database()
    try:
        row = db.execute("SELECT amount FROM orders WHERE order_id = ?", (result["orderId"],)).fetchone()
        if row is None or row[0] != result["amount"] or not confirmed(result):
            return "FAILED"
        db.execute("BEGIN IMMEDIATE")
        db.execute("INSERT OR IGNORE INTO deliveries VALUES (?, ?)", (result["orderId"], result["payTransId"]))
        db.execute("COMMIT")
        return "SUCCESSFUL"
    finally:
        db.close()


class Unit(BaseHTTPRequestHandler):
    def reply(self, status, value):
        data = json.dumps(value).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        self.reply(404, {"error": "not found"})

    def do_POST(self):
        if self.path != "/orders":
            return self.reply(404, {"error": "not found"})
        ok, order = create_order()
        return self.reply(201 if ok else 502, order)

    def do_PUT(self):
        if self.path != "/lgsp/return":
            return self.reply(404, {"error": "not found"})
        length = int(self.headers.get("Content-Length") or 0)
        if length > BODY_LIMIT:
            self.close_connection = True
            return self.reply(413, {"error_code": "FAILED", "error_message": "body too large"})
        code = handle_result(self.rfile.read(length))
        return self.reply(200, {"error_code": code, "error_message": "Thành công" if code == "SUCCESSFUL" else "Thất bại"})

    def log_message(self, *args):
        pass


if __name__ == "__main__":
    database().close()
    ThreadingHTTPServer(("127.0.0.1", PORT), Unit).serve_forever()
