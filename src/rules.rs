//! Small format rules used by validation: URLs, payment times, payment types.

/// Whether `s` is an absolute `http` or `https` URL with a host (and, if given, a port ≤ 65535).
pub fn is_http_url(s: &str) -> bool {
    let Some((scheme, rest)) = s.split_once(':') else { return false };
    let Some(rest) = rest.strip_prefix("//") else { return false };
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
            Some((addr, after)) if is_ipv6(addr) => (addr, after.strip_prefix(':')),
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

/// Whether `s` is an IPv4 or IPv6 address, exactly as `std::net::IpAddr` reads one. These few
/// lines stand in for the standard library's parser, which weighs 1.5 KB of the gzipped
/// WebAssembly core for a yes or no; the tests compare the two.
pub fn is_ip_address(s: &str) -> bool {
    ipv4_len(s.as_bytes()) == Some(s.len()) || is_ipv6(s)
}

/// Whether `s` is an IPv6 address, exactly as `std::net::Ipv6Addr` reads one: eight groups of one
/// to four hex digits, or fewer around one `::`, the last two of them possibly a dotted IPv4
/// address.
pub fn is_ipv6(s: &str) -> bool {
    let b = s.as_bytes();
    let (at, head, dotted) = ipv6_groups(b, 0, 8);
    if head == 8 {
        return at == b.len();
    }
    if dotted || b.get(at..at + 2) != Some(b"::") {
        return false;
    }
    ipv6_groups(b, at + 2, 7 - head).0 == b.len()
}

/// How many bytes of `b` a dotted IPv4 address starting it spans: four decimal numbers up to 255,
/// of one to three digits and no leading zero.
fn ipv4_len(b: &[u8]) -> Option<usize> {
    let mut at = 0;
    for i in 0..4 {
        if i > 0 {
            if b.get(at) != Some(&b'.') {
                return None;
            }
            at += 1;
        }
        let rest = b.get(at..).unwrap_or_default();
        let len = rest.iter().take_while(|c| c.is_ascii_digit()).count();
        if len == 0 || len > 3 || (len > 1 && rest.first() == Some(&b'0')) {
            return None;
        }
        if rest.iter().take(len).fold(0u32, |n, d| n * 10 + u32::from(d - b'0')) > 255 {
            return None;
        }
        at += len;
    }
    Some(at)
}

/// Up to `limit` colon-separated groups of an IPv6 address read from `at`: where they end, how
/// many 16-bit groups they make, and whether the last two were a dotted IPv4 address.
fn ipv6_groups(b: &[u8], mut at: usize, limit: usize) -> (usize, usize, bool) {
    for i in 0..limit {
        let start = match i {
            0 => at,
            _ if b.get(at) == Some(&b':') => at + 1,
            _ => return (at, i, false),
        };
        let rest = b.get(start..).unwrap_or_default();
        if i + 1 < limit {
            if let Some(len) = ipv4_len(rest) {
                return (start + len, i + 2, true);
            }
        }
        let digits = rest.iter().take_while(|c| c.is_ascii_hexdigit()).count();
        if digits == 0 || digits > 4 {
            return (at, i, false);
        }
        at = start + digits;
    }
    (at, limit, false)
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

    /// Every text of up to six characters from digits, hex letters and separators, then random
    /// longer ones and addresses cut and spliced: the same answer as the standard library's.
    #[test]
    fn ip_addresses_as_the_standard_library_reads_them() {
        let agree = |s: &str| {
            assert_eq!(is_ip_address(s), s.parse::<std::net::IpAddr>().is_ok(), "{s:?} as IpAddr");
            assert_eq!(is_ipv6(s), s.parse::<std::net::Ipv6Addr>().is_ok(), "{s:?} as Ipv6Addr");
        };
        let symbols = ['0', '1', '2', '5', 'f', ':', '.'];
        let mut texts = vec![String::new()];
        for _ in 0..6 {
            texts = texts.iter().flat_map(|t| symbols.iter().map(move |c| format!("{t}{c}"))).collect();
            texts.iter().for_each(|t| agree(t));
        }
        let known = [
            "120.72.114.122",
            "0.0.0.0",
            "255.255.255.255",
            "256.1.1.1",
            "01.2.3.4",
            "1.2.3",
            "1.2.3.4.5",
            "1.2.3.04",
            "::",
            "::1",
            "1::",
            "1:2:3:4:5:6:7:8",
            "1:2:3:4:5:6:7:8:9",
            "1:2:3:4:5:6:7::",
            "::2:3:4:5:6:7:8",
            "1:2:3:4:5:6:1.2.3.4",
            "::ffff:192.168.0.1",
            "64:ff9b::1.2.3.4",
            "1::2::3",
            "12345::",
            "fe80::1%eth0",
            "FE80:0000:0000:0000:0202:B3FF:FE1E:8329",
            "::1.2.3.4",
            "1.2.3.4::",
            "1:2:3:4:5:6:7:1.2.3.4",
            " ::1",
            "::1 ",
            "",
            "١٢٣.1.1.1",
            "1.2.3.4\0",
        ];
        known.iter().for_each(|t| agree(t));
        // A small xorshift: the same pseudo-random texts on every run.
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        };
        let pieces = ["0", "1", "ff", "FFFF", "12345", "255", "256", "01", ":", "::", ".", "1.2.3.4", "a", "g", ""];
        for _ in 0..200_000 {
            let text: String = (0..1 + next(12)).map(|_| pieces[next(pieces.len())]).collect();
            agree(&text);
            let mut cut = known[next(known.len())].to_owned();
            let end = next(cut.len() + 1);
            cut.truncate((0..=end).rev().find(|i| cut.is_char_boundary(*i)).unwrap_or(0));
            cut.push_str(pieces[next(pieces.len())]);
            agree(&cut);
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
