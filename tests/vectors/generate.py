#!/usr/bin/env python3
"""Write the shared test vectors: checksums.json, authorization.json, diagnoses.json,
guide-examples.json, lookups.json and pastes.json.

An implementation of the gateway's four checksum schemes and of the
Authorization token that is independent of the crate: Python's hashlib,
base64 and json over its own copy of the scheme table of docs/gateway.md.

    python3 tests/vectors/generate.py          # (re)write both files
    python3 tests/vectors/generate.py --check  # exit 1 if a committed file differs
"""

import base64
import hashlib
import hmac
import json
import re
import shutil
import subprocess
import sys
import unicodedata
import urllib.parse
from pathlib import Path

from pastes import paste_cases

HERE = Path(__file__).resolve().parent

# ---------------------------------------------------------------------------
# The scheme table (docs/gateway.md, "The four checksum schemes"), one entry a scheme.

SECRET_PREFIX = {"kind": "secretKey"}
RESULT_PREFIX = {"kind": "literal", "value": "PAYHCM1.0"}

SCHEMES = {
    "paygate": {
        "message": "payment request body (POST /paygate)",
        "prefix": SECRET_PREFIX,
        "fields": ["partnerCode", "accessKey", "orderId", "orderInfo", "requestCode", "amount",
                   "serviceCode", "returnUrl", "ipAddress", "accountCode"],
    },
    "result": {
        "message": "payment result the gateway PUTs to returnUrl",
        "prefix": RESULT_PREFIX,
        "fields": ["paygate", "orderId", "amount", "payDate", "type", "orderInfo", "payTransId",
                   "errorCode"],
    },
    "refund": {
        "message": "refund request body (POST /refund)",
        "prefix": SECRET_PREFIX,
        "fields": ["partnerCode", "accessKey", "transactionNo", "orderId", "requestCode", "amount",
                   "transactionType", "orderInfo"],
    },
    "lookup": {
        "message": "lookup request body (POST /GetOrderInfo)",
        "prefix": SECRET_PREFIX,
        "fields": ["partnerCode", "accessKey", "transactionNo", "orderId"],
    },
}


def value_text(value):
    """A string is hashed exactly as given; an integer as its base-10 digits."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise TypeError(f"field value must be a string or an integer: {value!r}")
    return value if isinstance(value, str) else str(value)


def preimage(scheme, fields, secret_key):
    entry = SCHEMES[scheme]
    if entry["prefix"]["kind"] == "secretKey":
        if secret_key is None:
            raise ValueError(f"scheme {scheme} needs a secret key")
        prefix = secret_key
    else:
        prefix = entry["prefix"]["value"]
    return prefix + "".join(value_text(fields[name]) for name in entry["fields"])


def checksum(scheme, fields, secret_key, uppercase=False):
    digest = hashlib.sha256(preimage(scheme, fields, secret_key).encode("utf-8")).hexdigest()
    return digest.upper() if uppercase else digest


# ---------------------------------------------------------------------------
# Sample data: the guide's examples and credentials.

GUIDE_TOKEN_PRETTY = (
    "ewogICJBY2Nlc3NLZXkiOiIwNGVlZWM5NWJhMzI0YWEzOTQ1YmVkOTUwZjc5YTNkOCIsCiAgIlNlY3JldEtleSI6Ik1EUmxa"
    "V1ZqT1RWaVlUTXlOR0ZoTXprME5XSXRaV1E1TlRCbU56bGhNMlE0IiwKICAiQXBwTmFtZSI6ImhjbV9zc29fYWRtaW4iLAog"
    "ICJQYXJ0bmVyQ29kZSI6ImhjbV90ZXN0X3NzbyIsCiAgIlBhcnRuZXJDb2RlQ3VzIjoiaGNtX3Rlc3Rfc3NvIgp9")
GUIDE_TOKEN_SPACED = (
    "ewoiQWNjZXNzS2V5IjoiODkyNjA1NzI4N2FjYTdlZTBiNzdjNGYwMWZjMmU0ZTYiLAoiU2VjcmV0S2V5IjoiWWpjM0RreU5q"
    "QTFOekk0TjJGallUZGxaVEFZelJtTURGbVl6SmxOR1UyTyIsCiJBcHBOYW1lIjogImZpc19lc2IiLAoiUGFydG5lckNvZGUi"
    "OiAiMDAwLjAwLkZJUy5FU0IiLAoiUGFydG5lckNvZGVDdXMiOiAiMDAwLjAwLkZJUy5FU0IiCn0=")

TOKEN_KEYS = ["AccessKey", "SecretKey", "AppName", "PartnerCode", "PartnerCodeCus"]


def camel(key):
    return key[0].lower() + key[1:]


def decode_token(token):
    data = json.loads(base64.b64decode(token, validate=True).decode("utf-8"))
    return {camel(key): data[key] for key in TOKEN_KEYS}


def encode_token(credentials):
    obj = {key: credentials[camel(key)] for key in TOKEN_KEYS}
    text = json.dumps(obj, separators=(",", ":"), ensure_ascii=False)
    return base64.b64encode(text.encode("utf-8")).decode("ascii")


SECRET = decode_token(GUIDE_TOKEN_PRETTY)["secretKey"]
OTHER_SECRET = decode_token(GUIDE_TOKEN_SPACED)["secretKey"]

PAYGATE = {
    "partnerCode": "000.00.18.H29", "accessKey": "f6047c5b34702d1edd05926c421317f62a58edc3e1c06ce74820d",
    "orderId": "SBN_100012", "orderInfo": "thanh toan tien dien thoai", "requestCode": "12357851",
    "amount": 40000, "serviceCode": "hcm_dichvucong", "returnUrl": "http://paydate.com.vn/return",
    "ipAddress": "120.72.114.122", "accountCode": "payment_test",
}
RESULT = {
    "paygate": "momo", "orderId": "SBN_100012", "amount": 40000, "payDate": "20191212161254",
    "type": "Pay", "orderInfo": "thanh toan tien dien thoai", "payTransId": "1258485", "errorCode": "00",
}
REFUND = {
    "partnerCode": "000.00.18.H29",
    "accessKey": "f53abff08e6433696db0fdbe5e2e1d88f5f6e7624e4cd897db2ded626c0bee9b",
    "transactionNo": "835651612", "orderId": "050720190008", "requestCode": "1590278921647",
    "amount": 10000, "transactionType": "02", "orderInfo": "hoan tien don hang 050720190008",
}
LOOKUP = {key: REFUND[key] for key in SCHEMES["lookup"]["fields"]}

VI_NFC = unicodedata.normalize("NFC", "Thanh toán tiền điện thoại")
VI_NFD = unicodedata.normalize("NFD", VI_NFC)
ASTRAL = "Thanh toán 🧾💳"
MAX_SAFE = 9007199254740991
BASE = {"paygate": PAYGATE, "result": RESULT, "refund": REFUND, "lookup": LOOKUP}
# A fixed, random-looking 64-hex value that is the checksum of nothing in this file.
UNRELATED_HEX = hashlib.sha256(b"lgsp-paygate vectors: unrelated digest").hexdigest()
# The guide's placeholder checksum (it appears under two different schemes there).
GUIDE_PLACEHOLDER = "3B2C7C400EB89625A82B9F92B82863F4E997A9DBDEA726AF7FBB4F2DBF6C2ABD"


# ---------------------------------------------------------------------------
# checksums.json


def fields_for(scheme, **overrides):
    values = {**BASE[scheme], **overrides}
    assert set(values) == set(SCHEMES[scheme]["fields"]), (scheme, sorted(values))
    return {name: values[name] for name in SCHEMES[scheme]["fields"]}


def secret_for(scheme, secret_key=SECRET):
    return None if SCHEMES[scheme]["prefix"]["kind"] == "literal" else secret_key


def case(id, comment, scheme, fields, flags, *, secret_key=SECRET, uppercase=False, received=None):
    secret_key = secret_for(scheme, secret_key)
    text = preimage(scheme, fields, secret_key)
    expected = checksum(scheme, fields, secret_key, uppercase)
    if received is None:
        result, sent = "valid", expected
    else:
        assert received.lower() != expected.lower(), id
        result, sent = "invalid", received
    return {
        "id": id, "comment": comment, "scheme": scheme, "secretKey": secret_key, "fields": fields,
        "uppercase": uppercase, "preimage": text, "preimageHex": text.encode("utf-8").hex(),
        "checksum": sent, "result": result, "flags": flags,
    }


def checksum_cases():
    guide_paygate = fields_for("paygate", accessKey=" " + PAYGATE["accessKey"], accountCode="payment_test ")
    lookup_response = fields_for(
        "result", paygate="vnpay", orderId="29.98.H29-310519-0001_201", amount="40000",
        payDate="20200712225148", type="pay", orderInfo="Nội dung", payTransId="13333267")
    cases = [
        case("paygate-ascii", "Payment request with the guide's values and a clean accessKey: the "
             "baseline every other paygate case differs from.", "paygate", fields_for("paygate"), ["Ascii"]),
        case("paygate-amount-string", "Same values as paygate-ascii but amount given as the string "
             "\"40000\": a string is hashed as given, an integer as its digits, so the digest is the "
             "same as paygate-ascii.", "paygate", fields_for("paygate", amount="40000"), ["StringAmount"]),
        case("paygate-guide-whitespace", "The guide's paygate sample as written: leading space in "
             "accessKey, trailing space in accountCode. Whitespace is part of the pre-image, so the "
             "digest differs from paygate-ascii.", "paygate", guide_paygate, ["GuideSample", "Whitespace"]),
        case("paygate-nfc-vietnamese", "Vietnamese orderInfo in composed form (NFC), the form most "
             "input methods produce.", "paygate", fields_for("paygate", orderInfo=VI_NFC), ["NFC"]),
        case("paygate-nfd-vietnamese", "The same orderInfo in decomposed form (NFD): no normalisation "
             "is applied, so the digest differs from paygate-nfc-vietnamese.", "paygate",
             fields_for("paygate", orderInfo=VI_NFD), ["NFD"]),
        case("paygate-astral-emoji", "orderInfo with characters outside the BMP (4-byte UTF-8, "
             "surrogate pairs in JavaScript strings).", "paygate", fields_for("paygate", orderInfo=ASTRAL),
             ["Astral"]),
        case("paygate-empty-secret", "An empty secret key is still a key: the pre-image simply starts "
             "with partnerCode.", "paygate", fields_for("paygate"), ["EmptySecret"], secret_key=""),
        case("paygate-max-safe-amount", "The largest amount a JavaScript number holds exactly "
             "(2^53 - 1), given as an integer.", "paygate", fields_for("paygate", amount=MAX_SAFE),
             ["MaxSafeAmount"]),
        case("paygate-uppercase", "paygate-ascii with the upper-case hex the guide's samples use.",
             "paygate", fields_for("paygate"), ["Uppercase"], uppercase=True),
        case("result-ascii", "Payment result with the guide's values and the table's spelling "
             "\"Pay\"; the prefix is the literal PAYHCM1.0, no secret.", "result", fields_for("result"),
             ["Ascii", "NoSecret"]),
        case("result-type-lowercase-pay", "type \"pay\" as the guide's sample writes it: values are "
             "case-sensitive, so the digest differs from result-ascii.", "result",
             fields_for("result", type="pay"), ["NoSecret", "CaseSensitive"]),
        case("result-type-refund", "A result reporting a refund (type \"Refund\").", "result",
             fields_for("result", type="Refund"), ["NoSecret"]),
        case("result-lookup-response-string-amount", "Values as the guide's lookup response returns "
             "them, amount included as the string \"40000\", Vietnamese orderInfo in NFC.", "result",
             lookup_response, ["NoSecret", "StringAmount", "NFC"]),
        case("result-amount-string", "result-ascii with amount as the string \"40000\": same digest "
             "as result-ascii.", "result", fields_for("result", amount="40000"), ["NoSecret", "StringAmount"]),
        case("result-guide-whitespace", "The guide's result sample values with their leading spaces "
             "(\" 20191212161254\", \" pay\", \" 00\") hashed as given.", "result",
             fields_for("result", payDate=" 20191212161254", type=" pay", errorCode=" 00"),
             ["NoSecret", "GuideSample", "Whitespace"]),
        case("result-failed-payment", "A failed payment (errorCode \"24\") still carries a valid "
             "checksum.", "result", fields_for("result", errorCode="24"), ["NoSecret"]),
        case("result-uppercase", "result-ascii in upper-case hex.", "result", fields_for("result"),
             ["NoSecret", "Uppercase"], uppercase=True),
        case("refund-ascii", "Refund request with the guide's refund values and an ASCII orderInfo.",
             "refund", fields_for("refund"), ["Ascii"]),
        case("refund-guide-vietnamese", "The guide's refund sample, orderInfo \"Nội dung\" in NFC.",
             "refund", fields_for("refund", orderInfo="Nội dung"), ["GuideSample", "NFC"]),
        case("refund-max-safe-amount", "Refund of the largest exactly representable amount.", "refund",
             fields_for("refund", amount=MAX_SAFE), ["MaxSafeAmount"]),
        case("refund-uppercase", "refund-ascii in upper-case hex.", "refund", fields_for("refund"),
             ["Uppercase"], uppercase=True),
        case("lookup-ascii", "Lookup request with the guide's values (transactionNo, not the "
             "example's payTransId).", "lookup", fields_for("lookup"), ["Ascii"]),
        case("lookup-empty-secret", "Lookup with an empty secret key.", "lookup", fields_for("lookup"),
             ["EmptySecret"], secret_key=""),
        case("lookup-non-ascii-secret", "A secret key with Vietnamese letters: the secret is hashed "
             "as UTF-8 like every value (a masked pre-image shows one '*' per byte).", "lookup",
             fields_for("lookup"), ["NonAsciiSecret"], secret_key="khóa bí mật"),
    ]
    paygate_nfc = fields_for("paygate", orderInfo=VI_NFC)
    refund = fields_for("refund")
    cases += [
        case("paygate-wrong-checksum", "A well-formed but unrelated checksum.", "paygate",
             fields_for("paygate"), ["WrongChecksum"], received=UNRELATED_HEX),
        case("paygate-guide-placeholder-checksum", "The guide's paygate sample with its own checksum "
             "(trailing space removed): the guide's checksums are placeholders, not real digests.",
             "paygate", guide_paygate, ["GuideSample", "WrongChecksum"], received=GUIDE_PLACEHOLDER),
        case("paygate-amount-changed", "amount raised to 400000 after signing; the checksum is the "
             "one for amount 40000.", "paygate", fields_for("paygate", amount=400000), ["ModifiedField"],
             received=checksum("paygate", fields_for("paygate"), SECRET)),
        case("result-errorcode-changed", "A failed payment (errorCode \"24\") turned into a success "
             "(\"00\") after signing.", "result", fields_for("result"), ["NoSecret", "ModifiedField"],
             received=checksum("result", fields_for("result", errorCode="24"), None)),
        case("result-secret-instead-of-literal", "Checksum computed with the secret key in place of "
             "the literal PAYHCM1.0 prefix.", "result", fields_for("result"), ["NoSecret", "WrongPrefix"],
             received=hashlib.sha256((SECRET + preimage("result", RESULT, None)[len("PAYHCM1.0"):])
                                     .encode("utf-8")).hexdigest()),
        case("refund-wrong-secret", "Checksum computed with another unit's secret key (the guide's "
             "second sample token).", "refund", refund, ["WrongSecret"],
             received=checksum("refund", refund, OTHER_SECRET)),
        case("refund-lookup-scheme", "Checksum of the lookup scheme over the same values: right "
             "secret and values, wrong field list.", "refund", refund, ["WrongScheme"],
             received=checksum("lookup", refund, SECRET)),
        case("lookup-truncated", "The correct checksum with its last hex digit cut off (63 digits).",
             "lookup", fields_for("lookup"), ["Truncated"],
             received=checksum("lookup", fields_for("lookup"), SECRET)[:63]),
        case("paygate-nfd-signed-as-nfc", "orderInfo arrives in NFD but the sender signed the NFC "
             "text: without normalisation the checksum does not match.", "paygate",
             fields_for("paygate", orderInfo=VI_NFD), ["NFD", "NormalizationMismatch"],
             received=checksum("paygate", paygate_nfc, SECRET)),
    ]
    return cases


def check_checksum_cases(cases):
    by_id = {c["id"]: c for c in cases}
    assert len(by_id) == len(cases), "case ids must be unique"
    same = [("paygate-ascii", "paygate-amount-string"), ("result-ascii", "result-amount-string")]
    differ = [("paygate-nfc-vietnamese", "paygate-nfd-vietnamese"), ("paygate-ascii", "paygate-guide-whitespace"),
              ("result-ascii", "result-type-lowercase-pay"), ("paygate-ascii", "paygate-empty-secret")]
    for a, b in same + differ:
        equal = by_id[a]["checksum"] == by_id[b]["checksum"]
        assert equal == ((a, b) in same), (a, b)
    for c in cases:
        assert VI_NFD not in c["preimage"] or "NFD" in c["flags"], c["id"]
        if c["result"] == "valid" and not c["uppercase"]:
            assert c["checksum"] == c["checksum"].lower() and len(c["checksum"]) == 64, c["id"]


# ---------------------------------------------------------------------------
# authorization.json


def b64(data):
    return base64.b64encode(data if isinstance(data, bytes) else data.encode("utf-8")).decode("ascii")


def auth_valid(id, comment, token, credentials, encodes):
    assert decode_token(token) == credentials, id
    assert (encode_token(credentials) == token) == encodes, id
    return {"id": id, "comment": comment, "token": token, "credentials": credentials,
            "encodes": encodes, "result": "valid"}


def auth_invalid(id, comment, token):
    return {"id": id, "comment": comment, "token": token, "credentials": None, "encodes": False,
            "result": "invalid", "errorCode": "INVALID_TOKEN"}


def authorization_cases():
    pretty, spaced = decode_token(GUIDE_TOKEN_PRETTY), decode_token(GUIDE_TOKEN_SPACED)
    vietnamese = {"accessKey": "f6047c5b34702d1edd05926c421317f62a58edc3e1c06ce74820d", "secretKey": SECRET,
                  "appName": "Cổng dịch vụ công Thành phố", "partnerCode": "000.00.18.H29",
                  "partnerCodeCus": "000.00.18.H29"}
    astral = {"accessKey": "04eeec95ba324aa3945bed950f79a3d8", "secretKey": "khóa 🔑",
              "appName": "nộp thuế đất 🧾", "partnerCode": "hcm_test_sso", "partnerCodeCus": "hcm_test_sso"}
    compact = {key: pretty[camel(key)] for key in TOKEN_KEYS}
    no_secret = json.dumps({k: v for k, v in compact.items() if k != "SecretKey"}, separators=(",", ":"))
    bad_utf8 = json.dumps(compact, separators=(",", ":")).encode("utf-8").replace(b"hcm_sso_admin", b"hcm_\xc3\x28")
    cases = [
        auth_valid("guide-token-pretty", "The guide's first sample token: pretty-printed JSON with "
                   "newlines and indentation; its length is a multiple of 4, so it needs no '=' padding. "
                   "Re-encoding gives compact JSON, a different token.", GUIDE_TOKEN_PRETTY, pretty, False),
        auth_valid("guide-token-spaced", "The guide's second sample token: newlines and a space after "
                   "some colons, one '=' of padding.", GUIDE_TOKEN_SPACED, spaced, False),
        auth_valid("encode-guide-credentials", "The first sample's credentials as compact JSON in the "
                   "fixed key order.", encode_token(pretty), pretty, True),
        auth_valid("encode-second-credentials", "The second sample's credentials as compact JSON.",
                   encode_token(spaced), spaced, True),
        auth_valid("encode-vietnamese-appname", "Vietnamese appName: the JSON keeps the letters "
                   "unescaped and the token is base64 of its UTF-8 bytes.", encode_token(vietnamese),
                   vietnamese, True),
        auth_valid("encode-astral", "Emoji in appName and secretKey (4-byte UTF-8); the token "
                   "contains '+' and '/' (standard alphabet, not URL-safe).", encode_token(astral), astral, True),
        auth_invalid("not-base64", "Characters outside the base64 alphabet.", "%%%"),
        auth_invalid("base64-not-json", "Valid base64 of text that is not JSON.",
                     b64("AccessKey=04eeec95ba324aa3945bed950f79a3d8")),
        auth_invalid("base64-json-array", "Valid base64 of a JSON array holding the credential values.",
                     b64(json.dumps(list(compact.values()), separators=(",", ":")))),
        auth_invalid("missing-secret-key", "A credentials object without SecretKey.", b64(no_secret)),
        auth_invalid("invalid-utf8", "Otherwise complete credentials JSON whose AppName holds the "
                     "bytes C3 28, which are not UTF-8; a lossy decoder would accept it.", b64(bad_utf8)),
        auth_invalid("empty", "An empty token.", ""),
    ]
    assert "+" in encode_token(astral) and "/" in encode_token(astral), "encode-astral must use '+' and '/'"
    valid_tokens = [c["token"] for c in cases if c["result"] == "valid"]
    assert {len(t) - len(t.rstrip("=")) for t in valid_tokens} == {0, 1, 2}, "cover every padding length"
    return cases


# ---------------------------------------------------------------------------
# diagnoses.json: messages whose checksum was computed over a mistaken pre-image. The mistake
# is applied here, to the values or the prefix, before hashing; the diagnosis must find it.


def digest_over(prefix, scheme, fields):
    text = prefix + "".join(value_text(fields[name]) for name in SCHEMES[scheme]["fields"])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def diagnosis(id, comment, scheme, message_fields, *, hashed_fields=None, prefix=None, secret_key=SECRET,
              hashed_scheme=None, received=None, expect=None):
    """`message_fields` is what the message carries; `hashed_fields`/`prefix`/`hashed_scheme`
    what the sender hashed instead. `expect` is {"code", "fields"} or "match" or "none"."""
    secret_key = secret_for(scheme, secret_key)
    hashed_scheme = hashed_scheme or scheme
    if prefix is None:
        prefix = secret_key if SCHEMES[hashed_scheme]["prefix"]["kind"] == "secretKey" else "PAYHCM1.0"
    if received is None:
        source = hashed_fields if hashed_fields is not None else message_fields
        received = digest_over(prefix, hashed_scheme, source)
    own = checksum(scheme, message_fields, secret_key)
    assert (received == own) == (expect == "match"), id
    return {"id": id, "comment": comment, "scheme": scheme, "secretKey": secret_key,
            "message": {**message_fields, "checksum": received}, "expect": expect}


def diagnosis_cases():
    paygate = fields_for("paygate")
    result = fields_for("result")
    refund = fields_for("refund")
    lookup = fields_for("lookup")
    spaced = fields_for("paygate", accountCode="payment_test ")
    nfd = fields_for("paygate", orderInfo=VI_NFD)
    nfc = fields_for("paygate", orderInfo=VI_NFC)
    lower_pay = fields_for("result", type="pay")
    swapped = dict(paygate, orderId=paygate["orderInfo"], orderInfo=paygate["orderId"])
    found = lambda code, *fields: {"code": code, "fields": list(fields)}
    cases = [
        diagnosis("clean-match", "The checksum matches: nothing to diagnose.", "paygate", paygate, expect="match"),
        diagnosis("unexplained", "An unrelated checksum: no likely mistake reproduces it.", "paygate", paygate,
                  received=UNRELATED_HEX, expect="none"),
        diagnosis("trimmed-value", "The message carries accountCode with a trailing space (as the guide's "
                  "sample does); the sender hashed it trimmed.", "paygate", spaced,
                  hashed_fields=dict(spaced, accountCode="payment_test"), expect=found("TRIMMED", "accountCode")),
        diagnosis("nfc-hashed", "orderInfo arrives in NFD; the sender hashed the NFC form.", "paygate", nfd,
                  hashed_fields=nfc, expect=found("NFC", "orderInfo")),
        diagnosis("nfd-hashed", "orderInfo arrives in NFC; the sender hashed the NFD form (a macOS file name, "
                  "say).", "paygate", nfc, hashed_fields=nfd, expect=found("NFD", "orderInfo")),
        diagnosis("type-casing", "The result says type \"pay\" (as the guide's sample) but the gateway hashed "
                  "\"Pay\".", "result", lower_pay, hashed_fields=result, expect=found("TYPE_CASING", "type")),
        diagnosis("amount-decimal", "The sender wrote amount as 40000.0.", "paygate", paygate,
                  hashed_fields=dict(paygate, amount="40000.0"), expect=found("AMOUNT_FORMAT", "amount")),
        diagnosis("amount-thousands", "The sender wrote amount with a thousands separator, 40,000.", "refund",
                  fields_for("refund", amount=40000), hashed_fields=dict(refund, amount="40,000"),
                  expect=found("AMOUNT_FORMAT", "amount")),
        diagnosis("amount-times-100", "The sender hashed the amount in hundredths (x100).", "result", result,
                  hashed_fields=dict(result, amount=4000000), expect=found("AMOUNT_FORMAT", "amount")),
        diagnosis("amount-divided-100", "The sender hashed the amount divided by 100.", "paygate", paygate,
                  hashed_fields=dict(paygate, amount=400), expect=found("AMOUNT_FORMAT", "amount")),
        diagnosis("alias-used", "A lookup carrying both transactionNo and payTransId; the sender hashed the "
                  "payTransId value.", "lookup", dict(lookup, payTransId="13333267"),
                  hashed_fields=dict(lookup, transactionNo="13333267"), expect=found("ALIAS_USED", "transactionNo")),
        diagnosis("fields-swapped", "The sender hashed orderInfo before orderId.", "paygate", paygate,
                  hashed_fields=swapped, expect=found("FIELDS_SWAPPED", "orderId", "orderInfo")),
        diagnosis("field-missing", "The sender left transactionType out of the pre-image.", "refund", refund,
                  hashed_fields=dict(refund, transactionType=""), expect=found("FIELD_MISSING", "transactionType")),
        diagnosis("uppercase-value", "The sender hashed accessKey in upper case.", "lookup", lookup,
                  hashed_fields=dict(lookup, accessKey=lookup["accessKey"].upper()),
                  expect=found("UPPERCASE_VALUE", "accessKey")),
        diagnosis("secret-trimmed", "The secret key given to the debugger has a trailing newline, as pasted "
                  "from a file; the sender's has none.", "lookup", lookup, secret_key=SECRET + "\n",
                  prefix=SECRET, expect=found("SECRET_TRIMMED", "secretKey")),
        diagnosis("secret-missing", "The sender left the secret key out.", "refund", refund, prefix="",
                  expect=found("SECRET_MISSING", "secretKey")),
        diagnosis("prefix-missing", "The sender left PAYHCM1.0 out of the result pre-image.", "result", result,
                  prefix="", expect=found("PREFIX_MISSING", "prefix")),
        diagnosis("secret-as-prefix", "The sender put the secret key where PAYHCM1.0 belongs.", "result", result,
                  prefix=SECRET, expect=found("SECRET_AS_PREFIX", "prefix")),
        diagnosis("other-scheme", "A refund message whose checksum is the lookup scheme's over the same "
                  "values.", "refund", refund, hashed_scheme="lookup", expect=found("OTHER_SCHEME")),
    ]
    for c in cases:
        if c["scheme"] == "result":
            c["secretKey"] = SECRET if c["id"] == "secret-as-prefix" else None
    return cases + carried_over_cases() + url_encoding_cases()


# Habits carried over from other gateways' libraries, and encoding accidents. Each sender's
# pre-image is written out here in full (bytes), then hashed the way that sender hashes.

def joined(scheme, fields, sep="", prefix=None, names=None):
    """`prefix` (default: the secret or PAYHCM1.0) and the values of `names` (default: the
    scheme's order), joined by `sep`."""
    entry = SCHEMES[scheme]
    if prefix is None:
        prefix = SECRET if entry["prefix"]["kind"] == "secretKey" else entry["prefix"]["value"]
    values = [value_text(fields[n]) for n in (names or entry["fields"])]
    return sep.join(([prefix] if prefix != "" else []) + values)


def hashed(data, algorithm="sha256", key=None, encoding="hex"):
    data = data.encode("utf-8") if isinstance(data, str) else data
    key = key.encode("utf-8") if isinstance(key, str) else key
    digest = (hmac.new(key, data, algorithm).digest() if key is not None
              else hashlib.new(algorithm, data).digest())
    if encoding == "base64":
        return base64.b64encode(digest).decode("ascii")
    text = digest.hex()
    return text.lstrip("0") if encoding == "hex-stripped" else text


def carried(id, comment, scheme, message_fields, received, expect, secret_key=SECRET):
    secret_key = secret_for(scheme, secret_key)
    assert received != checksum(scheme, message_fields, secret_key), id
    return {"id": id, "comment": comment, "scheme": scheme, "secretKey": secret_key,
            "message": {**message_fields, "checksum": received}, "expect": expect}


def strip_accents(text):
    return "".join(c for c in unicodedata.normalize("NFD", text)
                   if unicodedata.category(c) != "Mn").replace("Đ", "D").replace("đ", "d")


def lower_hex(text):
    return re.sub(r"%[0-9A-F]{2}", lambda m: m.group(0).lower(), text)


# Each language's URL-encoding call, reproduced with urllib.parse: quote() and quote_plus() keep
# letters, digits and "_.-~" and whatever `safe` adds; a call that encodes "~" gets it back as
# %7E. Every other byte of the UTF-8 text is %XX (upper case hex, but for .NET's HttpUtility).
URL_ENCODERS = {
    # JavaScript: keeps A-Z a-z 0-9 - _ . ! ~ * ' ( ), a space as %20.
    "encodeURIComponent(s)": lambda t: urllib.parse.quote(t, safe="!~*'()"),
    # java.net.URLEncoder: keeps A-Z a-z 0-9 . - * _, a space as +.
    'URLEncoder.encode(s, "UTF-8")': lambda t: urllib.parse.quote_plus(t, safe="*").replace("~", "%7E"),
    # PHP urlencode: keeps A-Z a-z 0-9 - _ ., a space as +.
    "urlencode($s)": lambda t: urllib.parse.quote_plus(t, safe="").replace("~", "%7E"),
    # PHP rawurlencode (RFC 3986): keeps A-Z a-z 0-9 - _ . ~, a space as %20.
    "rawurlencode($s)": lambda t: urllib.parse.quote(t, safe=""),
    # .NET Uri.EscapeDataString: the same unreserved set as rawurlencode.
    "Uri.EscapeDataString(s)": lambda t: urllib.parse.quote(t, safe=""),
    # .NET System.Web.HttpUtility.UrlEncode: keeps A-Z a-z 0-9 - _ . ! * ( ), a space as +,
    # lower-case hex.
    "HttpUtility.UrlEncode(s)": lambda t: lower_hex(urllib.parse.quote_plus(t, safe="!*()").replace("~", "%7E")),
}
java_url_encode = URL_ENCODERS['URLEncoder.encode(s, "UTF-8")']
# A value each call writes differently (but rawurlencode and Uri.EscapeDataString, which agree).
URL_TRICKY = "Thanh toán (kỳ 5/2024) ~ *hóa đơn* 'A'! 100%"


def url_groups(texts):
    """The calls that change `texts`, grouped by what they make of them, in table order."""
    groups = {}
    for call, encode in URL_ENCODERS.items():
        made = tuple(encode(t) for t in texts)
        if made != tuple(texts):
            groups.setdefault(made, []).append(call)
    return list(groups.values())


def java_check():
    """java.net.URLEncoder itself against its reproduction above, when a JDK is installed."""
    java = shutil.which("java")
    if java is None:
        print("java not found: URLEncoder reproduction not checked against Java", file=sys.stderr)
        return True
    samples = [URL_TRICKY, "".join(chr(c) for c in range(0x20, 0x7F)), VI_NFC, VI_NFD, ASTRAL]
    args = [t.encode("utf-8").hex() for t in samples]
    out = subprocess.run([java, str(HERE / "java" / "UrlEncode.java"), *args], capture_output=True, text=True, check=True)
    got = out.stdout.splitlines()
    want = [java_url_encode(t) for t in samples]
    for sample, g, w in zip(samples, got, want):
        if g != w:
            print(f"URLEncoder.encode({sample!r}) is {g!r}, the reproduction gives {w!r}", file=sys.stderr)
    return got == want


def carried_over_cases():
    paygate = fields_for("paygate")
    vi = fields_for("paygate", orderInfo=VI_NFC)
    result_vi = fields_for("result", orderInfo=VI_NFC)
    refund = fields_for("refund")
    lookup = fields_for("lookup")
    found = lambda code, *fields: {"code": code, "fields": list(fields)}
    both = lambda codes, *fields: {"codes": list(codes), "fields": list(fields)}
    order = SCHEMES["paygate"]["fields"]
    changed = lambda f: [n for n in order if value_text(paygate[n]) != f(value_text(paygate[n]))]
    # A message whose SHA-256 starts with a zero digit, for the leading-zeros case.
    zero = next(fields_for("lookup", orderId=f"0507201900{i:02d}") for i in range(100)
                if hashlib.sha256(joined("lookup", fields_for("lookup", orderId=f"0507201900{i:02d}")).encode()).hexdigest()[0] == "0")
    json_body = json.dumps({n: paygate[n] for n in order}, separators=(",", ":"), ensure_ascii=False)
    sorted_kv = "&".join(f"{n}={value_text(refund[n])}" for n in sorted(refund))
    return [
        carried("hmac-sha256", "HMAC-SHA256 keyed with the secret key over the values (VNPay and MoMo "
                "libraries sign this way).", "paygate", paygate,
                hashed(joined("paygate", paygate, prefix=""), key=SECRET), found("HMAC")),
        carried("secret-at-end", "The secret key appended after the values instead of before them.", "lookup",
                lookup, hashed(joined("lookup", lookup, prefix="") + SECRET), found("SECRET_AT_END", "secretKey")),
        carried("separator-pipe", "Pieces joined by |, the secret included.", "refund", refund,
                hashed(joined("refund", refund, sep="|")), found("SEPARATOR")),
        carried("separator-comma", "Pieces joined by commas.", "lookup", lookup,
                hashed(joined("lookup", lookup, sep=",")), found("SEPARATOR")),
        carried("key-value-joined", "name=value pairs joined by & after the secret key.", "lookup", lookup,
                hashed(SECRET + "&".join(f"{n}={value_text(lookup[n])}" for n in SCHEMES["lookup"]["fields"])),
                found("KEY_VALUE_JOINED")),
        carried("fields-sorted", "The values in key-name order.", "paygate", paygate,
                hashed(joined("paygate", paygate, names=sorted(order))), found("FIELDS_SORTED")),
        carried("url-encoded-plus", "Values URL-encoded as Java's URLEncoder does (a space as +).", "paygate",
                paygate, hashed(SECRET + "".join(java_url_encode(value_text(paygate[n])) for n in order)),
                found("URL_ENCODED", *changed(java_url_encode))),
        carried("url-encoded-percent20", "Values URL-encoded with a space as %20 (encodeURIComponent).",
                "paygate", paygate,
                hashed(SECRET + "".join(URL_ENCODERS["encodeURIComponent(s)"](value_text(paygate[n])) for n in order)),
                found("URL_ENCODED", *changed(URL_ENCODERS["encodeURIComponent(s)"]))),
        carried("accents-stripped", "Accents stripped before hashing: Thanh toan tien dien thoai, Đ as D.",
                "paygate", vi, hashed(SECRET + "".join(strip_accents(value_text(vi[n])) for n in order)),
                found("ACCENTS_STRIPPED", "orderInfo")),
        carried("non-ascii-question-marks", "Every non-ASCII character hashed as ? (a string encoded as "
                "US-ASCII).", "paygate", vi,
                hashed((SECRET + "".join(value_text(vi[n]) for n in order)).encode("ascii", "replace")),
                found("NON_ASCII_AS_QUESTION_MARK", "orderInfo")),
        carried("paygov-order", "The PayGov/OpenCPS order: secretKey + accessKey + partnerCode + orderId + "
                "requestCode + amount.", "paygate", paygate,
                hashed(joined("paygate", paygate, names=["accessKey", "partnerCode", "orderId", "requestCode", "amount"])),
                found("PAYGOV_ORDER")),
        carried("hex-leading-zeros-dropped", "A digest starting with 0, written without its leading zeros "
                "(Java's BigInteger.toString(16)).", "lookup", zero,
                hashed(joined("lookup", zero), encoding="hex-stripped"), found("HEX_LEADING_ZEROS_DROPPED")),
        carried("digest-md5", "The right pre-image hashed with MD5.", "refund", refund,
                hashed(joined("refund", refund), "md5"), found("DIGEST_MD5")),
        carried("digest-sha512", "The right pre-image hashed with SHA-512.", "lookup", lookup,
                hashed(joined("lookup", lookup), "sha512"), found("DIGEST_SHA512")),
        carried("digest-base64", "The SHA-256 digest written in base64 (44 characters).", "paygate", paygate,
                hashed(joined("paygate", paygate), encoding="base64"), found("DIGEST_BASE64")),
        carried("json-body-hashed", "The JSON body (no checksum member, compact) hashed instead of the "
                "concatenation.", "paygate", paygate, hashed(json_body), found("JSON_BODY_HASHED")),
        carried("secret-base64-decoded", "The guide's secret key is base64 text; the sender hashed its decoded "
                "bytes.", "lookup", lookup, hashed(base64.b64decode(SECRET) + joined("lookup", lookup, prefix="").encode()),
                found("SECRET_BASE64_DECODED", "secretKey")),
        carried("secret-trailing-newline", "The sender read the secret key from a file, with its newline.",
                "refund", refund, hashed(joined("refund", refund, prefix=SECRET + "\n")),
                found("SECRET_TRAILING_NEWLINE", "secretKey")),
        carried("secret-trailing-crlf", "The sender read the secret key from a Windows file, with CR LF.",
                "lookup", lookup, hashed(joined("lookup", lookup, prefix=SECRET + "\r\n")),
                found("SECRET_TRAILING_NEWLINE", "secretKey")),
        carried("result-without-type", "A payment result hashed without type.", "result", fields_for("result"),
                hashed(joined("result", fields_for("result"), names=[n for n in SCHEMES["result"]["fields"] if n != "type"])),
                found("RESULT_WITHOUT_TYPE", "type")),
        # Two mistakes at once.
        carried("pair-city-portal", "The city payment portal's Java routine: a result hashed without type, "
                "every non-ASCII letter as ?.", "result", result_vi,
                hashed(joined("result", result_vi, names=[n for n in SCHEMES["result"]["fields"] if n != "type"])
                       .encode("ascii", "replace")),
                both(["NON_ASCII_AS_QUESTION_MARK", "RESULT_WITHOUT_TYPE"], "orderInfo", "type")),
        carried("pair-md5-secret-at-end", "MD5 over the values with the secret key at the end.", "lookup", lookup,
                hashed(joined("lookup", lookup, prefix="") + SECRET, "md5"),
                both(["SECRET_AT_END", "DIGEST_MD5"], "secretKey")),
        carried("pair-hmac-separator", "HMAC-SHA256 over the values joined by |.", "lookup", lookup,
                hashed(joined("lookup", lookup, sep="|", prefix=""), key=SECRET), both(["HMAC", "SEPARATOR"])),
        carried("pair-nfd-secret-newline", "orderInfo hashed in NFD and the secret key read with its newline.",
                "paygate", vi, hashed(SECRET + "\n" + "".join(unicodedata.normalize("NFD", value_text(vi[n])) for n in order)),
                both(["SECRET_TRAILING_NEWLINE", "NFD"], "secretKey", "orderInfo")),
        carried("pair-sorted-key-value", "name=value pairs in key-name order, after the secret key.", "refund",
                refund, hashed(SECRET + sorted_kv), both(["KEY_VALUE_JOINED", "FIELDS_SORTED"])),
    ]


def slug(call):
    return re.sub(r"[^a-z]+", "-", call.split("(")[0].lower()).strip("-")


def url_encoding_cases():
    """One field URL-encoded by each call that writes it differently, every field at once, and
    with another mistake. `mentions`: the calls the finding and its fix must name."""
    tricky = fields_for("paygate", orderInfo=URL_TRICKY)
    order = SCHEMES["paygate"]["fields"]
    cases = []

    def encoded(scheme, fields, names, encode, prefix=None):
        values = {n: encode(value_text(v)) if n in names else v for n, v in fields.items()}
        return hashed(joined(scheme, values, prefix=prefix))

    def expect(fields, calls, codes=("URL_ENCODED",)):
        out = {"code": codes[0]} if len(codes) == 1 else {"codes": list(codes)}
        return {**out, "fields": list(fields), "mentions": calls}

    for calls in url_groups([URL_TRICKY]):
        encode = URL_ENCODERS[calls[0]]
        cases.append(carried(f"url-{slug(calls[0])}-orderinfo", f"orderInfo alone URL-encoded by {' or '.join(calls)}.",
                             "paygate", tricky, encoded("paygate", tricky, ["orderInfo"], encode),
                             expect(["orderInfo"], calls)))
    url = value_text(PAYGATE["returnUrl"])
    [dotnet] = [g for g in url_groups([url]) if "HttpUtility.UrlEncode(s)" in g]
    cases.append(carried("url-httputility-returnurl", "returnUrl alone URL-encoded by .NET's HttpUtility.UrlEncode: "
                         "lower-case hex (%3a%2f%2f), which no other call writes.", "paygate", fields_for("paygate"),
                         encoded("paygate", fields_for("paygate"), ["returnUrl"], URL_ENCODERS["HttpUtility.UrlEncode(s)"]),
                         expect(["returnUrl"], dotnet)))
    refund = fields_for("refund", orderInfo="hoàn tiền đơn hàng 050720190008")
    [percent20] = [g for g in url_groups([refund["orderInfo"]]) if "encodeURIComponent(s)" in g]
    cases.append(carried("url-encodeuricomponent-refund", "The refund's orderInfo (its last field) URL-encoded with a "
                         "space as %20: encodeURIComponent, rawurlencode and Uri.EscapeDataString agree on it.", "refund",
                         refund, encoded("refund", refund, ["orderInfo"], URL_ENCODERS["encodeURIComponent(s)"]),
                         expect(["orderInfo"], percent20)))
    for call in ["urlencode($s)", "HttpUtility.UrlEncode(s)"]:
        encode = URL_ENCODERS[call]
        texts = [value_text(tricky[n]) for n in order]
        [group] = [g for g in url_groups(texts) if call in g]
        changed = [n for n in order if encode(value_text(tricky[n])) != value_text(tricky[n])]
        assert len(changed) > 1, call
        cases.append(carried(f"url-{slug(call)}-all-fields", f"Every value URL-encoded by {call}.", "paygate", tricky,
                             encoded("paygate", tricky, order, encode), expect(changed, group)))
    vi = fields_for("paygate", orderInfo=VI_NFC)
    [java] = [g for g in url_groups([VI_NFC]) if 'URLEncoder.encode(s, "UTF-8")' in g]
    cases.append(carried("pair-url-java-secret-newline", "orderInfo URL-encoded by Java's URLEncoder, and the secret key "
                         "read from a file with its newline.", "paygate", vi,
                         encoded("paygate", vi, ["orderInfo"], java_url_encode, prefix=SECRET + "\n"),
                         expect(["secretKey", "orderInfo"], java, ("SECRET_TRAILING_NEWLINE", "URL_ENCODED"))))
    return cases


# ---------------------------------------------------------------------------
# guide-examples.json: the guide's example bodies exactly as printed (typographic quotes,
# `check-sum`, keys and values with spaces), and what a tolerant reader must say of them.

GUIDE_RESULT_BODY = (
    "{\n    \"amount\": 40000,\n    \"orderId\": \"SBN_100012\",\n    \"orderInfo\": \"thanh toan tien dien thoai\",\n"
    "    \"payTransId\": \"1258485\",\n    \" payDate\":\" 20191212161254\u201d,\n    \"paygate\":\"momo\u201d,\n"
    "    \"errorCode\":\" 00\u201d,\n   \"type\":\" pay\u201d,\n"
    "\"check-sum\":\"3B2C7C400EB89625A82B9F92B82863F4E997A9DBDEA726AF7FBB4F2DBF6C2ABD \"\n }")
GUIDE_PAYGATE_BODY = (
    "{\n    \"partnerCode\": \"000.00.18.H29\",\n     \"accessKey\": \" f6047c5b34702d1edd05926c421317f62a58edc3e1c06ce74820d\",\n"
    "    \"amount\": 40000,\n    \"orderId\": \"SBN_100012\",\n    \"orderInfo\": \"thanh toan tien dien thoai\",\n"
    "    \"serviceCode\":\"hcm_dichvucong\",\n    \"requestCode\": \"12357851\",\n"
    "    \"returnUrl\": \"http://paydate.com.vn/return\",\n    \"ipAddress\":\"120.72.114.122\",\n"
    "    \"accountCode\":\"payment_test \",\n"
    "\"checksum\":\"3B2C7C400EB89625A82B9F92B82863F4E997A9DBDEA726AF7FBB4F2DBF6C2ABD \"\n }")
GUIDE_REFUND_BODY = (
    "{\n  \"partnerCode\": \"000.00.18.H29\",\n  \"accessKey\": \"f53abff08e6433696db0fdbe5e2e1d88f5f6e7624e4cd897db2ded626c0bee9b\",\n"
    "  \"transactionNo\": \"835651612\",\n  \"orderInfo\": \"N\u1ed9i dung\",\n  \"requestCode\": \"1590278921647\",\n"
    "  \"amount\": 10000,\n  \"orderId\": \"050720190008\",\n  \"transactionType\": \"02\"\n}")
GUIDE_LOOKUP_BODY = (
    "{\n  \"partnerCode\": \"000.00.18.H29\",\n  \"accessKey\": \"f53abff08e6433696db0fdbe5e2e1d88f5f6e7624e4cd897db2ded626c0bee9b\",\n"
    "  \"payTransId\": \"835651612\",\n  \"orderId\": \"050720190008\"\n \n}")


def guide_cases():
    return [
        {"id": "guide-result", "comment": "The result example: typographic closing quotes, \" payDate\", "
         "check-sum, values with leading spaces. Invalid JSON as printed.", "scheme": "result",
         "text": GUIDE_RESULT_BODY, "strictJson": False,
         "defects": ["KEY_WHITESPACE", "SMART_QUOTES", "SMART_QUOTES", "SMART_QUOTES", "SMART_QUOTES", "KEY_ALIAS"],
         "warnings": [["payDate", "WHITESPACE"], ["errorCode", "WHITESPACE"], ["type", "WHITESPACE"],
                      ["type", "TYPE_CASING"], ["checksum", "WHITESPACE"]],
         "errors": []},
        {"id": "guide-paygate", "comment": "The paygate example: valid JSON whose accessKey, accountCode and "
         "checksum carry stray spaces.", "scheme": "paygate", "text": GUIDE_PAYGATE_BODY, "strictJson": True,
         "defects": [],
         "warnings": [["accessKey", "WHITESPACE"], ["accountCode", "WHITESPACE"], ["checksum", "WHITESPACE"]],
         "errors": []},
        {"id": "guide-refund", "comment": "The refund example omits checksum, which the table requires.",
         "scheme": "refund", "text": GUIDE_REFUND_BODY, "strictJson": True, "defects": [], "warnings": [],
         "errors": [["checksum", "MISSING_FIELD"]]},
        {"id": "guide-lookup", "comment": "The lookup example sends payTransId where the table says "
         "transactionNo, and omits checksum.", "scheme": "lookup", "text": GUIDE_LOOKUP_BODY, "strictJson": True,
         "defects": [], "warnings": [["payTransId", "ALIAS"]], "errors": [["checksum", "MISSING_FIELD"]]},
    ]


def checked_guide_cases():
    cases = guide_cases()
    for c in cases:
        try:
            json.loads(c["text"])
            strict = True
        except json.JSONDecodeError:
            strict = False
        assert strict == c["strictJson"], c["id"]
    return cases


# ---------------------------------------------------------------------------
# lookups.json: the lookup in either reading of the guide. Its table names the transaction
# transactionNo, its example payTransId, in the request and in the answer alike.

# The body a builder sends: the transaction under both names, one value, the checksum over the
# table's formula (secretKey + partnerCode + accessKey + transactionNo + orderId).
LOOKUP_BODY_KEYS = ["partnerCode", "accessKey", "transactionNo", "payTransId", "orderId", "checksum"]
LOOKUP_CREDENTIALS = {"partnerCode": LOOKUP["partnerCode"], "accessKey": LOOKUP["accessKey"], "secretKey": SECRET}


def lookup_request(id, comment, given, problems=None):
    """A lookup built from `given` (transactionNo, payTransId or both, and orderId)."""
    case = {"id": id, "comment": comment, "given": given, "credentials": LOOKUP_CREDENTIALS}
    if problems is not None:
        return {**case, "result": "invalid", "problems": problems}
    transaction = given.get("transactionNo", given.get("payTransId"))
    fields = {"partnerCode": LOOKUP["partnerCode"], "accessKey": LOOKUP["accessKey"],
              "transactionNo": transaction, "orderId": given["orderId"]}
    body = dict(fields, payTransId=transaction, checksum=checksum("lookup", fields, SECRET))
    body = {key: body[key] for key in LOOKUP_BODY_KEYS}
    return {**case, "result": "valid", "preimage": preimage("lookup", fields, SECRET),
            "json": json.dumps(body, separators=(",", ":"), ensure_ascii=False)}


def lookup_requests():
    t, o = LOOKUP["transactionNo"], LOOKUP["orderId"]
    return [
        lookup_request("request-transaction-no", "The table's name only.", {"transactionNo": t, "orderId": o}),
        lookup_request("request-pay-trans-id", "The example's name only: sent under both names all the same.",
                       {"payTransId": t, "orderId": o}),
        lookup_request("request-both-names", "Both names with one value.", {"transactionNo": t, "payTransId": t, "orderId": o}),
        lookup_request("request-vietnamese-order", "An orderId with Vietnamese letters, hashed as UTF-8.",
                       {"transactionNo": t, "orderId": unicodedata.normalize("NFC", "HỒ_SƠ-0001")}),
        lookup_request("request-names-disagree", "Both names, two values: an error naming both, nothing sent.",
                       {"transactionNo": t, "payTransId": "835651613", "orderId": o},
                       problems=[["payTransId", "ALIAS_CONFLICT"]]),
    ]


LOOKUP_RESULT = dict(RESULT, paygate="vnpay", orderId="29.98.H29-310519-0001_201", payTransId="13333267",
                     payDate="20200712225148", orderInfo="Noi dung")


def signed_result(fields):
    return dict(fields, checksum=checksum("result", fields, None))


def lookup_answer(id, comment, record, expect, *, result=None, top_level=False):
    """A payment result, the gateway's answer to its lookup, and what the confirmation finds."""
    if top_level:
        answer = {"error_code": "SUCCESSFUL", "error_message": "", **record}
    else:
        answer = {"error_code": "SUCCESSFUL", "error_message": "", "data": record}
    return {"id": id, "comment": comment, "result": signed_result(result or LOOKUP_RESULT),
            "answer": json.dumps(answer, ensure_ascii=False), **expect}


def lookup_answers():
    r = LOOKUP_RESULT
    # The guide's example record, for the result above: amount as text, type in lower case.
    record = {"amount": str(r["amount"]), "partnerCode": LOOKUP["partnerCode"], "orderId": r["orderId"],
              "serviceCode": "hcm_dichvucong", "payTransId": r["payTransId"], "orderInfo": r["orderInfo"],
              "errorCode": "00", "paygate": r["paygate"], "type": "pay", "payDate": r["payDate"]}
    by_number = {k: v for k, v in record.items() if k != "payTransId"}
    by_number["transactionNo"] = r["payTransId"]
    table = {"partnerCode": LOOKUP["partnerCode"], "transactionNo": r["payTransId"], "requestCode": "12357851",
             "amount": str(r["amount"]), "paygate": r["paygate"], "orderId": r["orderId"], "orderInfo": r["orderInfo"],
             "payDate": r["payDate"], "type": "Pay", "errorCode": "00"}
    confirmed = lambda key: {"confirmed": True, "transactionKey": key, "problems": []}
    refused = lambda key, *problems: {"confirmed": False, "transactionKey": key, "problems": [list(p) for p in problems]}
    return [
        lookup_answer("answer-pay-trans-id", "The guide's example: data names the transaction payTransId.",
                      record, confirmed("payTransId")),
        lookup_answer("answer-transaction-no", "As the table names it: transactionNo.", by_number, confirmed("transactionNo")),
        lookup_answer("answer-both-names", "Both names, one value.", dict(record, transactionNo=r["payTransId"]),
                      confirmed("both")),
        lookup_answer("answer-names-disagree", "Both names, two values: not confirmed.",
                      dict(record, transactionNo="13333268"), refused(None, ("payTransId", "ALIAS_CONFLICT"))),
        lookup_answer("answer-another-transaction", "transactionNo names another transaction.",
                      dict(by_number, transactionNo="13333268"), refused("transactionNo", ("payTransId", "MISMATCH"))),
        lookup_answer("answer-no-transaction", "The record names no transaction at all.", by_number | {"transactionNo": None},
                      refused(None, ("payTransId", "MISMATCH"))),
        lookup_answer("answer-top-level", "The table's shape: the record beside error_code, no data.", table,
                      confirmed("transactionNo"), top_level=True),
        lookup_answer("answer-table-without-error-code", "The table's record lists no errorCode: without it a "
                      "cancelled payment cannot be told from a paid one, so it is not confirmed.",
                      {k: v for k, v in table.items() if k != "errorCode"}, refused("transactionNo", ("errorCode", "MISMATCH")),
                      top_level=True),
        lookup_answer("answer-claim-with-spaces", "The result writes \" 00\" and \" pay\", as the guide's result example "
                      "does: a claim, confirmed by a record of exactly 00.",
                      record, confirmed("payTransId"), result=dict(r, errorCode=" 00", type=" pay")),
        lookup_answer("answer-record-with-spaces", "The record writes \" 00\": the proof must be exact.",
                      dict(record, errorCode=" 00"), refused("payTransId", ("errorCode", "MISMATCH"))),
    ]


def render(obj):
    return json.dumps(obj, ensure_ascii=False, indent=2) + "\n"


# ---------------------------------------------------------------------------
# pastes.json: one signed payment request pasted as integrators paste it (pastes.py writes each
# tool's quoting), with and without its Authorization header; the token carries the message's
# own credentials and the secret key the checksum was computed with.

PASTE_FIELDS = fields_for("paygate", orderInfo="Thanh toán hóa đơn tháng 5/2024 – Điện lực 'Sài Gòn'!")
PASTE_CREDENTIALS = {"accessKey": PAYGATE["accessKey"], "secretKey": SECRET, "appName": "Cổng dịch vụ công",
                     "partnerCode": PAYGATE["partnerCode"], "partnerCodeCus": PAYGATE["partnerCode"]}


def paste_vectors():
    token = encode_token(PASTE_CREDENTIALS)
    message = {**PASTE_FIELDS, "checksum": checksum("paygate", PASTE_FIELDS, SECRET)}
    cases = paste_cases(message, token, SECRET, "paygate")
    assert len({c["id"] for c in cases}) == len(cases), "paste ids must be unique"
    for c in cases:
        assert (token in c["text"]) == (c["authorization"] is not None), c["id"]
    return {"generator": "tests/vectors/generate.py with pastes.py (each tool's quoting, independent of the crate)",
            "checksum": message["checksum"], "cases": cases}


def outputs():
    cases = checksum_cases()
    check_checksum_cases(cases)
    checksums = {"generator": "tests/vectors/generate.py (Python hashlib, independent of the crate)",
                 "schemes": SCHEMES, "cases": cases}
    return {HERE / "checksums.json": render(checksums),
            HERE / "authorization.json": render({"cases": authorization_cases()}),
            HERE / "diagnoses.json": render({"generator": checksums["generator"], "cases": diagnosis_cases()}),
            HERE / "guide-examples.json": render({"cases": checked_guide_cases()}),
            HERE / "lookups.json": render({"generator": checksums["generator"], "requests": lookup_requests(),
                                           "answers": lookup_answers()}),
            HERE / "pastes.json": render(paste_vectors())}


def main(argv):
    check = argv[1:] == ["--check"]
    if argv[1:] and not check:
        print("usage: generate.py [--check]", file=sys.stderr)
        return 2
    stale = [] if java_check() else ["UrlEncode.java"]
    for path, text in outputs().items():
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if check:
            if current != text:
                stale.append(path.name)
        elif current != text:
            path.write_text(text, encoding="utf-8", newline="\n")
    if stale:
        print("out of date: " + ", ".join(stale) + " (run python3 tests/vectors/generate.py)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
