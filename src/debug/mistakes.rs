//! The mistakes the diagnosis tries, as data: each is a few edits to a draft of the pre-image
//! ([`crate::debug::draft`]). Any two mistakes that touch different parts of the draft compose,
//! which is how two mistakes at once are tried.

use serde_json::{Map, Value};

use crate::debug::draft::{part, Edit, Hidden, Join, Mistake, Transform};
use crate::debug::url_encoding::url_mistakes;
use crate::diagnose::{Change, FindingCode, Sentence};
use crate::scheme::{field_text, Scheme, SCHEMES};
use crate::validate::quoted;

/// Field names with their texts, in order.
pub type Texts = Vec<(&'static str, String)>;

/// What the mistakes are made from.
pub struct Ctx<'a> {
    /// The scheme.
    pub scheme: &'static Scheme,
    /// The message as given (aliases and all).
    pub given: &'a Map<String, Value>,
    /// The message's fields with aliases read as the table's names.
    pub fields: &'a Map<String, Value>,
    /// The scheme's field texts in pre-image order.
    pub texts: Vec<(&'static str, String)>,
    /// Every field text of the message (for other schemes' orders).
    pub all: Vec<(&'static str, String)>,
    /// The prefix the message implies (secret or literal).
    pub prefix: String,
    /// The secret key given, if any.
    pub secret: Option<&'a str>,
}

/// Both templates with each `{0}`, `{1}`… replaced by that value of `args`, by the crate's one
/// template filler ([`crate::said::fill`]): a `format!` per sentence would build its arguments
/// inline, and there are dozens of them (1 KB and more of the gzipped core).
pub(crate) fn say(en: &str, vi: &str, args: &[&str]) -> Sentence {
    let fill = |template| {
        crate::said::fill(template, &mut |name, out| match name.parse::<usize>().ok().and_then(|i| args.get(i)) {
            Some(arg) => {
                out.push_str(arg);
                true
            }
            None => false,
        })
    };
    Sentence { en: fill(en), vi: fill(vi) }
}

/// A change in words: `field: "from" → "to"`.
pub(crate) fn change(field: &str, from: Option<&str>, to: Option<&str>) -> Change {
    let note = match (from, to) {
        (Some(f), Some(t)) => say(
            "{0}: the message has {1}, the sender hashed {2}",
            "{0}: gói tin ghi {1}, bên gửi đã băm {2}",
            &[field, &quoted(f), &quoted(t)],
        ),
        (Some(f), None) => say(
            "{0}: the message has {1}, the sender left it out",
            "{0}: gói tin ghi {1}, bên gửi đã bỏ trường này",
            &[field, &quoted(f)],
        ),
        _ => say("{0}: changed", "{0}: đã thay đổi", &[field]),
    };
    Change::new(field, from.map(str::to_owned), to.map(str::to_owned), note)
}

/// A change to the secret key or prefix, said in words (its text is never shown): `en` and
/// `vi` are templates of [`say`].
fn said(field: &str, en: &str, vi: &str, args: &[&str]) -> Change {
    let (subject_en, subject_vi) = if field == "secretKey" {
        ("The secret key", "Khóa bí mật (secretKey)")
    } else {
        ("The prefix", "Tiền tố")
    };
    let what = say(en, vi, args);
    let note =
        Sentence { en: [subject_en, ": ", &what.en, "."].concat(), vi: [subject_vi, ": ", &what.vi, "."].concat() };
    Change::new(field, None, None, note)
}

/// One more mistake.
fn add(
    out: &mut Vec<Mistake>,
    code: FindingCode,
    edits: &[Edit],
    parts: u16,
    description: Sentence,
    changes: &[Change],
) {
    out.push(Mistake { code, edits: edits.to_vec(), parts, description, changes: changes.to_vec(), fix: None });
}

impl Ctx<'_> {
    fn text(&self, name: &str) -> Option<&str> {
        self.texts.iter().find(|(n, _)| *n == name).map(|(_, t)| t.as_str())
    }

    /// A rewrite of field values: one mistake per changed field, and one for all of them when
    /// more than one changes. `what_en` and `what_vi` say how the field was hashed.
    fn per_field(&self, out: &mut Vec<Mistake>, code: FindingCode, t: Transform, what_en: &str, what_vi: &str) {
        let en = "The sender hashed {0} {1}.";
        let vi = "Bên gửi đã băm {0} {2}.";
        let mut edits = Vec::new();
        let mut changes = Vec::new();
        let mut names: Vec<&str> = Vec::new();
        for (name, from) in self.texts.iter().filter(|(n, _)| *n != "amount") {
            let to = t.apply(from);
            if *from != to {
                let edit = Edit::Field(name, t.clone());
                let c = change(name, Some(from), Some(&to));
                add(
                    out,
                    code,
                    std::slice::from_ref(&edit),
                    part::TEXT,
                    say(en, vi, &[name, what_en, what_vi]),
                    std::slice::from_ref(&c),
                );
                edits.push(edit);
                changes.push(c);
                names.push(name);
            }
        }
        if names.len() > 1 {
            let list = names.join(", ");
            add(out, code, &edits, part::TEXT, say(en, vi, &[&list, what_en, what_vi]), &changes);
        }
    }
    /// A rewrite of every field at once (one mistake), when it changes something.
    fn all_fields(&self, out: &mut Vec<Mistake>, code: FindingCode, t: Transform, en: &str, vi: &str) {
        let mut changes = Vec::new();
        for (name, from) in &self.texts {
            let to = t.apply(from);
            if to != *from {
                changes.push(change(name, Some(from), Some(&to)));
            }
        }
        if !changes.is_empty() {
            add(out, code, &[Edit::AllFields(t)], part::TEXT, say(en, vi, &[]), &changes);
        }
    }
}

fn amount_forms(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let Ok(a) = text.parse::<u64>() else {
        // Written oddly ("40,000", "40000.0"): the sender may have hashed the plain digits, or
        // the whole part when every decimal after the last dot is a zero.
        let bytes = text.as_bytes();
        let whole = text.get(..bytes.iter().position(|b| *b == b'.' || *b == b',').unwrap_or(bytes.len()));
        let decimals = bytes.iter().rposition(|b| *b == b'.').and_then(|dot| bytes.get(dot + 1..));
        if let (Some(whole), Some(decimals)) = (whole, decimals) {
            if !whole.is_empty() && whole.bytes().all(|b| b.is_ascii_digit()) && decimals.iter().all(|b| *b == b'0') {
                out.push(whole.to_owned());
            }
        }
        out.push(text.chars().filter(char::is_ascii_digit).collect());
        return out;
    };
    let plain = a.to_string();
    let group = |sep: char| {
        let mut g = String::new();
        for (i, c) in plain.chars().enumerate() {
            if i > 0 && (plain.len() - i) % 3 == 0 {
                g.push(sep);
            }
            g.push(c);
        }
        g
    };
    // Each form once, and never the text as given.
    let mut add = |form: String| {
        if form != text && out.last() != Some(&form) {
            out.push(form);
        }
    };
    add(plain.clone() + ".0");
    add(plain.clone() + ".00");
    for sep in [',', '.', ' '] {
        add(group(sep));
    }
    if let Some(x) = a.checked_mul(100) {
        add(x.to_string());
    }
    if a % 100 == 0 {
        add((a / 100).to_string());
    }
    out
}

/// The field order of the PayGov/OpenCPS integration: `secretKey + accessKey + partnerCode +
/// orderId + requestCode + amount`.
pub const PAYGOV_ORDER: &[&str] = &["accessKey", "partnerCode", "orderId", "requestCode", "amount"];

/// Every single mistake worth trying for this message, most common first (pairs are tried in
/// the same order, so the likely ones come first when the budget runs out).
pub fn singles(ctx: &Ctx<'_>) -> Vec<Mistake> {
    use FindingCode as C;
    let s = ctx.scheme;
    let mut list = Vec::new();
    let out = &mut list;
    let secret_scheme = s.needs_secret();
    let secret = ctx.secret.filter(|_| secret_scheme);
    if let Some(secret) = secret {
        for (with_secret, en, vi) in [
            (false, "over the fields alone", "trên riêng các trường"),
            (true, "over the secret key and the fields", "trên khóa bí mật (secretKey) và các trường"),
        ] {
            add(
                out,
                C::Hmac,
                &[Edit::Hmac(with_secret)],
                part::HMAC,
                say(
                    "The sender computed an HMAC keyed with the secret key, {0}, instead of a plain hash of the secret key followed by the fields.",
                    "Bên gửi đã tính HMAC với khóa là khóa bí mật (secretKey), {1}, thay vì băm thường chuỗi gồm khóa bí mật rồi đến các trường.",
                    &[en, vi],
                ),
                &[],
            );
        }
        add(
            out,
            C::SecretAtEnd,
            &[Edit::PrefixAtEnd],
            part::PREFIX,
            say(
                "The sender put the secret key at the end of the pre-image instead of the start.",
                "Bên gửi đã đặt khóa bí mật (secretKey) ở cuối chuỗi trước khi băm thay vì ở đầu.",
                &[],
            ),
            &[said("secretKey", "put at the end instead of the start", "đặt ở cuối thay vì ở đầu", &[])],
        );
        for (ending, en, vi) in
            [("\n", "a newline (\\n)", "ký tự xuống dòng (\\n)"), ("\r\n", "CR LF (\\r\\n)", "CR LF (\\r\\n)")]
        {
            add(
                out,
                C::SecretTrailingNewline,
                &[Edit::Prefix(Some(Hidden([secret, ending].concat().into_bytes())))],
                part::PREFIX,
                say(
                    "The sender's secret key ends in {0}: it was read from a file with its line ending.",
                    "Khóa bí mật (secretKey) của bên gửi có thêm {1} ở cuối: khóa được đọc từ tệp kèm cả ký tự xuống dòng.",
                    &[en, vi],
                ),
                &[said("secretKey", "ends in {0}", "có thêm {1} ở cuối", &[en, vi])],
            );
        }
        if secret.trim() != secret {
            add(
                out,
                C::SecretTrimmed,
                &[Edit::Prefix(Some(Hidden(secret.trim().as_bytes().to_vec())))],
                part::PREFIX,
                say(
                    "The sender's secret key has no surrounding white space; the one given here does.",
                    "Khóa bí mật (secretKey) của bên gửi không có khoảng trắng ở đầu và cuối; khóa nhập ở đây thì có.",
                    &[],
                ),
                &[said(
                    "secretKey",
                    "hashed without the white space around the one given here",
                    "được băm không có khoảng trắng như khóa nhập ở đây",
                    &[],
                )],
            );
        }
        add(
            out,
            C::SecretMissing,
            &[Edit::Prefix(None)],
            part::PREFIX,
            say(
                "The sender left the secret key out of the pre-image.",
                "Bên gửi đã không đưa khóa bí mật (secretKey) vào chuỗi trước khi băm.",
                &[],
            ),
            &[said("secretKey", "left out of the pre-image", "không có trong chuỗi trước khi băm", &[])],
        );
        if let Ok(decoded) = crate::base64::decode(secret.trim(), crate::base64::Padding::Required) {
            if !decoded.is_empty() && decoded != secret.as_bytes() {
                add(
                    out,
                    C::SecretBase64Decoded,
                    &[Edit::Prefix(Some(Hidden(decoded)))],
                    part::PREFIX,
                    say(
                        "The sender base64-decoded the secret key and hashed its bytes instead of the key as issued.",
                        "Bên gửi đã giải mã base64 khóa bí mật (secretKey) rồi băm các byte đó thay vì dùng nguyên khóa được cấp.",
                        &[],
                    ),
                    &[said("secretKey", "base64-decoded before hashing", "bị giải mã base64 trước khi băm", &[])],
                );
            }
        }
    }
    if !secret_scheme {
        let prefix = &[ctx.prefix.as_str()];
        add(
            out,
            C::PrefixMissing,
            &[Edit::Prefix(None)],
            part::PREFIX,
            say(
                "The sender left the {0} prefix out of the pre-image.",
                "Bên gửi đã bỏ tiền tố {0} khỏi chuỗi trước khi băm.",
                prefix,
            ),
            &[said("prefix", "{0} left out of the pre-image", "{0} không có trong chuỗi trước khi băm", prefix)],
        );
        if let Some(secret) = ctx.secret {
            add(
                out,
                C::SecretAsPrefix,
                &[Edit::Prefix(Some(Hidden(secret.as_bytes().to_vec())))],
                part::PREFIX,
                say(
                    "The sender started the pre-image with the secret key instead of {0}.",
                    "Bên gửi đã mở đầu chuỗi trước khi băm bằng khóa bí mật (secretKey) thay cho tiền tố {0}.",
                    prefix,
                ),
                &[said(
                    "prefix",
                    "the secret key where {0} belongs",
                    "khóa bí mật (secretKey) nằm ở chỗ của {0}",
                    prefix,
                )],
            );
        }
    }
    ctx.per_field(out, C::Nfc, Transform::Nfc, "in NFC (composed) form", "ở dạng dựng sẵn (NFC)");
    ctx.per_field(out, C::Nfd, Transform::Nfd, "in NFD (decomposed) form", "ở dạng tổ hợp (NFD)");
    ctx.all_fields(
        out,
        C::AccentsStripped,
        Transform::StripAccents,
        "The sender stripped the accents before hashing (Đ as D, ệ as e).",
        "Bên gửi đã bỏ dấu trước khi băm (Đ thành D, ệ thành e).",
    );
    ctx.all_fields(
        out,
        C::NonAsciiAsQuestionMark,
        Transform::Question,
        "The sender hashed every non-ASCII character as ? (text encoded as ASCII, as Java's getBytes(\"US-ASCII\") does).",
        "Bên gửi đã băm mọi ký tự ngoài ASCII thành ? (chuỗi bị mã hóa ASCII, như getBytes(\"US-ASCII\") của Java).",
    );
    if s.id == "result" {
        if let Some(t) = ctx.text("type") {
            add(
                out,
                C::ResultWithoutType,
                &[Edit::Remove("type")],
                part::ORDER,
                say(
                    "The sender hashed the payment result without type, as the city payment portal's Java routine does.",
                    "Bên gửi đã băm kết quả thanh toán mà không có trường type, như đoạn mã Java của cổng thanh toán thành phố.",
                    &[],
                ),
                &[change("type", Some(t), None)],
            );
        }
    }
    for sep in ["|", ",", "&"] {
        add(
            out,
            C::Separator,
            &[Edit::Join(Join::Sep(sep))],
            part::JOIN,
            say(
                "The sender put {0} between the pieces of the pre-image; the gateway joins them with nothing between.",
                "Bên gửi đã chèn {0} giữa các phần của chuỗi trước khi băm; cổng thanh toán nối liền, không có ký tự ngăn cách.",
                &[&quoted(sep)],
            ),
            &[],
        );
    }
    add(
        out,
        C::KeyValueJoined,
        &[Edit::Join(Join::KeyValue)],
        part::JOIN,
        say(
            "The sender hashed name=value pairs joined by & (a query string) instead of the bare values.",
            "Bên gửi đã băm các cặp tên=giá trị nối bằng & (kiểu query string) thay vì chỉ các giá trị.",
            &[],
        ),
        &[],
    );
    // Each name put in its place as it comes: a dozen names do not need the standard library's
    // sort, which would be 3 KB of the WebAssembly core.
    let mut sorted: Vec<&'static str> = Vec::with_capacity(ctx.texts.len());
    for (name, _) in &ctx.texts {
        sorted.insert(sorted.partition_point(|s| s < name), name);
    }
    if sorted.iter().zip(&ctx.texts).any(|(a, (b, _))| a != b) {
        add(
            out,
            C::FieldsSorted,
            &[Edit::Order(sorted.clone())],
            part::ORDER,
            say(
                "The sender hashed the values in key-name order ({0}) instead of the scheme's order.",
                "Bên gửi đã băm các giá trị theo thứ tự tên trường ({0}) thay vì thứ tự của lược đồ.",
                &[&sorted.join(", ")],
            ),
            &[],
        );
    }
    if secret.is_some() && PAYGOV_ORDER.iter().all(|f| ctx.text(f).is_some()) {
        add(
            out,
            C::PaygovOrder,
            &[Edit::Order(PAYGOV_ORDER.to_vec())],
            part::ORDER,
            say(
                "The sender used the PayGov/OpenCPS order: secretKey + accessKey + partnerCode + orderId + requestCode + amount.",
                "Bên gửi đã dùng thứ tự của PayGov/OpenCPS: secretKey + accessKey + partnerCode + orderId + requestCode + amount.",
                &[],
            ),
            &[],
        );
    }
    let json = [Edit::Json, Edit::Prefix(None)];
    for (edits, en, vi) in [
        (&json[..], "the JSON body", "thân JSON của gói tin"),
        (
            &json[..1],
            "the secret key followed by the JSON body",
            "khóa bí mật (secretKey) rồi đến thân JSON của gói tin",
        ),
    ] {
        if edits.len() == 1 && !secret_scheme {
            continue;
        }
        add(
            out,
            C::JsonBodyHashed,
            edits,
            part::JOIN | part::PREFIX,
            say(
                "The sender hashed {0} instead of the concatenated values.",
                "Bên gửi đã băm {1} thay vì chuỗi các giá trị nối liền.",
                &[en, vi],
            ),
            &[],
        );
    }
    ctx.per_field(
        out,
        C::Trimmed,
        Transform::Trim,
        "with its surrounding white space removed",
        "sau khi bỏ khoảng trắng ở đầu và cuối",
    );
    if let Some(t) = ctx.text("type") {
        for cand in ["Pay", "pay", "PAY", "Refund", "refund", "REFUND"] {
            if cand != t && cand.eq_ignore_ascii_case(t.trim()) {
                add(
                    out,
                    C::TypeCasing,
                    &[Edit::Field("type", Transform::Set(cand.to_owned()))],
                    part::TEXT,
                    say(
                        "The sender hashed type as {0} where the message has {1}.",
                        "Bên gửi đã băm type là {0} trong khi gói tin ghi {1}.",
                        &[&quoted(cand), &quoted(t)],
                    ),
                    &[change("type", Some(t), Some(cand))],
                );
            }
        }
    }
    if let Some(a) = ctx.text("amount") {
        for form in &amount_forms(a) {
            add(
                out,
                C::AmountFormat,
                &[Edit::Field("amount", Transform::Set(form.clone()))],
                part::TEXT,
                say(
                    "The sender wrote amount as {0} where the message has {1}.",
                    "Bên gửi đã viết amount là {0} trong khi gói tin ghi {1}.",
                    &[&quoted(form), &quoted(a)],
                ),
                &[change("amount", Some(a), Some(form))],
            );
        }
    }
    for (alias, canon) in s.aliases {
        if let (Some(Value::String(v)), Some(cur)) = (ctx.given.get(*alias), ctx.text(canon)) {
            if v != cur {
                add(
                    out,
                    C::AliasUsed,
                    &[Edit::Field(canon, Transform::Set(v.clone()))],
                    part::TEXT,
                    say(
                        "The sender hashed {0} ({1}) as {2}.",
                        "Bên gửi đã dùng {0} ({1}) làm {2}.",
                        &[alias, &quoted(v), canon],
                    ),
                    &[change(canon, Some(cur), Some(v))],
                );
            }
        }
    }
    for (i, pair) in ctx.texts.windows(2).enumerate() {
        let [(a, ta), (b, tb)] = pair else { continue };
        if ta != tb {
            add(
                out,
                C::FieldsSwapped,
                &[Edit::Swap(i)],
                part::ORDER,
                say(
                    "The sender put {1} before {0}: the two fields are swapped in the pre-image.",
                    "Bên gửi đã đặt {1} trước {0}: hai trường bị đảo thứ tự trong chuỗi trước khi băm.",
                    &[a, b],
                ),
                &[change(a, Some(ta), Some(tb)), change(b, Some(tb), Some(ta))],
            );
        }
    }
    for (name, t) in &ctx.texts {
        if !t.is_empty() && (s.id != "result" || *name != "type") {
            add(
                out,
                C::FieldMissing,
                &[Edit::Remove(name)],
                part::ORDER,
                say(
                    "The sender left {0} out of the pre-image.",
                    "Bên gửi đã bỏ trường {0} khỏi chuỗi trước khi băm.",
                    &[name],
                ),
                &[change(name, Some(t), None)],
            );
        }
    }
    // ASCII case only: codes and keys are ASCII, and full Unicode case tables would weigh more
    // than the rest of the diagnosis.
    ctx.per_field(out, C::UppercaseValue, Transform::Upper, "in upper case", "bằng chữ hoa");
    ctx.per_field(out, C::LowercaseValue, Transform::Lower, "in lower case", "bằng chữ thường");
    for other in SCHEMES.iter().filter(|o| o.id != s.id) {
        if other.prefix_part(ctx.secret).is_ok() && other.fields.iter().all(|f| ctx.fields.contains_key(*f)) {
            add(
                out,
                C::OtherScheme,
                &[Edit::Scheme(other)],
                part::SCHEME | part::ORDER | part::PREFIX,
                say(
                    "The sender computed the {0} scheme's checksum, not the {1} scheme's.",
                    "Bên gửi đã tính checksum theo lược đồ {0} thay vì lược đồ {1}.",
                    &[other.id, s.id],
                ),
                &[],
            );
        }
    }
    // Last, so that pairs with them are tried after every pair of the mistakes above: a long
    // message makes many of them, one per field and call.
    url_mistakes(ctx, out);
    list
}

/// The scheme's field texts in order, and every other field text of the message.
pub fn texts(s: &Scheme, fields: &Map<String, Value>) -> (Texts, Texts) {
    let of = |f: &'static str| fields.get(f).and_then(|v| field_text(f, v).ok()).map(|t| (f, t.into_owned()));
    let mut own = Vec::new();
    for f in s.fields {
        own.extend(of(f));
    }
    let mut all: Vec<(&'static str, String)> = Vec::new();
    for o in SCHEMES {
        for f in o.fields {
            if !all.iter().any(|(n, _)| n == f) {
                all.extend(of(f));
            }
        }
    }
    (own, all)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mistakes_never_print_the_secret() {
        let fields = serde_json::json!({"partnerCode": "P", "accessKey": "A", "transactionNo": "1", "orderId": "O"});
        let map = fields.as_object().unwrap();
        let s = crate::scheme::scheme("lookup").unwrap();
        let (own, all) = texts(s, map);
        let secret = "hunter2-secret-value ";
        let ctx =
            Ctx { scheme: s, given: map, fields: map, texts: own, all, prefix: secret.into(), secret: Some(secret) };
        let shown = format!("{:?}", singles(&ctx));
        assert!(shown.contains("SecretTrailingNewline") && !shown.contains("hunter2"), "{shown}");
    }
}
