"""What integrators paste into the debugger, written here the way each tool writes it, for
pastes.json (see generate.py): a raw HTTP request as Fiddler or a log shows it, curl commands as
Chrome's "Copy as cURL (bash)" and "(cmd)" and Postman's code view write them, a log line, a JSON
log with the body inside a string, a Java Map.toString() dump, each with and without an
Authorization header.

The tools' quoting is reproduced from their published sources (Chrome DevTools'
NetworkLogView generateCurlCommand, escapeStringPosix and escapeStringWin; Postman's
code-generators curl codegen and its sanitize), not from the crate.
"""

import json
import re
import urllib.parse

URL = "https://paygate.example.vn/api/v1/paygate"
PATH = "/api/v1/paygate"
HOST = "paygate.example.vn"


def chrome_posix(text):
    """Chrome's escapeStringPosix: '…', or $'…' when the text has a control character, one of
    U+007F-U+009F, ! or '."""
    if re.search(r"[\x00-\x1f\x7f-\x9f!]|'", text):
        inner = text.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n").replace("\r", "\\r")
        inner = re.sub(r"[\x00-\x1f\x7f-\x9f!]", lambda m: "\\u%04x" % ord(m.group(0)), inner)
        return "$'" + inner + "'"
    return "'" + text + "'"


def chrome_win(text):
    """Chrome's escapeStringWin: ^"…^", every character it is not sure of behind a ^."""
    text = text.replace("\\", "\\\\").replace('"', '\\"')
    text = re.sub(r"[^a-zA-Z0-9\s_\-:=+~'/.',?;()*`]", lambda m: "^" + m.group(0), text)
    text = re.sub(r"%(?=[a-zA-Z0-9_])", "%^", text)
    text = re.sub(r"\r?\n", "^\n\n", text)
    return '^"' + text + '^"'


def chrome_curl(headers, body, platform):
    """Chrome's generateCurlCommand for a POST with a body (the method is inferred, so no -X)."""
    escape = chrome_win if platform == "win" else chrome_posix
    command = [re.sub(r"[\[{}\]]", lambda m: "\\" + m.group(0), escape(URL))]
    command += ["-H " + escape(f"{name}: {value}") for name, value in headers]
    command += ["--data-raw " + escape(body)]
    joiner = " ^\n  " if platform == "win" else " \\\n  "
    return "curl " + joiner.join(command)


def postman_curl(headers, body, legacy=False, cmd=False):
    """Postman's cURL snippet: --location, --header, the body as --data (its current app) or
    --request POST … --data-raw (earlier versions); single quotes with ' as '\\'' and \\ line
    continuations, or, set for cmd, double quotes with \\" and ^ continuations."""
    quote = '"' if cmd else "'"

    def sanitize(text):
        return text.replace('"', '\\"') if cmd else text.replace("'", "'\\''")

    indent = (" ^" if cmd else " \\") + "\n"
    head = f"curl --location --request POST {quote}{URL}{quote}" if legacy else f"curl --location {quote}{URL}{quote}"
    lines = [head] + [f"--header {quote}{sanitize(n)}: {sanitize(v)}{quote}" for n, v in headers]
    lines.append(f"{'--data-raw' if legacy else '--data'} {quote}{sanitize(body)}{quote}")
    return indent.join(lines)


def postman_urlencoded(headers, fields):
    """Postman's cURL snippet for an x-www-form-urlencoded body: one --data-urlencode a field."""
    def sanitize(text):
        return str(text).replace("'", "'\\''")
    lines = [f"curl --location '{URL}'"] + [f"--header '{n}: {sanitize(v)}'" for n, v in headers]
    lines += [f"--data-urlencode '{sanitize(k)}={sanitize(v)}'" for k, v in fields.items()]
    return " \\\n".join(lines)


def raw_http(headers, body):
    """A request as Fiddler's raw view shows it: CRLF line endings, absolute URL."""
    byte_length = len(body.encode("utf-8"))
    lines = [f"POST {URL} HTTP/1.1", f"Host: {HOST}"] + [f"{n}: {v}" for n, v in headers]
    lines.append(f"Content-Length: {byte_length}")
    return "\r\n".join(lines) + "\r\n\r\n" + body


def java_map(fields):
    """java.util.AbstractMap.toString() of a LinkedHashMap: {key=value, key=value}."""
    return "{" + ", ".join(f"{k}={v}" for k, v in fields.items()) + "}"


def pretty(message):
    """The body as Postman's editor holds it: four-space indented JSON."""
    return json.dumps(message, ensure_ascii=False, indent=4)


def compact(message):
    return json.dumps(message, ensure_ascii=False, separators=(",", ":"))


def paste_cases(message, token, secret, scheme, token_place=None):
    """Every paste of `message` (fields and checksum): with `token` in an Authorization header,
    and without. `secret` is the secret key the checksum was computed with (the token carries
    it)."""
    chrome_headers = [("accept", "application/json, text/plain, */*"), ("accept-language", "vi-VN,vi;q=0.9,en;q=0.8"),
                      ("content-type", "application/json"), ("origin", "https://dichvucong.example.vn"),
                      ("user-agent", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36")]
    postman_headers = [("Content-Type", "application/json")]
    log_prefix = "2024-05-01 10:22:33.123  INFO 18236 --- [nio-8080-exec-3] v.g.hcm.payment.PaygateController        : paygate request body="
    json_log = json.dumps({"@timestamp": "2024-05-01T10:22:33.123+07:00", "level": "INFO",
                           "logger_name": "vn.gov.hcm.payment.PaygateClient", "message": "paygate request",
                           "body": compact(message)}, ensure_ascii=False)
    kinds = [
        ("http-raw", "A raw HTTP request as Fiddler shows it (CRLF line endings).", ["HTTP_REQUEST"],
         lambda auth: raw_http([("Content-Type", "application/json; charset=utf-8")] + auth, compact(message))),
        ("http-form", "A raw HTTP request with a form body: amount read as the number it is written as.",
         ["HTTP_REQUEST", "FORM_FIELDS", "NUMBER_GUESSED"],
         lambda auth: raw_http([("Content-Type", "application/x-www-form-urlencoded")] + auth, urllib.parse.urlencode(message))),
        ("curl-chrome-bash", "Chrome's Copy as cURL (bash): the body in $'…' since orderInfo has a !.",
         ["CURL_COMMAND"], lambda auth: chrome_curl(chrome_headers[:2] + auth + chrome_headers[2:], compact(message), "unix")),
        ("curl-chrome-cmd", "Chrome's Copy as cURL (cmd): ^\"…^\" with ^ before every character cmd could read.",
         ["CURL_COMMAND"], lambda auth: chrome_curl(chrome_headers[:2] + auth + chrome_headers[2:], compact(message), "win")),
        ("curl-postman", "Postman's code view (its current app): --location, --header, --data with the body as "
         "its editor holds it.", ["CURL_COMMAND", "IGNORED_OPTIONS"],
         lambda auth: postman_curl(postman_headers + auth, pretty(message))),
        ("curl-postman-legacy", "Postman's code view (earlier versions): --request POST and --data-raw.",
         ["CURL_COMMAND", "IGNORED_OPTIONS"], lambda auth: postman_curl(postman_headers + auth, pretty(message), legacy=True)),
        ("curl-postman-cmd", "Postman's code view set for cmd: double quotes, \\\" inside, ^ at line ends.",
         ["CURL_COMMAND"], lambda auth: postman_curl(postman_headers + auth, compact(message), cmd=True)),
        ("curl-postman-urlencoded", "Postman's code view of an x-www-form-urlencoded body: one --data-urlencode a "
         "field.", ["CURL_COMMAND", "FORM_FIELDS"],
         lambda auth: postman_urlencoded(auth, message)),
        ("log-line", "A Spring Boot log line: time, level, thread, logger, then body= and the JSON.", ["LOG_PREFIX"],
         lambda auth: "".join(f"{n}: {v}\n" for n, v in auth) + log_prefix + compact(message)),
        ("json-log", "A JSON log line whose body member is the JSON body written as a string.",
         ["BODY_IN_MEMBER", "BODY_IN_STRING"], lambda auth: "".join(f"{n}: {v}\n" for n, v in auth) + json_log),
        ("java-map", "A Java Map.toString() dump: values unquoted, amount read as the number it is written as.",
         ["JAVA_TO_STRING", "NUMBER_GUESSED"], lambda auth: "".join(f"{n}: {v}\n" for n, v in auth) + java_map(message)),
    ]
    cases = []
    for kind, comment, defects, make in kinds:
        for with_token in (False, True):
            auth = [("Authorization", token)] if with_token else []
            text = make(auth)
            case_defects = defects + (["AUTHORIZATION"] if with_token else [])
            if with_token and kind in ("log-line", "json-log", "java-map"):
                case_defects.append("HEADER_LINES")
            cases.append({
                "id": f"{kind}{'-authorization' if with_token else ''}", "comment": comment, "kind": kind,
                "text": text, "scheme": scheme, "message": message, "secretKey": secret,
                "authorization": token if with_token else None, "defects": case_defects,
            })
    # The leftover of an earlier round: a lone Authorization line pasted with the JSON, above
    # or below it.
    cases.append({"id": "json-authorization-above", "comment": "An Authorization line pasted above the JSON body.",
                  "kind": "json", "text": f"Authorization: {token}\n{pretty(message)}", "scheme": scheme,
                  "message": message, "secretKey": secret, "authorization": token,
                  "defects": ["HEADER_LINES", "AUTHORIZATION"]})
    cases.append({"id": "json-authorization-below", "comment": "An Authorization line pasted below the JSON body.",
                  "kind": "json", "text": f"{pretty(message)}\nAuthorization: {token}", "scheme": scheme,
                  "message": message, "secretKey": secret, "authorization": token,
                  "defects": ["HEADER_LINES", "AUTHORIZATION"]})
    return cases
