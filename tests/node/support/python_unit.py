#!/usr/bin/env python3
"""A unit backend in Python's standard library alone (http.server, sqlite3, urllib, threading),
graded by the conformance kit like any other, and passing every check:

- POST /orders creates a payment at LGSP_BASE_URL (a new orderId each time).
- PUT /lgsp/return reads the result with a body limit, verifies its checksum, acknowledges what is
  not a payment (a failed one, a Refund result), checks the order and amount against its own
  records, looks the transaction up (sent under both transactionNo and payTransId; the answer read
  under either name) and delivers once per orderId + payTransId. When the lookup gets no answer
  (a timeout, a network error, a 5xx), the result is kept and looked up again by a thread of its
  own, until it is confirmed or refused.
- GET /lgsp/return?orderId=... shows the citizen the order's state from its own records.

Environment: PORT, UNIT_DB (SQLite file), LGSP_BASE_URL and the LGSP_* credentials."""
import base64
import hashlib
import hmac
import html
import json
import os
import secrets
import sqlite3
import threading
import time
import urllib.error
import urllib.parse
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
RECHECK_SECONDS = 5  # the first wait before a kept result is looked up again; it doubles after
TOKEN = base64.b64encode(json.dumps({
    "AccessKey": ACCESS_KEY, "SecretKey": SECRET_KEY, "AppName": os.environ.get("LGSP_APP_NAME", ""),
    "PartnerCode": PARTNER_CODE, "PartnerCodeCus": os.environ.get("LGSP_PARTNER_CODE_CUS", ""),
}).encode("utf-8")).decode("ascii")
RESULT_FIELDS = {"paygate": str, "payTransId": str, "orderId": str, "amount": int, "orderInfo": str,
                 "payDate": str, "errorCode": str, "type": str, "checksum": str}


class NoAnswer(Exception):
    """The lookup got no answer about the transaction: worth asking again."""


def sha256(*parts):
    return hashlib.sha256("".join(str(p) for p in parts).encode("utf-8")).hexdigest()


def database():
    db = sqlite3.connect(DB_FILE, timeout=10, isolation_level=None)
    db.execute("CREATE TABLE IF NOT EXISTS orders (order_id TEXT PRIMARY KEY, amount INTEGER NOT NULL, order_info TEXT NOT NULL)")
    db.execute("CREATE TABLE IF NOT EXISTS deliveries (order_id TEXT NOT NULL, pay_trans_id TEXT NOT NULL, UNIQUE (order_id, pay_trans_id))")
    db.execute("CREATE TABLE IF NOT EXISTS pending (order_id TEXT NOT NULL, pay_trans_id TEXT NOT NULL, result TEXT NOT NULL,"
               " next_check REAL NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, UNIQUE (order_id, pay_trans_id))")
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
    """True when the gateway's record agrees with the result, False when it refuses it; NoAnswer
    when there is no answer about the transaction yet."""
    # The guide's table names the transaction transactionNo, its example payTransId: send both.
    body = {"partnerCode": PARTNER_CODE, "accessKey": ACCESS_KEY, "transactionNo": result["payTransId"],
            "payTransId": result["payTransId"], "orderId": result["orderId"]}
    body["checksum"] = sha256(SECRET_KEY, PARTNER_CODE, ACCESS_KEY, result["payTransId"], result["orderId"])
    try:
        answer = call_gateway("/GetOrderInfo", body)
    except urllib.error.HTTPError as error:
        raise NoAnswer(f"HTTP {error.code}") from error
    except (OSError, ValueError) as error:
        raise NoAnswer(str(error)) from error
    code = answer.get("error_code") if isinstance(answer, dict) else None
    if code == "NOT_EXITS":
        return False
    if code != "SUCCESSFUL":
        raise NoAnswer(f"error_code {code}")
    data = answer.get("data") or {}
    names = [data[k] for k in ("payTransId", "transactionNo") if data.get(k) is not None]
    return (len(names) > 0 and all(n == result["payTransId"] for n in names) and data.get("orderId") == result["orderId"]
            and str(data.get("amount")) == str(result["amount"]) and data.get("errorCode") == "00"
            and str(data.get("type")).lower() == "pay")


def deliver(result):
    db = database()
    try:
        db.execute("BEGIN IMMEDIATE")
        db.execute("INSERT OR IGNORE INTO deliveries VALUES (?, ?)", (result["orderId"], result["payTransId"]))
        db.execute("DELETE FROM pending WHERE order_id = ? AND pay_trans_id = ?", (result["orderId"], result["payTransId"]))
        db.execute("COMMIT")
    finally:
        db.close()


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
    # Not a payment (a failed one, a Refund result): acknowledged, nothing delivered.
    if result["errorCode"].strip() != "00" or result["type"].strip().lower() != "pay":
        return "SUCCESSFUL"
    db = database()
    try:
        row = db.execute("SELECT amount FROM orders WHERE order_id = ?", (result["orderId"],)).fetchone()
    finally:
        db.close()
    if row is None or row[0] != result["amount"]:
        return "FAILED"
    try:
        if not confirmed(result):
            return "FAILED"
    except NoAnswer:
        db = database()
        db.execute("INSERT OR IGNORE INTO pending (order_id, pay_trans_id, result, next_check) VALUES (?, ?, ?, ?)",
                   (result["orderId"], result["payTransId"], json.dumps(result), time.time() + RECHECK_SECONDS))
        db.close()
        return "FAILED"
    deliver(result)
    return "SUCCESSFUL"


def recheck_forever():
    """Looks the kept results up again when their time comes, until each is confirmed or refused."""
    while True:
        time.sleep(1)
        db = database()
        due = db.execute("SELECT result, attempts FROM pending WHERE next_check <= ?", (time.time(),)).fetchall()
        db.close()
        for text, attempts in due:
            result = json.loads(text)
            try:
                if confirmed(result):
                    deliver(result)
                    continue
                db = database()
                db.execute("DELETE FROM pending WHERE order_id = ? AND pay_trans_id = ?", (result["orderId"], result["payTransId"]))
            except NoAnswer:
                db = database()
                db.execute("UPDATE pending SET attempts = attempts + 1, next_check = ? WHERE order_id = ? AND pay_trans_id = ?",
                           (time.time() + RECHECK_SECONDS * 2 ** (attempts + 1), result["orderId"], result["payTransId"]))
            db.close()


def citizen_page(order_id):
    """(status, HTML) for the order, from our own records: paid once delivered, being confirmed until then."""
    db = database()
    try:
        known = db.execute("SELECT 1 FROM orders WHERE order_id = ?", (order_id,)).fetchone()
        paid = db.execute("SELECT 1 FROM deliveries WHERE order_id = ?", (order_id,)).fetchone()
    finally:
        db.close()
    safe = html.escape(order_id or "")
    if known is None:
        return 404, f"<!doctype html><html lang=\"vi\"><meta charset=\"utf-8\"><h1>Không tìm thấy đơn hàng {safe}</h1><p lang=\"en\">Order not found.</p></html>"
    state, english = ("đã thanh toán", "paid") if paid else ("đang xác nhận", "being confirmed")
    return 200, (f"<!doctype html><html lang=\"vi\"><meta charset=\"utf-8\"><title>Đơn hàng {safe}</title>"
                 f"<h1>Đơn hàng {safe}: {state}</h1><p lang=\"en\">Order {safe}: {english}.</p></html>")


class Unit(BaseHTTPRequestHandler):
    def reply(self, status, value, content_type="application/json; charset=utf-8"):
        data = value.encode("utf-8") if isinstance(value, str) else json.dumps(value).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        if url.path != "/lgsp/return":
            return self.reply(404, {"error": "not found"})
        # Only the orderId is read from the query: a GET never delivers anything.
        order_id = urllib.parse.parse_qs(url.query).get("orderId", [None])[0]
        status, page = citizen_page(order_id)
        return self.reply(status, page, "text/html; charset=utf-8")

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
    threading.Thread(target=recheck_forever, daemon=True).start()
    ThreadingHTTPServer(("127.0.0.1", PORT), Unit).serve_forever()
