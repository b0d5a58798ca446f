#!/usr/bin/env python3
"""Write the seed corpus of every fuzz target from tests/vectors/ and the guide's examples.

Seeds are small files named after the vector case they come from, under fuzz/corpus/<target>/.
Only `*.seed` files are written: regression inputs (crashes found, named `regression-*`) and the
structured target's inputs are kept. `python3 fuzz/seeds.py --check` tells whether the committed
seeds follow the vectors.
"""
import base64
import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
VECTORS = ROOT / "tests" / "vectors"
CORPUS = ROOT / "fuzz" / "corpus"


def load(name):
    return json.loads((VECTORS / name).read_text(encoding="utf-8"))


def text(value):
    return json.dumps(value, ensure_ascii=False, indent=1) + "\n"


def message(fields, checksum=None, secret=None):
    """A message body; the fuzz targets take a top-level "secretKey" member as the secret key."""
    body = dict(fields)
    if checksum is not None:
        body["checksum"] = checksum
    if secret is not None:
        body["secretKey"] = secret
    return text(body)


# Gateway answers as the guide describes them, and the odd ones a client meets.
RESPONSES = {
    "paygate-ok": {"error_code": "SUCCESSFUL", "error_message": "Thành công",
                   "data": {"url": "https://paygate.example.vn/pay?token=abc"}},
    "paygate-signature": {"error_code": "SIGNTURE_WRONG", "error_message": "Dữ liệu không toàn vẹn", "data": None},
    "refund-order-exists": {"error_code": "ORDER_EXITS", "error_message": "Giao dịch đã tồn tại", "data": None},
    "lookup-ok": {"error_code": "SUCCESSFUL", "error_message": "Thành công", "data": {
        "partnerCode": "000.00.18.H29", "orderId": "SBN_100012", "serviceCode": "hcm_dichvucong",
        "payTransId": "1258485", "orderInfo": "thanh toán tiền điện thoại", "errorCode": "00",
        "paygate": "momo", "type": "Pay", "payDate": "20191212161254", "amount": "40000"}},
    "lookup-not-exists": {"error_code": "NOT_EXITS", "error_message": "Giao dịch không tồn tại", "data": "null"},
    "lookup-amount-number": {"error_code": "SUCCESSFUL", "data": {"amount": 40000.5, "orderId": 7}},
    "unknown-code": {"error_code": " successful", "error_message": 5, "data": []},
}

# Bodies as they arrive in the wild, for the tolerant reader.
LOOSE = {
    "bom-single-quotes": "\ufeff{'orderId': 'SBN_100012', amount: 40000,}",
    "comments": '{\n  // the order\n  "orderId": "SBN_100012", /* VND */ "amount": 40000\n}',
    "missing-comma": '{"orderId": "SBN_100012" "amount": 40000}',
    "nbsp-and-control": '{\u00a0"orderInfo": "thanh\ttoán",\u3000"amount": 1}',
    "duplicate-and-alias": '{"checksum": "a", "Checksum": "b", " payDate ": "20191212161254"}',
    "trailing-text": '{"a": [1, 2.5e3, -0, true, null, {"b": "c"}]} trailing',
    "not-an-object": '["orderId", 40000]',
    # What surrounds a body when it is pasted: cut short or odd, so every reader's end is reached.
    "curl-unclosed-quote": "curl -H 'Authorization: abc -d '{\"a\": 1}",
    "curl-ansi-c-escapes": "curl -d $'{\\x41\\u00e1\\U0001F9FE\\101\\cA\\q' -- x",
    "curl-cmd-carets": 'curl ^"x^" ^\n -H ^"Authorization: T^" --data-raw "{\\"a\\": ""b""}" ^',
    "curl-file-and-form": "curl -d @body.json -F a=1 -G x",
    "http-no-body": "POST /x HTTP/1.1\r\nAuthorization: Bearer abc\r\n\r\n",
    "headers-then-log": "authorization: t\nx-request-id: 1\n\n10:00 INFO {a=1, amount=0012} tail",
    "java-unclosed": "Req(amount=1, orderInfo={x, y",
    "log-many-braces": "INFO " + "{\"a" * 40,
    "json-string-body": '"{\\"orderId\\": \\"A\\"}"',
    "form-odd-escapes": "orderInfo=%E1%BB+%zz&amount=9007199254740993&&=x&check-sum",
}


def seeds():
    """Yields (target, name, bytes)."""
    checksums = load("checksums.json")["cases"]
    diagnoses = load("diagnoses.json")["cases"]
    guide = load("guide-examples.json")["cases"]
    tokens = load("authorization.json")["cases"]
    pastes = load("pastes.json")["cases"]

    for c in checksums:
        body = message(c["fields"], c["checksum"], c.get("secretKey"))
        yield "message", c["id"], body
        if c["scheme"] == "result":
            yield "payment_result", c["id"], message(c["fields"], c["checksum"])
    for c in diagnoses:
        yield "diagnose", c["id"], message(c["message"], None, c.get("secretKey"))
    for c in guide:
        if c.get("strictJson"):
            yield "message", c["id"], c["text"]
            yield "diagnose", c["id"], c["text"]
        yield "parse_loose", c["id"], c["text"]
        if c["scheme"] == "result":
            yield "payment_result", c["id"], c["text"]
    for name, body in LOOSE.items():
        yield "parse_loose", name, body
    for c in pastes:
        yield "parse_loose", f"paste-{c['id']}", c["text"]
    for c in tokens:
        yield "token", c["id"], c["token"]
        if c["result"] == "valid":
            inner = base64.b64decode(c["token"] + "=" * (-len(c["token"]) % 4))
            yield "token", c["id"] + "-json", inner
    for name, body in RESPONSES.items():
        yield "gateway_response", name, text(body)


def main():
    check = "--check" in sys.argv[1:]
    wanted = {}
    for target, name, body in seeds():
        data = body if isinstance(body, bytes) else body.encode("utf-8")
        wanted[CORPUS / target / f"{name}.seed"] = data
    stale = []
    for path in sorted(CORPUS.glob("*/*.seed")):
        if path not in wanted:
            stale.append(path)
    for path, data in sorted(wanted.items()):
        if not path.exists() or path.read_bytes() != data:
            stale.append(path)
    if check:
        for path in stale:
            print(f"stale seed: {path.relative_to(ROOT)}", file=sys.stderr)
        return 1 if stale else 0
    for path in CORPUS.glob("*/*.seed"):
        if path not in wanted:
            path.unlink()
    for path, data in wanted.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    print(f"{len(wanted)} seeds in {CORPUS.relative_to(ROOT)}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
