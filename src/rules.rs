//! Small format rules used by validation: URLs, payment times, payment types.

/// Whether `s` is an absolute `http` or `https` URL with a host (and, if given, a port ≤ 65535).
pub fn is_http_url(s: &str) -> bool {
    let Some((scheme, rest)) = s.split_once("://") else { return false };
    if !(scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https")) {
        return false;
    }
    if s.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return false;
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let (host, port) = if let Some(v6) = host_port.strip_prefix('[') {
        match v6.split_once(']') {
            Some((addr, after)) if addr.parse::<std::net::Ipv6Addr>().is_ok() => (addr, after.strip_prefix(':')),
            _ => return false,
        }
    } else {
        match host_port.rsplit_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (host_port, None),
        }
    };
    let host_ok = !host.is_empty() && host.chars().all(|c| c.is_alphanumeric() || matches!(c, '-' | '.' | '_' | ':'));
    let port_ok = port.is_none_or(|p| {
        !p.is_empty()
            && p.len() <= 5
            && p.bytes().all(|b| b.is_ascii_digit())
            && p.parse::<u32>().is_ok_and(|n| n <= 65535)
    });
    host_ok && port_ok
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

/// Whether `s` is a real time written `yyyyMMddHHmmss`.
pub fn is_pay_date(s: &str) -> bool {
    if s.len() != 14 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let num = |a: usize, b: usize| s.get(a..b).and_then(|t| t.parse::<u32>().ok()).unwrap_or(u32::MAX);
    let (y, mo, d, h, mi, se) = (num(0, 4), num(4, 6), num(6, 8), num(8, 10), num(10, 12), num(12, 14));
    y >= 1 && (1..=12).contains(&mo) && d >= 1 && d <= days_in_month(y, mo) && h < 24 && mi < 60 && se < 60
}

/// The table's spelling (`Pay`, `Refund`) of a payment type given in any casing.
pub fn pay_type(s: &str) -> Option<&'static str> {
    ["Pay", "Refund"].into_iter().find(|t| t.eq_ignore_ascii_case(s))
}

/// The one rule for a successful payment's `errorCode`, shared by `paid` and the confirmation:
/// exactly `00`, nothing trimmed or repaired (fail closed).
pub fn is_success_code(s: &str) -> bool {
    s == "00"
}

/// The one rule for a payment's `type`: `Pay` in any casing, nothing trimmed (fail closed).
pub fn is_payment_type(s: &str) -> bool {
    pay_type(s) == Some("Pay")
}

/// Whether a payment result claims a payment: `errorCode` `00` and `type` `Pay` (any casing),
/// white space around either allowed, as the guide's result example writes them (`" 00"`,
/// `" pay"`). A claim only decides whether to ask the gateway; the gateway's record, which
/// decides delivery, must meet [`is_success_code`] and [`is_payment_type`] exactly.
pub fn claims_payment(error_code: &str, kind: &str) -> bool {
    is_success_code(error_code.trim()) && is_payment_type(kind.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        for ok in [
            "http://paydate.com.vn/return",
            "https://a.b:8443/x?y#z",
            "HTTPS://localhost",
            "http://[::1]:3000/r",
            "http://u@h.vn/",
        ] {
            assert!(is_http_url(ok), "{ok}");
        }
        for bad in [
            "ftp://x",
            "http://",
            "/return",
            "http:// a",
            "http://h:99999/",
            "http://h:/",
            "http://[zz]/",
            "paydate.com.vn",
        ] {
            assert!(!is_http_url(bad), "{bad}");
        }
    }

    #[test]
    fn pay_dates() {
        assert!(is_pay_date("20191212161254"));
        assert!(is_pay_date("20240229000000"));
        for bad in
            ["20230229000000", "20191332000000", "20191212246000", "2019121216125", "2019121216125x", "00000101000000"]
        {
            assert!(!is_pay_date(bad), "{bad}");
        }
    }

    #[test]
    fn pay_types() {
        assert_eq!(pay_type("pay"), Some("Pay"));
        assert_eq!(pay_type("REFUND"), Some("Refund"));
        assert_eq!(pay_type("paid"), None);
        assert!(is_payment_type("pay") && is_payment_type("PAY"));
        for not_pay in ["Refund", "REFUNDED", "", " Pay", "Pay ", "paid"] {
            assert!(!is_payment_type(not_pay), "{not_pay:?}");
        }
        assert!(claims_payment(" 00", " pay") && claims_payment("00", "PAY") && claims_payment("00 ", "Pay\n"));
        for (code, kind) in
            [("24", "Pay"), ("0", "Pay"), ("\u{0}00", "Pay"), ("00", "Refund"), ("00", " refund"), ("00", "paid")]
        {
            assert!(!claims_payment(code, kind), "{code:?} {kind:?}");
        }
        assert!(is_success_code("00"));
        for not_success in [" 00", "00 ", "0", "000", "", "24", "\u{0}00"] {
            assert!(!is_success_code(not_success), "{not_success:?}");
        }
    }
}
